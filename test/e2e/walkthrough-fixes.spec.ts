// What a receptionist's walkthrough found, fixed and driven in Chromium against the strict
// sandbox: the past is shaded and refused (unless the clinic allows it, then confirmed),
// keyboard focus stays where the receptionist acted, a "Not done" mark goes when the right
// code follows a wrong one, a bad field is said on its field before anything is sent, the
// series dialog speaks 24-hour times on the slot grid and checks the range is free, and a drop
// outside the day blames no time.
import type { Page } from '@playwright/test';
import { clockFrom } from '../support/clinic-clock.ts';
import { CLINIC_DATE, DAY_CLINIC, expect, openDay, test } from './fixtures.ts';
import { at, block, expectInLeyr, grab, leyrAppointment, pointAt, requestMark, writesSince } from './day-helpers.ts';
import { openSettings } from './settings-helpers.ts';

/** The id of the grid item that has the keyboard, and its column. */
async function focused(page: Page): Promise<{ key: string | null; column: string | null }> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return { key: active?.dataset.key ?? null, column: active?.closest<HTMLElement>('[data-resource-column]')?.dataset.resourceColumn ?? null };
  });
}

/** Calls the window sent to main over the bridge, by name. */
function watchCalls(page: Page): string[] {
  const sent: string[] = [];
  page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(String(frame.payload))));
  return sent;
}

test.describe('on the seeded day at 10:10', () => {
  // 10:10 on the care unit's clock: 08:00–10:10 has passed.
  test.use({ clinicOptions: { seedFile: DAY_CLINIC, demoDate: CLINIC_DATE, schedule: { careUnitNow: clockFrom(`${CLINIC_DATE}T10:10:00+01:00`) } } });

  test('the day opens at now: the now line in the upper part of the view', async ({ page, clinic }) => {
    await page.setViewportSize({ width: 1100, height: 420 });
    await openDay(page, clinic);
    const grid = await page.getByTestId('day-grid').boundingBox();
    const line = await page.getByTestId('now-line').boundingBox();
    expect(grid && line && line.y > grid.y + 44 && line.y < grid.y + grid.height / 2).toBe(true);
    expect(await page.getByTestId('day-grid').evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  });

  test('the past is shaded, its free time is not offered, and a drag into it snaps back saying why', async ({ page, clinic }) => {
    await openDay(page, clinic);
    await expect(page.getByTestId('past-shade')).toBeVisible();
    // No free stretch before 10:15 (the next slot start) is offered.
    const starts = await page.locator('.free[data-free-start]').evaluateAll((bands) => bands.map((band) => Number((band as HTMLElement).dataset.freeStart)));
    expect(starts.length).toBeGreaterThan(0);
    expect(starts.every((ms) => ms >= at(CLINIC_DATE, '10:15'))).toBe(true);

    const mark = await requestMark(clinic.sandbox);
    const target = await pointAt(page, 'res-b', '09:45', '08:00', 10);
    await grab(page, 'apt-b4');
    await page.mouse.move(target.x, target.y, { steps: 12 });
    const indicator = page.getByTestId('drag-indicator');
    await expect(indicator).toHaveText('09:45 has passed');
    await expect(indicator).toHaveAttribute('data-valid', 'false');
    await page.mouse.up();
    await expect(page.getByTestId('notice-error')).toContainText('Not moved: 09:45 has passed');
    await page.waitForTimeout(300);
    expect(await writesSince(clinic.sandbox, mark)).toEqual([]);
  });

  test('Alt+Down into the past is refused with the reason; the booking dialog offers no start that has passed', async ({ page, clinic }) => {
    await openDay(page, clinic);
    const mark = await requestMark(clinic.sandbox);
    await block(page, 'apt-c4').click();
    await page.keyboard.press('Alt+ArrowDown');
    await expect(page.getByTestId('notice-error')).toContainText('Not moved: 09:45 has passed');
    await page.waitForTimeout(300);
    expect(await writesSince(clinic.sandbox, mark)).toEqual([]);

    // Cilla Berg is free 10:00–12:00: the free time shown starts at 10:15, and so do the starts.
    await page.locator('[data-resource-column="res-c"] .free').first().click({ position: { x: 20, y: 4 } });
    const dialog = page.getByTestId('booking-dialog');
    await expect(dialog).toBeVisible();
    const options = await dialog.getByTestId('booking-start').locator('option').allTextContents();
    expect(options[0]).toBe('10:15');
    expect(options).not.toContain('10:00');
  });

  test('where the clinic allows it, a move into the past is confirmed first, then sent', async ({ page, clinic }) => {
    await openDay(page, clinic);
    const settings = await openSettings(page);
    await settings.getByTestId('settings-allow-past').check();
    await expect(settings.getByTestId('settings-allow-past')).toBeChecked();
    await page.keyboard.press('Escape');
    await expect(settings).toBeHidden();
    const questions: string[] = [];
    page.on('dialog', (dialog) => {
      questions.push(dialog.message());
      void dialog.accept();
    });
    await grab(page, 'apt-b4');
    const target = await pointAt(page, 'res-b', '09:45', '08:00', 10);
    await page.mouse.move(target.x, target.y, { steps: 12 });
    await expect(page.getByTestId('drag-indicator')).toHaveAttribute('data-valid', 'true');
    await page.mouse.up();
    expect(questions).toEqual(['This time has passed. Move anyway?']);
    await expectInLeyr(clinic.sandbox, 'apt-b4', (a) => a !== undefined && Date.parse(a.start) === at(CLINIC_DATE, '09:45'), 'apt-b4 moved to 09:45 in Leyr');
  });
});

test('after a cancel the keyboard stays in the column, where the appointment was', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await block(page, 'apt-b4').click();
  await page.keyboard.press('Delete');
  await page.getByTestId('cancel-reason').fill('Patienten ringde');
  await page.getByTestId('confirm-cancel').click();
  await expectInLeyr(clinic.sandbox, 'apt-b4', (a) => a?.status === 'cancelled', 'apt-b4 cancelled in Leyr');
  await expect(block(page, 'apt-b4')).toHaveCount(0);
  await expect.poll(async () => (await focused(page)).column).toBe('res-b');
  expect((await focused(page)).key).not.toBe('block:apt-a1');
  // And the keyboard goes on from there: Up is the item above, in the same column.
  await page.keyboard.press('ArrowUp');
  expect((await focused(page)).column).toBe('res-b');
});

