// The week view: Day ⇄ Week keeps the focused appointment; the week's columns are resource ×
// day; Alt+ArrowRight moves an appointment to the next day (asserted in Leyr); axe.
import { CLINIC_DATE, expect, openDay, test } from './fixtures.ts';
import { block, expectInLeyr } from './day-helpers.ts';
import { expectNoSeriousViolations, focusedKey } from './a11y-helpers.ts';

const nextDay = (date: string): string => new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

test('the week shows a column per resource and day; axe finds nothing serious', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await page.getByTestId('view-week').click();
  await expect(page.getByTestId('week-view')).toBeVisible();
  await expect(page.locator(`[data-resource-column="res-a@${CLINIC_DATE}"]`)).toBeVisible();
  await expectNoSeriousViolations(page, 'the week view');
});

// The switch is a button: clicking it takes DOM focus from the block, so the view keeps the
// grid's roving focus (view-mode.ts) rather than document.activeElement.
test('Day ⇄ Week keeps the focused appointment', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await block(page, 'apt-a2').click();
  await page.getByTestId('view-week').click();
  await expect.poll(() => focusedKey(page)).toBe('block:apt-a2');
  await page.getByTestId('view-day').click();
  await expect(page.getByTestId('day-title')).toBeVisible();
  await expect.poll(() => focusedKey(page)).toBe('block:apt-a2');
});

test('Alt+ArrowRight moves the focused appointment to the next day, in Leyr', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await page.getByTestId('view-week').click();
  await expect(page.locator(`[data-resource-column="res-a@${CLINIC_DATE}"]`)).toBeVisible();
  await block(page, 'apt-a2').click();
  await page.keyboard.press('Alt+ArrowRight');
  await expectInLeyr(clinic.sandbox, 'apt-a2', (a) => a !== undefined && a.start.startsWith(nextDay(CLINIC_DATE)) && a.resource_id === 'res-a', 'moved to the next day, same resource');
});
