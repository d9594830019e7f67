// What a receptionist's pass over the day view turned up, kept fixed: dates typed and read
// in the language's own format, a wrong code said in the code entry (which stays open for
// the right one), Leyr's refusals in Swedish without ids, messages that never cover the
// selection bar, and the booking dialog saying which day it books.
import { CLINIC_DATE, DAY_CLINIC, expect, openDay, test } from './fixtures.ts';
import { anotherDeskBooksCillaAtEleven, block, dragBlockTo, expectInLeyr, leyrAppointment, pointAt } from './day-helpers.ts';

test.describe('on a Swedish computer', () => {
  test.use({ locale: 'sv-SE' });

  test('the date field shows and takes the language’s format, not the browser’s', async ({ page, clinic }) => {
    await openDay(page, clinic);
    const field = page.getByLabel('Datum');
    await expect(field).toHaveValue('2026-03-23');
    await page.getByRole('button', { name: 'English' }).click();
    // English on a Swedish computer is British English: day first.
    await expect(page.getByLabel('Date')).toHaveValue('23/03/2026');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('g');
    await expect(page.getByLabel('Date')).toBeFocused();
    await page.keyboard.type('25/03/2026');
    await expect(page.locator('[data-testid="day-grid"][data-day="2026-03-25"]')).toBeVisible();
    await expect(page.getByTestId('day-title')).toContainText('Wednesday, 25 March 2026');
    // Something that is not a date is said, and changes nothing.
    await page.getByLabel('Date').fill('31/02/2026');
    await page.getByLabel('Date').press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'Not a date' })).toContainText('DD/MM/YYYY');
    await expect(page.locator('[data-testid="day-grid"][data-day="2026-03-25"]')).toBeVisible();
    // Leaving the field puts the day shown back in it.
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Date')).toHaveValue('25/03/2026');
  });

  test('Leyr’s refusal of a move is said in Swedish, without ids, and the block goes back', async ({ page, clinic }) => {
    await openDay(page, clinic);
    expect(await anotherDeskBooksCillaAtEleven(clinic.services.demoSandbox?.apiBaseUrl)).toBe(201);
    await dragBlockTo(page, 'apt-b4', 'res-c', '11:00');
    await expect(page.getByTestId('drag-indicator')).toHaveAttribute('data-valid', 'true');
    await page.mouse.up();
    const notice = page.getByTestId('notice-error').last();
    await expect(notice).toContainText('Leyr nekade: Tiden är inte ledig längre', { timeout: 15_000 });
    await expect(notice).toContainText(/^Flytt av .+: Leyr nekade: /);
    await expect(notice).not.toContainText('apt-b4');
    await expect(block(page, 'apt-b4')).toHaveAttribute('data-failed', 'true');
    expect((await leyrAppointment(clinic.sandbox, 'apt-b4'))?.resource_id).toBe('res-b');
  });
});

test.describe('an EHR that confirms by code (Anita Systems)', () => {
  test.use({ clinicOptions: { seedFile: DAY_CLINIC, demoDate: CLINIC_DATE, emr: 'anitasystems', schedule: { retry: { baseMs: 200, maxMs: 800 } } } });

  test('a wrong code is said in the code entry, which stays open; the right code then confirms', async ({ page, clinic }) => {
    await openDay(page, clinic);
    await block(page, 'apt-a3').dblclick();
    await page.getByTestId('details-dialog').getByTestId('open-code').click();
    const dialog = page.getByTestId('code-dialog');
    await dialog.getByTestId('code-input').fill('000000');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(dialog.getByTestId('code-error')).toContainText('The EHR did not accept the code', { timeout: 10_000 });
    await expect(dialog).toBeVisible();
    expect((await leyrAppointment(clinic.sandbox, 'apt-a3'))?.status).toBe('awaiting_confirmation');
    // Said in the dialog, not again as a notice over the grid.
    await expect(page.getByTestId('notice-error')).toHaveCount(0);

    const code = await clinic.sandbox.code('apt-a3');
    expect(code).not.toBeNull();
    await dialog.getByTestId('code-input').fill(code ?? '');
    await expect(dialog.getByTestId('code-error')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(dialog).toBeHidden({ timeout: 10_000 });
    await expect(page.getByTestId('notices')).toContainText('The EHR accepted the code.');
    await expectInLeyr(clinic.sandbox, 'apt-a3', (a) => a?.status === 'booked', 'apt-a3 confirmed by the code');
  });

  test('offline, a code is kept for later and the dialog says so', async ({ page, clinic }) => {
    await openDay(page, clinic);
    await clinic.sandbox.setFaults({ offline: true });
    // Main judges the line by real calls: two refreshes that fail.
    for (let i = 0; i < 2; i += 1) await page.evaluate((date) => window.frontdesk.refreshDay({ date }), CLINIC_DATE);
    await expect(page.getByTestId('connectivity')).toContainText('Offline', { timeout: 10_000 });
    await block(page, 'apt-a3').dblclick();
    await page.getByTestId('details-dialog').getByTestId('open-code').click();
    const code = await clinic.sandbox.code('apt-a3');
    const dialog = page.getByTestId('code-dialog');
    await dialog.getByTestId('code-input').fill(code ?? '');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('notices')).toContainText('the code is saved and will be sent as soon as it can');
    await clinic.sandbox.clearFaults();
    await expectInLeyr(clinic.sandbox, 'apt-a3', (a) => a?.status === 'booked', 'the kept code reached Leyr once it was back');
  });
});

test('messages sit above the selection bar, never over its buttons', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await block(page, 'apt-a1').click();
  await block(page, 'apt-b1').click({ modifiers: ['ControlOrMeta'] });
  // An invalid keyboard move leaves an error notice up.
  await page.keyboard.press('Alt+ArrowUp');
  const notice = page.getByTestId('notice-error').last();
  await expect(notice).toBeVisible();
  const bar = await page.getByTestId('selection-bar').boundingBox();
  const box = await notice.boundingBox();
  expect(bar).not.toBeNull();
  expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(bar?.y ?? 0);
});

test('the booking dialog names the day, the time and the resource', async ({ page, clinic }) => {
  await openDay(page, clinic);
  const point = await pointAt(page, 'res-c', '10:30', '08:00', 6);
  await page.mouse.click(point.x, point.y);
  const dialog = page.getByTestId('booking-dialog');
  await expect(dialog.locator('.dialog-subtitle')).toHaveText('Monday, March 23, 2026, 10:30, Sjuksköterska Cilla Berg');
  // Choosing the patient takes the keyboard to Book.
  await dialog.getByTestId('patient-query').fill('Tolvan');
  await dialog.getByRole('button', { name: 'Choose Tolvan Tolvansson' }).click();
  await expect(dialog.getByTestId('book-button')).toBeFocused();
});