test('after a booking the keyboard stays by the booked time, not on the first appointment of the day', async ({ page, clinic }) => {
  await openDay(page, clinic);
  // Cilla Berg's free time from 10:00, by keyboard: Enter books it.
  await block(page, 'apt-c4').click();
  await page.keyboard.press('ArrowDown');
  expect((await focused(page)).key).toBe(`free:res-c:${at(CLINIC_DATE, '10:00')}`);
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('booking-dialog');
  await dialog.getByTestId('patient-query').fill('Lindqvist');
  await dialog.getByRole('button', { name: 'Choose Astrid Lindqvist' }).click();
  await dialog.getByTestId('book-button').click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await focused(page)).column).toBe('res-c');
  expect((await focused(page)).key).not.toBe('block:apt-a1');
});

test('Delete after a mouse lasso starts the cancel of what the lasso took', async ({ page, clinic }) => {
  await openDay(page, clinic);
  // From Dr. Anna Ek's free 09:15 to Dr. Bo Lind's 09:25: the lasso takes b3 (09:00–09:30).
  const from = await pointAt(page, 'res-a', '09:15');
  const to = await pointAt(page, 'res-b', '09:25');
  await page.mouse.move(from.x - 40, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await expect(block(page, 'apt-b3')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Delete');
  const dialog = page.getByTestId('cancel-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('li')).toHaveCount(1);
  await expect(dialog.locator('li')).toContainText('09:00');
});

test('a drop above the grid snaps back without blaming a time', async ({ page, clinic }) => {
  await openDay(page, clinic);
  const mark = await requestMark(clinic.sandbox);
  const start = await grab(page, 'apt-b4');
  const header = await page.locator('[data-resource-column="res-c"] .col-head').boundingBox();
  if (header === null) throw new Error('no column header');
  await page.mouse.move(header.x + 40, start.y, { steps: 4 });
  await page.mouse.move(header.x + 40, header.y - 30, { steps: 8 });
  await expect(page.getByTestId('drag-indicator')).toHaveText('Dropped outside the day');
  await page.mouse.up();
  const notice = page.getByTestId('notice-error');
  await expect(notice).toContainText('Not moved: dropped outside the day');
  await expect(notice).not.toContainText('slot');
  await page.waitForTimeout(300);
  expect(await writesSince(clinic.sandbox, mark)).toEqual([]);
});

test('a bad e-mail or a name too long is marked on its field in the language, and nothing is sent', async ({ page, clinic }) => {
  const calls = watchCalls(page);
  await openDay(page, clinic);
  await page.locator('[data-resource-column="res-c"] .free').first().click({ position: { x: 20, y: 4 } });
  const dialog = page.getByTestId('booking-dialog');
  await dialog.getByRole('button', { name: 'New patient' }).click();
  await dialog.getByLabel('First name').fill('A'.repeat(101));
  await dialog.getByLabel('Last name').fill('Berg');
  await dialog.getByTestId('new-patient-pn').fill('19121212-1212');
  await dialog.getByTestId('new-patient-email').fill('anna@mottagning');
  await dialog.getByRole('button', { name: 'Create patient' }).click();
  await expect(dialog.getByTestId('email-problem')).toHaveText('Not an e-mail address');
  await expect(dialog.getByLabel('First name')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).not.toContainText('Invalid argument');
  expect(calls.some((frame) => frame.includes('createPatient'))).toBe(false);
});

test.describe('an EHR that confirms by code (Anita Systems)', () => {
  test.use({ clinicOptions: { seedFile: DAY_CLINIC, demoDate: CLINIC_DATE, emr: 'anitasystems' } });

  test('a wrong code marks the appointment "Not done"; the right code then clears the mark', async ({ page, clinic }) => {
    await openDay(page, clinic);
    const shown = block(page, 'apt-a3');
    await shown.dblclick();
    await page.getByTestId('details-dialog').getByTestId('open-code').click();
    const code = await clinic.sandbox.code('apt-a3');
    expect(code).not.toBeNull();
    const codeDialog = page.getByTestId('code-dialog');
    await codeDialog.getByTestId('code-input').fill(code === '000000' ? '111111' : '000000');
    await codeDialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(shown).toHaveAttribute('data-failed', 'true', { timeout: 10_000 });
    await codeDialog.getByTestId('code-input').fill(code ?? '');
    await codeDialog.getByRole('button', { name: 'Confirm' }).click();
    await expectInLeyr(clinic.sandbox, 'apt-a3', (a) => a?.status === 'booked', 'apt-a3 confirmed by the right code');
    await expect(shown).toHaveAttribute('data-status', 'booked');
    await expect(shown).not.toHaveAttribute('data-failed', 'true');
    expect((await leyrAppointment(clinic.sandbox, 'apt-a3'))?.status).toBe('booked');
  });
});

test('the series dialog offers 24-hour times on the slot grid and says "not free" before sending', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await block(page, 'apt-b1').click();
  await block(page, 'apt-b3').click({ modifiers: ['Shift'] });
  await page.getByRole('button', { name: 'Reschedule series…' }).click();
  const dialog = page.getByTestId('reschedule-dialog');
  const times = await dialog.getByLabel('New start').locator('option').allTextContents();
  expect(times.every((time) => /^\d{2}:\d{2}$/.test(time))).toBe(true);
  expect(times.slice(0, 3)).toEqual(['08:00', '08:15', '08:30']);
  const mark = await requestMark(clinic.sandbox);
  // 09:30–11:00 runs into Hugo Lund's 10:30 at Dr. Bo Lind: not free.
  await dialog.getByLabel('New start').selectOption({ label: '09:30' });
  await dialog.getByLabel('New end').selectOption({ label: '11:00' });
  await dialog.getByRole('button', { name: 'Reschedule' }).click();
  await expect(dialog.getByTestId('reschedule-problem')).toHaveText('Not free: Dr. Bo Lind has no free time from 09:30 to 11:00. Nothing was sent.');
  await page.waitForTimeout(300);
  expect(await writesSince(clinic.sandbox, mark)).toEqual([]);
  // 09:00–10:30 overlaps the series' own place, which it leaves: free.
  await dialog.getByLabel('New start').selectOption({ label: '09:00' });
  await dialog.getByLabel('New end').selectOption({ label: '10:30' });
  await dialog.getByRole('button', { name: 'Reschedule' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await writesSince(clinic.sandbox, mark)).length).toBeGreaterThan(0);
});
