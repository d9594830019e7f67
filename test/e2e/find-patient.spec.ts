// "I need to cancel my appointment" (issue 13), keyboard only: Ctrl+F, a name, the open day's
// matches and the patients found, the patient's appointments, Enter opens the day with the
// appointment focused and selected, and a cancel started from the results reaches Leyr (the
// sandbox's state). Axe on the panel; Swedish and English; offline, the panel says so.
import type { Page } from '@playwright/test';
import { CLINIC_DATE, DAY_CLINIC, expect, openDay, test } from './fixtures.ts';
import { block, expectInLeyr } from './day-helpers.ts';
import { expectNoSeriousViolations, focusedKey } from './a11y-helpers.ts';

// The schedule's clock on the clinic's day: the find covers 30 days back and 90 ahead of it.
const schedule = { now: () => Date.parse(`${CLINIC_DATE}T09:00:00Z`) };
test.use({ clinicOptions: { seedFile: DAY_CLINIC, demoDate: CLINIC_DATE, schedule } });

const focusedText = (page: Page): Promise<string> => page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

/** Presses ArrowDown until the focused result's label matches. */
async function arrowTo(page: Page, label: RegExp): Promise<void> {
  for (let i = 0; i < 12; i += 1) {
    if (label.test(await focusedText(page))) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no result matched ${label}`);
}

test.describe('in English', () => {
  test.use({ locale: 'en-US' });

  test('Ctrl+F, a name, the patient, Enter opens the day focused and selected; cancel from the results reaches Leyr', async ({ page, clinic }) => {
    await openDay(page, clinic);
    await page.locator('body').focus();
    await page.keyboard.press('Control+f');
    await expect(page.getByTestId('find-input')).toBeFocused();
    await page.keyboard.type('astrid');
    const panel = page.getByTestId('find-panel');
    // The open day's matches at once, every column.
    await expect(panel.getByTestId('find-in-day').locator('li')).toHaveCount(2);
    await expect(panel.getByTestId('find-in-day')).toContainText('08:00');
    await expect(panel.getByTestId('find-in-day')).toContainText('Sjuksköterska Cilla Berg');
    // The patients found at Leyr.
    await expect(panel.getByTestId('find-patients')).toContainText('Astrid Lindqvist');
    await expectNoSeriousViolations(page, 'the find panel', '[data-testid="find-panel"]');

    await page.keyboard.press('ArrowDown');
    await arrowTo(page, /Show the appointments of Astrid Lindqvist/);
    await page.keyboard.press('Enter');
    const rows = panel.getByTestId('find-appointment');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('Dr. Anna Ek');
    await expect(rows.first()).toContainText('Mottagningsbesök');
    await expect(rows.first()).toContainText('Booked');
    await expect(rows.first()).not.toContainText('res-a');
    await expectNoSeriousViolations(page, 'the find panel', '[data-testid="find-panel"]');

    // Enter on the 09:30 appointment: its day, focused and selected.
    await page.keyboard.press('ArrowDown');
    await arrowTo(page, /2026, 09:30/);
    await page.keyboard.press('Enter');
    await expect(panel).toBeHidden();
    await expect.poll(() => focusedKey(page)).toBe('block:apt-c4');
    await expect(block(page, 'apt-c4')).toHaveAttribute('aria-selected', 'true');
    await expect(block(page, 'apt-c4')).toBeInViewport();

    // Back to the results (Ctrl+F keeps them), Tab to its Cancel, confirm with a reason.
    await page.keyboard.press('Control+f');
    await expect(panel.getByTestId('find-appointment')).toHaveCount(2);
    await page.keyboard.press('ArrowDown');
    await arrowTo(page, /2026, 09:30/);
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^Cancel the appointment .*09:30/);
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('cancel-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('09:30');
    await page.keyboard.type('The patient called');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expectInLeyr(clinic.sandbox, 'apt-c4', (a) => a?.status === 'cancelled', 'the cancel reached Leyr');
    await expectInLeyr(clinic.sandbox, 'apt-a1', (a) => a?.status === 'booked', 'the other appointment is untouched');
  });

  test('Enter in the box focuses the open day’s first match; offline the patient’s appointments come from this computer, said', async ({ page, clinic }) => {
    await openDay(page, clinic);
    await page.keyboard.press('Control+f');
    await page.keyboard.type('Tolvan');
    await expect(page.getByTestId('find-in-day').locator('li')).toHaveCount(3);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedKey(page)).toBe('block:apt-b1');
    await expect(block(page, 'apt-b1')).toHaveAttribute('aria-selected', 'true');

    await clinic.sandbox.setFaults({ offline: true });
    await page.keyboard.press('Control+f');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('Tolvan');
    const panel = page.getByTestId('find-panel');
    await expect(panel.getByTestId('find-patients')).toContainText('Tolvan Tolvansson');
    await page.keyboard.press('ArrowDown');
    await arrowTo(page, /Show the appointments of Tolvan/);
    await page.keyboard.press('Enter');
    await expect(panel.getByTestId('find-from-store')).toBeVisible();
    await expect(panel.getByTestId('find-appointment')).toHaveCount(3);
    await expectNoSeriousViolations(page, 'the find panel', '[data-testid="find-panel"]');

    // Esc closes the panel, a second Esc leaves the box for the day: the grid's keys work again.
    await page.getByTestId('find-input').focus();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(page.getByTestId('find-input')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect.poll(() => focusedKey(page)).toBe('block:apt-b1');
  });
});

test.describe('på svenska', () => {
  test.use({ locale: 'sv-SE' });

  test('Ctrl+F, ett namn, patientens bokningar på svenska', async ({ page, clinic }) => {
    await openDay(page, clinic);
    await page.keyboard.press('Control+f');
    await page.keyboard.type('lindqvist');
    const panel = page.getByTestId('find-panel');
    await expect(panel).toContainText('Den här dagen');
    await expect(panel.getByTestId('find-patients')).toContainText('Astrid Lindqvist');
    await page.keyboard.press('ArrowDown');
    await arrowTo(page, /Visa bokningarna för Astrid Lindqvist/);
    await page.keyboard.press('Enter');
    await expect(panel.getByTestId('find-appointment')).toHaveCount(2);
    await expect(panel).toContainText('Bokningar för Astrid Lindqvist');
    await expect(panel.getByTestId('find-appointment').first()).toContainText('Bokad');
    await expect(panel.getByTestId('find-cancel').first()).toHaveText('Avboka…');
    await expectNoSeriousViolations(page, 'the find panel', '[data-testid="find-panel"]');

    // A personal number: checked as typed, the patient shown masked.
    await page.getByTestId('find-input').focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('19630211-207');
    await expect(page.getByTestId('find-hint')).toHaveAttribute('class', /hint-partial/);
    await page.keyboard.type('0');
    await expect(page.getByTestId('find-hint')).toHaveAttribute('class', /hint-valid/);
    await expect(panel.getByTestId('find-patients')).toContainText('Astrid Lindqvist');
    await expect(panel.getByTestId('find-patients').getByTestId('personal-number')).toHaveText('19630211-****');
    await expect(panel).not.toContainText('Den här dagen');
  });
});
