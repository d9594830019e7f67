// Swedish and English (following the OS language, with a switch that is remembered), dates
// and times in the locale's format; personal numbers masked unless revealed on purpose.
import { expect, openDay, test } from './fixtures.ts';
import { block, pointAt } from './day-helpers.ts';

test.describe('on a Swedish computer', () => {
  test.use({ locale: 'sv-SE' });

  test('the day view is in Swedish, dates in Swedish format; the switch to English is remembered', async ({ page, clinic }) => {
    await openDay(page, clinic);
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expect(page.getByTestId('day-title')).toContainText('måndag 23 mars 2026');
    await expect(page.getByRole('button', { name: 'Nästa dag' })).toBeVisible();
    await expect(page.getByRole('note')).toHaveText('Demoklinik – inga riktiga patienter');
    await expect(block(page, 'apt-a3')).toHaveAttribute('aria-label', /^Maja Holm, 10:00–10:15, Kort besök, Väntar på bekräftelse$/);
    await expect(page.getByRole('grid')).toHaveAccessibleName('Bokningar måndag 23 mars 2026');

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('button', { name: 'Next day' })).toBeVisible();
    await expect(block(page, 'apt-a3')).toHaveAttribute('aria-label', /^Maja Holm, 10:00–10:15, Kort besök, Awaiting confirmation$/);
    // English on a Swedish computer: the OS's locale has no English variant, so en-GB.
    await expect(page.getByTestId('day-title')).toContainText('Monday, 23 March 2026');
    await page.reload();
    await expect(page.getByRole('button', { name: 'Next day' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  });
});

test.describe('on an English computer', () => {
  test.use({ locale: 'en-US' });

  test('English, with US dates but a 24-hour clock; the switch to Swedish works', async ({ page, clinic }) => {
    await openDay(page, clinic);
    await expect(page.getByTestId('day-title')).toContainText('Monday, March 23, 2026');
    await expect(block(page, 'apt-b4')).toContainText('10:30–11:00');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await expect(page.getByTestId('day-title')).toContainText('måndag 23 mars 2026');
    await expect(page.getByRole('button', { name: 'Visa avbokade' }).or(page.getByLabel('Visa avbokade'))).toBeVisible();
    await expect(block(page, 'apt-b4')).toContainText('10:30–11:00');
  });
});

test('personal numbers are masked unless revealed on purpose, and masked again next time', async ({ page, clinic }) => {
  await openDay(page, clinic);
  const point = await pointAt(page, 'res-c', '10:30', '08:00', 6);
  await page.mouse.click(point.x, point.y);
  const dialog = page.getByTestId('booking-dialog');
  await dialog.getByTestId('patient-query').fill('191212121212');
  const result = dialog.locator('.patient-results li', { hasText: 'Tolvan Tolvansson' });
  await expect(result.getByTestId('personal-number')).toHaveText('19121212-****');
  await expect(dialog).not.toContainText('19121212-1212');
  const reveal = result.getByRole('button', { name: 'Show personal number' });
  await expect(reveal).toHaveAttribute('aria-pressed', 'false');
  await reveal.click();
  await expect(reveal).toHaveAttribute('aria-pressed', 'true');
  await expect(result.getByTestId('personal-number')).toHaveText('19121212-1212');
  await reveal.click();
  await expect(result.getByTestId('personal-number')).toHaveText('19121212-****');
  await reveal.click();
  await dialog.getByRole('button', { name: 'Choose Tolvan Tolvansson' }).click();
  // A new place on screen starts masked: revealing is never remembered.
  await expect(dialog.getByTestId('chosen-patient').getByTestId('personal-number')).toHaveText('19121212-****');
  await page.keyboard.press('Escape');
  await page.mouse.click(point.x, point.y);
  await page.getByTestId('booking-dialog').getByTestId('patient-query').fill('191212121212');
  await expect(page.getByTestId('booking-dialog').getByTestId('personal-number')).toHaveText('19121212-****');
  // The grid and its labels never carry personal numbers at all, in any form.
  const grid = await page.locator('[data-testid="day-grid"]').innerHTML();
  const state = await clinic.sandbox.state();
  for (const patient of state.patients) {
    const number = (patient as unknown as { external_id: string }).external_id;
    for (const form of [number, `${number.slice(0, 8)}-${number.slice(8)}`, number.slice(2)]) expect(grid).not.toContain(form);
  }
});
