// "Dr. Bo Lind is sick": rebook a doctor's day from the keyboard (R in her column), change one
// proposal, leave one out, confirm; each row shows its outcome and the sandbox holds the moves.
// Also from the selection bar in Swedish, and axe on the dialog.
import type { Page } from '@playwright/test';
import { CLINIC_DATE, DAY_CLINIC, expect, openDay, test } from './fixtures.ts';
import { block, leyrAppointment, requestMark, writesSince } from './day-helpers.ts';
import { expectNoSeriousViolations, focusedKey, tabIntoGrid } from './a11y-helpers.ts';

// The clinic's morning, before the day starts: every free time of the day can be proposed.
const MORNING = Date.parse(`${CLINIC_DATE}T07:00:00+01:00`);
test.use({ clinicOptions: { seedFile: DAY_CLINIC, demoDate: CLINIC_DATE, schedule: { now: () => MORNING } } });

const iso = (hhmm: string, date = CLINIC_DATE): string => new Date(`${date}T${hhmm}:00+01:00`).toISOString();

/** Tabs (forwards) until the element is focused. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>): Promise<void> {
  for (let i = 0; i < 40; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the element');
}

test.describe('in English', () => {
  test.use({ locale: 'en-US' });

  test('a doctor’s day from the keyboard: change one proposal, leave one out, confirm, outcomes per row', async ({ page, clinic }) => {
    await openDay(page, clinic);
    await tabIntoGrid(page);
    await expect.poll(() => focusedKey(page)).toBe('block:apt-a1');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focusedKey(page)).toBe('block:apt-b1');
    await page.keyboard.press('r');
    const dialog = page.getByTestId('rebook-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading')).toHaveText(/^Rebook Dr\. Bo Lind’s 4 appointments, Monday, March 23/);
    const row = (id: string) => dialog.locator(`[data-rebook-row="${id}"]`);
    await expect(row('apt-b1')).toContainText('Tolvan Tolvansson');
    await expect(row('apt-b1')).toContainText('09:00–09:30, Dr. Anna Ek');
    await expect(row('apt-b1')).toContainText('nearest free time that day');
    await expect(row('apt-b4')).toContainText('Hugo Lund');
    await expect(row('apt-b4')).toContainText('same time, Dr. Anna Ek');

    await expectNoSeriousViolations(page, 'the rebook dialog', '[data-testid="rebook-dialog"]');

    // Hugo Lund goes to Cilla Berg at the same time instead: the next choice of his list.
    const hugo = dialog.getByLabel('New time for Hugo Lund 10:30–11:00');
    await tabTo(page, hugo);
    await page.keyboard.press('ArrowDown');
    await expect(row('apt-b4')).toContainText('same time, Sjuksköterska Cilla Berg');
    // Tolvan's 08:30 stays (left out).
    const left = dialog.getByLabel('Move Tolvan Tolvansson 08:30–09:00');
    await left.focus();
    await page.keyboard.press('Space');
    await expect(left).not.toBeChecked();

    const mark = await requestMark(clinic.sandbox);
    const confirm = dialog.getByRole('button', { name: 'Move 3 appointments' });
    await tabTo(page, confirm);
    await page.keyboard.press('Enter');
    for (const id of ['apt-b1', 'apt-b3', 'apt-b4']) await expect(row(id).getByTestId('rebook-status')).toHaveText('Moved', { timeout: 10_000 });
    await expect(row('apt-b2').getByTestId('rebook-status')).toHaveText('Left out');

    expect((await leyrAppointment(clinic.sandbox, 'apt-b1'))).toMatchObject({ resource_id: 'res-a' });
    expect(new Date((await leyrAppointment(clinic.sandbox, 'apt-b1'))?.start ?? 0).toISOString()).toBe(iso('09:00'));
    expect((await leyrAppointment(clinic.sandbox, 'apt-b3'))?.resource_id).toBe('res-c');
    expect(new Date((await leyrAppointment(clinic.sandbox, 'apt-b3'))?.start ?? 0).toISOString()).toBe(iso('10:00'));
    expect((await leyrAppointment(clinic.sandbox, 'apt-b4'))?.resource_id).toBe('res-c');
    expect(new Date((await leyrAppointment(clinic.sandbox, 'apt-b4'))?.start ?? 0).toISOString()).toBe(iso('10:30'));
    expect((await leyrAppointment(clinic.sandbox, 'apt-b2'))?.resource_id).toBe('res-b');
    const writes = await writesSince(clinic.sandbox, mark);
    expect(writes).toHaveLength(3);

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(block(page, 'apt-b4')).toHaveAttribute('data-status', 'booked');
    // The selection bar's results name the appointments, never ids.
    const results = page.getByTestId('operation-results');
    await expect(results).toContainText('Hugo Lund');
    await expect(results).not.toContainText('apt-');
  });

  test('the bulk move dialog names who has no slot, and moves only the ones that fit', async ({ page, clinic }) => {
    await openDay(page, clinic);
    await block(page, 'apt-b3').click();
    await block(page, 'apt-b4').click({ modifiers: ['ControlOrMeta'] });
    await page.getByRole('button', { name: 'Move to resource…' }).click();
    const dialog = page.getByTestId('move-resource-dialog');
    await dialog.getByTestId('move-resource-select').selectOption('res-c');
    const blockers = dialog.getByTestId('move-resource-blockers');
    await expect(blockers).toContainText('1 of them has no free slot there:');
    await expect(blockers.getByRole('listitem')).toHaveText(['Tolvan Tolvansson 09:00: no free slot at Sjuksköterska Cilla Berg']);
    await expectNoSeriousViolations(page, 'the move-to-resource dialog', '[data-testid="move-resource-dialog"]');
    const mark = await requestMark(clinic.sandbox);
    await dialog.getByRole('button', { name: 'Move the 1 that fits' }).click();
    await expect(dialog).toBeHidden();
    const results = page.getByTestId('operation-results');
    await expect(results.locator('[data-result="done"]')).toHaveCount(1, { timeout: 10_000 });
    await expect(results).toContainText('Hugo Lund');
    const writes = await writesSince(clinic.sandbox, mark);
    expect(writes).toHaveLength(1);
    expect((await leyrAppointment(clinic.sandbox, 'apt-b4'))?.resource_id).toBe('res-c');
    expect((await leyrAppointment(clinic.sandbox, 'apt-b3'))?.resource_id).toBe('res-b');
  });
});

test.describe('after the day changed', () => {
  // At 10:25 Hugo Lund's 10:30 has not started: it can be rebooked.
  const BEFORE = Date.parse(`${CLINIC_DATE}T10:25:00+01:00`);
  test.use({ locale: 'en-US', clinicOptions: { seedFile: DAY_CLINIC, demoDate: CLINIC_DATE, schedule: { now: () => BEFORE } } });

  test('a rebooked appointment keeps its name and time in the results on another day', async ({ page, clinic }) => {
    await openDay(page, clinic);
    await expect(block(page, 'apt-b4')).toContainText('Hugo Lund');
    await block(page, 'apt-b4').click();
    await page.getByRole('button', { name: 'Rebook…' }).click();
    const dialog = page.getByTestId('rebook-dialog');
    const row = dialog.locator('[data-rebook-row="apt-b4"]');
    await expect(row).toContainText('same time, Dr. Anna Ek');
    await dialog.getByRole('button', { name: 'Move 1 appointment' }).click();
    await expect(row.getByTestId('rebook-status')).toHaveText('Moved', { timeout: 10_000 });
    expect((await leyrAppointment(clinic.sandbox, 'apt-b4'))?.resource_id).toBe('res-a');
    await page.keyboard.press('Escape');
    // The next day: the appointment is in no day on screen, and the results still name it, never by its id.
    await page.keyboard.press('PageDown');
    await expect(page.locator('[data-testid="day-grid"][data-day="2026-03-24"]')).toBeVisible();
    const results = page.getByTestId('operation-results');
    await expect(results.locator('[data-appointment-result="apt-b4"]')).toContainText('Hugo Lund 10:30–11:00');
    await expect(results).not.toContainText('apt-b4');
  });
});

test.describe('a bulk move Leyr refuses whole', () => {
  test.use({ locale: 'en-US' });

  test('is pinned on the appointment whose slot another desk took; the other row says it was not moved because of it', async ({ page, clinic }) => {
    await openDay(page, clinic);
    await page.evaluate(() => window.frontdesk.cancelAppointments({ ids: ['apt-c1', 'apt-c2'], reason: 'Test' }));
    await expect.poll(async () => (await leyrAppointment(clinic.sandbox, 'apt-c2'))?.status, { timeout: 10_000 }).toBe('cancelled');
    await page.evaluate((date) => window.frontdesk.refreshDay({ date }), CLINIC_DATE);
    await block(page, 'apt-b1').click();
    await block(page, 'apt-b2').click({ modifiers: ['ControlOrMeta'] });
    await page.getByRole('button', { name: 'Rebook…' }).click();
    const dialog = page.getByTestId('rebook-dialog');
    await expect(dialog.locator('[data-rebook-row="apt-b2"]')).toContainText('same time, Sjuksköterska Cilla Berg');
    // Meanwhile another desk books Cilla Berg's 08:30 in Leyr: this window still has it free.
    const booked = await fetch(`${clinic.services.demoSandbox?.apiBaseUrl}/emrs/webdoc/care-units/L0_1/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-leyr-client-id': 'frontdesk-demo', 'x-leyr-client-secret': 'frontdesk-demo-secret' },
      body: JSON.stringify({ start: '2026-03-23T08:30:00+01:00', end: '2026-03-23T09:00:00+01:00', patient_id: 'pat-010', resource_id: 'res-c', healthcare_service_id: 'svc-30', comment: '' }),
    });
    expect(booked.status).toBe(201);
    await dialog.getByRole('button', { name: 'Move 2 appointments' }).click();
    const status = (id: string) => dialog.locator(`[data-rebook-row="${id}"]`).getByTestId('rebook-status');
    await expect(status('apt-b2')).toContainText('Refused', { timeout: 10_000 });
    await expect(status('apt-b1')).toHaveText('Not moved: Tolvan Tolvansson 08:30–09:00 had no free slot there');
    expect((await leyrAppointment(clinic.sandbox, 'apt-b1'))?.resource_id).toBe('res-b');
    expect((await leyrAppointment(clinic.sandbox, 'apt-b2'))?.resource_id).toBe('res-b');
  });
});

test.describe('på svenska', () => {
  test.use({ locale: 'sv-SE' });

  test('från markeringen: två som behåller sina tider flyttas i en enda begäran', async ({ page, clinic }) => {
    await openDay(page, clinic);
    // Cilla Berg's first two patients are cancelled first: Bo Lind's 08:00 and 08:30 then fit her at the same times.
    await page.evaluate(() => window.frontdesk.cancelAppointments({ ids: ['apt-c1', 'apt-c2'], reason: 'Test' }));
    await expect(block(page, 'apt-c1')).toHaveCount(0, { timeout: 10_000 });
    await expect.poll(async () => (await leyrAppointment(clinic.sandbox, 'apt-c2'))?.status, { timeout: 10_000 }).toBe('cancelled');
    // Leyr's free slots of the day as they are now (the proposal reads the store's copy).
    await page.evaluate((date) => window.frontdesk.refreshDay({ date }), CLINIC_DATE);
    await block(page, 'apt-b1').click();
    await block(page, 'apt-b2').click({ modifiers: ['ControlOrMeta'] });
    await page.getByRole('button', { name: 'Boka om…' }).click();
    const dialog = page.getByTestId('rebook-dialog');
    await expect(dialog.getByRole('heading')).toHaveText(/^Boka om 2 bokningar/);
    await expect(dialog.locator('[data-rebook-row="apt-b1"]')).toContainText('samma tid, Sjuksköterska Cilla Berg');
    const mark = await requestMark(clinic.sandbox);
    await dialog.getByRole('button', { name: 'Flytta 2 bokningar' }).click();
    await expect(dialog.getByTestId('rebook-status').first()).toHaveText('Flyttad', { timeout: 10_000 });
    await expect(dialog.getByTestId('rebook-status').nth(1)).toHaveText('Flyttad', { timeout: 10_000 });
    const writes = await writesSince(clinic.sandbox, mark);
    expect(writes).toHaveLength(1);
    expect((writes[0]?.body as { ids: string[]; resource_id: string }).resource_id).toBe('res-c');
    expect((await leyrAppointment(clinic.sandbox, 'apt-b2'))?.resource_id).toBe('res-c');
  });
});
