// "When is the first free time?" from the keyboard, against the strict sandbox: F opens the
// panel, a service and a doctor are chosen, the results are listed (distinct starts, the
// part of the day asked for), arrows and Enter pick one, the booking dialog opens on it with
// doctor, start and service chosen, and the booking reaches Leyr. axe on the panel; Swedish
// and English.
import type { Locator, Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { FREE_CLINIC, writeFreeTimeClinic } from '../support/free-time-clinic.ts';
import { expect, openDay, test } from './fixtures.ts';
import { leyrAppointments } from './day-helpers.ts';
import { expectNoSeriousViolations } from './a11y-helpers.ts';

const ZONE = 'Europe/Stockholm';
const today = (): string => DateTime.now().setZone(ZONE).toISODate() ?? '';
const localTime = (iso: string): DateTime => DateTime.fromISO(iso, { setZone: true }).setZone(ZONE);

test.use({ clinicOptions: { seedFile: writeFreeTimeClinic() } });

/** Presses Tab until the focused element matches `selector` (inside the open dialog). */
async function tabTo(page: Page, selector: string, max = 30): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

const options = (panel: Locator): Locator => panel.getByRole('option');

test.describe('in English', () => {
  test.use({ locale: 'en-GB' });

  test('F, a service and a doctor, arrows and Enter: the booking dialog opens on the time, and the booking reaches Leyr', async ({ page, clinic }) => {
    await openDay(page, clinic, today());
    await page.locator('body').focus();
    await page.keyboard.press('f');
    const panel = page.getByTestId('free-time-dialog');
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('heading', { name: 'First free time' })).toBeVisible();
    // The service first (the dialog starts there): the half-hour visit.
    await expect(panel.getByTestId('free-service')).toBeFocused();
    await expect(panel.getByTestId('free-service')).toHaveValue(FREE_CLINIC.short);
    // From today, in the language's date format.
    await expect(panel.getByRole('textbox', { name: 'From', exact: true })).toHaveValue(DateTime.fromISO(today()).toFormat('dd/MM/yyyy'));
    // Dr. Bo Lind, by keyboard.
    await tabTo(page, `[data-resource="${FREE_CLINIC.bo}"]`);
    await page.keyboard.press('Space');
    await expect(panel.getByTestId('free-any-doctor')).not.toBeChecked();
    await tabTo(page, '[data-testid="free-search"]');
    await page.keyboard.press('Enter');

    const list = panel.getByRole('listbox', { name: 'Free times' });
    await expect(list).toBeFocused();
    await expect(options(list)).toHaveCount(10);
    await expect(panel.getByTestId('free-status')).toContainText('10 free times');
    const starts = await options(list).evaluateAll((items) => items.map((item) => ({ start: item.getAttribute('data-start') ?? '', resource: item.getAttribute('data-resource') })));
    expect(new Set(starts.map((s) => s.start)).size).toBe(10);
    for (const s of starts) {
      expect(s.resource).toBe(FREE_CLINIC.bo);
      expect(Date.parse(s.start)).toBeGreaterThanOrEqual(Date.now() - 60_000);
    }
    await expect(options(list).first()).toContainText('Dr. Bo Lind');

    // The second result, by arrow; Enter picks it.
    await page.keyboard.press('ArrowDown');
    await expect(options(list).nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    const chosen = starts[1]!;
    const when = localTime(chosen.start);

    const booking = page.getByTestId('booking-dialog');
    await expect(booking).toBeVisible({ timeout: 15_000 });
    await expect(page.locator(`[data-testid="day-grid"][data-day="${when.toISODate()}"]`)).toBeVisible();
    await expect(booking).toContainText(`${when.toFormat('HH:mm')}, Dr. Bo Lind`);
    await expect(booking.getByTestId('booking-service')).toHaveValue(FREE_CLINIC.short);
    await expect(booking.getByTestId('booking-start')).toHaveValue(String(Date.parse(chosen.start)));

    // The patient, from the keyboard; then Book.
    await expect(booking.getByTestId('patient-query')).toBeFocused();
    await page.keyboard.type('191212121212');
    const choose = booking.getByRole('button', { name: 'Choose Tolvan Tolvansson' });
    await expect(choose).toBeVisible();
    await tabTo(page, '.patient-results button[aria-label^="Choose"]');
    await page.keyboard.press('Enter');
    await expect(booking.getByTestId('book-button')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(booking).toBeHidden();
    await expect
      .poll(async () => (await leyrAppointments(clinic.sandbox)).find((a) => a.resource_id === FREE_CLINIC.bo && Date.parse(a.start) === Date.parse(chosen.start) && a.status === 'booked'), { timeout: 15_000 })
      .toMatchObject({ patient_id: FREE_CLINIC.patient, healthcare_service_id: FREE_CLINIC.short });

    // F again: the same question, asked anew; the booked time is not offered.
    await page.locator('body').focus();
    await page.keyboard.press('f');
    await expect(panel).toBeVisible();
    await expect(options(list).first()).toBeVisible();
    await expect(list.locator(`[data-start="${chosen.start}"]`)).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
  });

  test('the afternoon only, then More; axe finds nothing serious on the panel', async ({ page, clinic }) => {
    await openDay(page, clinic, today());
    await page.getByTestId('free-time-button').click();
    const panel = page.getByTestId('free-time-dialog');
    await expect(panel).toBeVisible();
    await expectNoSeriousViolations(page, 'the panel');
    await panel.getByLabel('Afternoon (from 12:00)').check();
    await panel.getByTestId('free-count').fill('5');
    await panel.getByTestId('free-search').click();
    const list = panel.getByRole('listbox', { name: 'Free times' });
    await expect(options(list)).toHaveCount(5);
    await panel.getByTestId('free-more').click();
    await expect(options(list)).toHaveCount(10);
    const starts = await options(list).evaluateAll((items) => items.map((item) => item.getAttribute('data-start') ?? ''));
    for (const start of starts) expect(localTime(start).hour).toBeGreaterThanOrEqual(12);
    const sorted = [...starts].sort((a, b) => Date.parse(a) - Date.parse(b));
    expect(starts).toEqual(sorted);
    await expectNoSeriousViolations(page, 'the panel with results');
  });
});

test.describe('in Swedish', () => {
  test.use({ locale: 'sv-SE' });

  test('the panel speaks Swedish: morning times, dates in Swedish format', async ({ page, clinic }) => {
    await openDay(page, clinic, today());
    await page.locator('body').focus();
    await page.keyboard.press('F');
    const panel = page.getByTestId('free-time-dialog');
    await expect(panel.getByRole('heading', { name: 'Första lediga tid' })).toBeVisible();
    await expect(panel.getByRole('textbox', { name: 'Från', exact: true })).toHaveValue(today());
    await panel.getByLabel('Förmiddag (före 12:00)').check();
    await panel.getByRole('button', { name: 'Sök' }).click();
    const list = panel.getByRole('listbox', { name: 'Lediga tider' });
    await expect(options(list)).toHaveCount(10);
    await expect(panel.getByTestId('free-status')).toContainText('10 lediga tider');
    const starts = await options(list).evaluateAll((items) => items.map((item) => item.getAttribute('data-start') ?? ''));
    for (const start of starts) expect(localTime(start).hour).toBeLessThan(12);
    await expectNoSeriousViolations(page, 'the Swedish panel');
  });
});
