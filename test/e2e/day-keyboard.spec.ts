// The day view without a mouse, and what a screen reader is given: ARIA roles and labels,
// and axe on the day view and every dialog (no serious or critical violations).
import { CLINIC_DATE, expect, openDay, test } from './fixtures.ts';
import { at, block, expectInLeyr } from './day-helpers.ts';
import { expectNoSeriousViolations, focusedKey, tabIntoGrid } from './a11y-helpers.ts';

test('arrows move focus between blocks and free time; Space selects; Enter opens details; Esc clears', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await tabIntoGrid(page);
  await expect.poll(() => focusedKey(page)).toBe('block:apt-a1');
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^Astrid Lindqvist, 08:00–08:30, Mottagningsbesök, Booked. Has a comment$/);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focusedKey(page)).toBe('block:apt-a2');
  await page.keyboard.press('ArrowDown');
  // Dr. Anna Ek is free 09:00–10:00.
  expect(await focusedKey(page)).toMatch(/^free:res-a:/);
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', 'Free 09:00–10:00, Dr. Anna Ek. Press Enter to book.');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => focusedKey(page)).toBe('block:apt-b2');
  await page.keyboard.press('Space');
  await expect(block(page, 'apt-b2')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(block(page, 'apt-b3')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('selection-bar')).toContainText('2 appointments selected');
  await page.keyboard.press('Escape');
  await expect(page.locator('[aria-selected="true"]')).toHaveCount(0);

  await page.keyboard.press('Enter');
  const details = page.getByTestId('details-dialog');
  await expect(details).toBeVisible();
  await expect(details).toContainText('Tolvan Tolvansson');
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  // Focus comes back to the block.
  await expect.poll(() => focusedKey(page)).toBe('block:apt-b3');
});

test('Alt+arrows move the focused appointment by a slot or a resource, in Leyr', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await block(page, 'apt-b4').focus();
  await block(page, 'apt-b4').click();
  await page.keyboard.press('Alt+ArrowUp');
  await expectInLeyr(clinic.sandbox, 'apt-b4', (a) => a !== undefined && Date.parse(a.start) === at(CLINIC_DATE, '10:15') && a.resource_id === 'res-b', 'one slot earlier');
  await expect(page.getByTestId('notices')).toContainText('Move to 10:15, Dr. Bo Lind');
  await page.keyboard.press('Alt+ArrowRight');
  await expectInLeyr(clinic.sandbox, 'apt-b4', (a) => a !== undefined && Date.parse(a.start) === at(CLINIC_DATE, '10:15') && a.resource_id === 'res-c', 'one resource to the right');
  await expect.poll(() => focusedKey(page)).toBe('block:apt-b4');
  // Dr. Anna Ek's 08:30 has no column to its left, and Dr. Bo Lind is busy at 08:30.
  const mark = (await clinic.sandbox.requests(1)).next;
  await block(page, 'apt-a2').click();
  await page.keyboard.press('Alt+ArrowLeft');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(page.getByTestId('notice-error').last()).toContainText('Not moved: No free 30-minute slot at 08:30');
  expect((await clinic.sandbox.requests(mark)).requests.filter((r) => r.method !== 'GET')).toEqual([]);
});

test('Delete starts a cancel of the focused appointment; Enter on free time books', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await block(page, 'apt-c4').click();
  await page.keyboard.press('Delete');
  const cancel = page.getByTestId('cancel-dialog');
  await expect(cancel).toBeVisible();
  await expect(cancel).toContainText('Cancel 1 appointment');
  await page.keyboard.type('Sjuk');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expectInLeyr(clinic.sandbox, 'apt-c4', (a) => a?.status === 'cancelled', 'cancelled by keyboard');

  await block(page, 'apt-c3').click();
  await page.keyboard.press('ArrowDown');
  expect(await focusedKey(page)).toMatch(/^free:res-c:/);
  await page.keyboard.press('Enter');
  const booking = page.getByTestId('booking-dialog');
  await expect(booking).toBeVisible();
  await expect(booking.getByTestId('patient-query')).toBeFocused();
});

test('day navigation by buttons, date picker and keyboard shortcuts', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await page.getByRole('button', { name: 'Next day' }).click();
  await expect(page.locator('[data-testid="day-grid"][data-day="2026-03-24"]')).toBeVisible();
  await expect(page.getByTestId('day-title')).toContainText('Tuesday, March 24, 2026');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('PageUp');
  await expect(page.locator('[data-testid="day-grid"][data-day="2026-03-23"]')).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(page.locator('[data-testid="day-grid"][data-day="2026-03-24"]')).toBeVisible();
  await page.keyboard.press('g');
  await expect(page.getByLabel('Date')).toBeFocused();
  await page.getByLabel('Date').fill('2026-03-27');
  await expect(page.locator('[data-testid="day-grid"][data-day="2026-03-27"]')).toBeVisible();
  await expect(page.getByTestId('day-title')).toContainText('Friday, March 27, 2026');
});

test('axe finds no serious or critical violations on the day view and its dialogs', async ({ page, clinic }) => {
  // Seven axe runs over the whole page: each takes seconds on a loaded 2-core machine.
  test.slow();
  await openDay(page, clinic);
  await expectNoSeriousViolations(page, 'the day view');
  await block(page, 'apt-b1').click();
  await block(page, 'apt-b3').click({ modifiers: ['Shift'] });
  await expectNoSeriousViolations(page, 'the day view with a selection');

  await page.getByRole('button', { name: 'Cancel appointments…' }).click();
  await expect(page.getByTestId('cancel-dialog')).toBeVisible();
  await expectNoSeriousViolations(page, 'the cancel dialog');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Move to resource…' }).click();
  await expectNoSeriousViolations(page, 'the move-to-resource dialog');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Reschedule series…' }).click();
  await expectNoSeriousViolations(page, 'the reschedule dialog');
  await page.keyboard.press('Escape');

  await block(page, 'apt-a3').dblclick();
  await expect(page.getByTestId('details-dialog')).toBeVisible();
  await expectNoSeriousViolations(page, 'the details dialog');
  await page.getByTestId('open-code').click();
  await expect(page.getByTestId('code-dialog')).toBeVisible();
  await expectNoSeriousViolations(page, 'the code dialog');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Columns' }).click();
  await expectNoSeriousViolations(page, 'the columns dialog');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Escape');
  await block(page, 'apt-c4').click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const booking = page.getByTestId('booking-dialog');
  await expect(booking).toBeVisible();
  await booking.getByTestId('patient-query').fill('Tolvan');
  await expect(booking.getByRole('button', { name: 'Choose Tolvan Tolvansson' })).toBeVisible();
  await expectNoSeriousViolations(page, 'the booking dialog with results');
  await booking.getByRole('button', { name: 'New patient…' }).click();
  await expectNoSeriousViolations(page, 'the new-patient form');
});
