// The week view: Day ⇄ Week keeps the focused appointment; the week's columns are resource ×
// day; Alt+ArrowRight moves an appointment to the next day, a drag to another day and
// resource, a selection across days cancelled in bulk (all asserted in Leyr); axe.
import type { Page } from '@playwright/test';
import { CLINIC_DATE, expect, openDay, test } from './fixtures.ts';
import { at, block, column, dragBlockTo, expectInLeyr, leyrAppointments, pointAt, requestMark, writesSince } from './day-helpers.ts';
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

// With two resources shown the column to the right of Dr. Anna Ek's Monday is Dr. Bo Lind's
// Monday: Alt+→ still goes to her Tuesday. Ctrl/Cmd+Z in the week takes the move back.
test('Alt+ArrowRight moves the focused appointment to the same resource’s next day, and Ctrl/Cmd+Z takes it back, in Leyr', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await page.getByTestId('view-week').click();
  await expect(page.locator(`[data-resource-column="res-a@${CLINIC_DATE}"]`)).toBeVisible();
  await showResource(page, 'Dr. Bo Lind', 'res-b');
  const before = (await leyrAppointments(clinic.sandbox)).find((a) => a.id === 'apt-a2');
  await block(page, 'apt-a2').click();
  await page.keyboard.press('Alt+ArrowRight');
  await expectInLeyr(clinic.sandbox, 'apt-a2', (a) => a !== undefined && a.start.startsWith(nextDay(CLINIC_DATE)) && a.resource_id === 'res-a', 'moved to the next day, same resource');
  await expect(page.locator(`[data-resource-column="res-a@${nextDay(CLINIC_DATE)}"] [data-appointment="apt-a2"]`)).toBeVisible();
  await expect(page.locator('[data-appointment="apt-a2"]')).not.toHaveAttribute('data-pending', 'true');
  await page.keyboard.press('ControlOrMeta+z');
  await expectInLeyr(clinic.sandbox, 'apt-a2', (a) => a !== undefined && before !== undefined && Date.parse(a.start) === Date.parse(before.start) && a.resource_id === 'res-a', 'back on Monday (undo in the week)');
});

// After a moment on the day the week around it is prepared (read from main's store while
// idle): Week opens on it at once. It is the live week all the same: a move in it reaches Leyr.
test('a week prepared while the day was shown opens on the focused appointment, and a move in it reaches Leyr', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await block(page, 'apt-a2').click();
  await page.waitForTimeout(1_500);
  await page.getByTestId('view-week').click();
  await expect.poll(() => focusedKey(page)).toBe('block:apt-a2');
  await expect(page.locator(`[data-resource-column="res-a@${nextDay(CLINIC_DATE)}"]`)).toBeVisible();
  await page.keyboard.press('Alt+ArrowRight');
  await expectInLeyr(clinic.sandbox, 'apt-a2', (a) => a !== undefined && a.start.startsWith(nextDay(CLINIC_DATE)) && a.resource_id === 'res-a', 'moved to the next day');
});

test('Day → Week with an appointment of a resource the week did not show: its resource joins the week, and it keeps focus', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await block(page, 'apt-b4').click();
  await page.getByTestId('view-week').click();
  await expect(page.locator(`[data-resource-column="res-b@${CLINIC_DATE}"]`)).toBeVisible();
  await expect.poll(() => focusedKey(page)).toBe('block:apt-b4');
});

const TUESDAY = nextDay(CLINIC_DATE);
const MOVE_TO_RESOURCE = 'Move to resource…';

/** Ticks a resource in the week's resource list and waits for its Monday column. */
async function showResource(page: Page, name: string, resourceId: string): Promise<void> {
  await page.locator('.week-resources summary').click();
  await page.getByRole('checkbox', { name }).check();
  // Escape closes the list, as a menu's would, and its button has focus again.
  await page.keyboard.press('Escape');
  await expect(page.locator('.week-resources')).not.toHaveAttribute('open', '');
  await expect(page.locator('.week-resources summary')).toBeFocused();
  await expect(column(page, `${resourceId}@${CLINIC_DATE}`)).toBeVisible();
}

/** Another desk books Dr. Anna Ek (res-a) on Tuesday at `hhmm` directly in Leyr; its id. */
async function bookTuesdayInLeyr(apiBaseUrl: string | undefined, hhmm: string): Promise<string> {
  const start = `${TUESDAY}T${hhmm}:00+01:00`;
  const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
  const response = await fetch(`${apiBaseUrl}/emrs/webdoc/care-units/L0_1/appointments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-leyr-client-id': 'frontdesk-demo', 'x-leyr-client-secret': 'frontdesk-demo-secret' },
    body: JSON.stringify({ start, end, patient_id: 'pat-010', resource_id: 'res-a', healthcare_service_id: 'svc-30', comment: '' }),
  });
  expect(response.status).toBe(201);
  const [booked] = (await response.json()) as { id: string }[];
  if (booked === undefined) throw new Error('Leyr answered the booking without an appointment');
  return booked.id;
}

const selectedIds = async (page: Page): Promise<string[]> =>
  (await page.locator('[data-appointment][aria-selected="true"]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.appointment ?? ''))).sort();

test('dragging to another day and another resource moves it there in Leyr', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await page.getByTestId('view-week').click();
  await showResource(page, 'Dr. Bo Lind', 'res-b');
  // Oskar Berg, Dr. Anna Ek Monday 08:30 → Dr. Bo Lind Tuesday 09:30.
  await dragBlockTo(page, 'apt-a2', `res-b@${TUESDAY}`, '09:30');
  const indicator = page.getByTestId('drag-indicator');
  await expect(indicator).toHaveAttribute('data-valid', 'true');
  await expect(indicator).toContainText('09:30');
  await expect(indicator).toContainText('Dr. Bo Lind');
  await page.mouse.up();
  await expect(column(page, `res-b@${TUESDAY}`).locator('[data-appointment="apt-a2"]')).toBeVisible();
  await expectInLeyr(
    clinic.sandbox,
    'apt-a2',
    (a) => a?.resource_id === 'res-b' && Date.parse(a.start) === at(TUESDAY, '09:30') && Date.parse(a.end) === at(TUESDAY, '10:00'),
    'apt-a2 moved to res-b on Tuesday 09:30–10:00 in Leyr',
  );
  await expect(column(page, `res-b@${TUESDAY}`).locator('[data-appointment="apt-a2"]')).not.toHaveAttribute('data-pending', 'true');
  await expect(column(page, `res-a@${CLINIC_DATE}`).locator('[data-appointment="apt-a2"]')).toHaveCount(0);
});

test('a lasso and Ctrl-click select across two days; the bulk cancel cancels exactly those in Leyr', async ({ page, clinic }) => {
  const tuesday = await bookTuesdayInLeyr(clinic.services.demoSandbox?.apiBaseUrl, '10:00');
  await openDay(page, clinic);
  await page.getByTestId('view-week').click();
  await expect(block(page, tuesday)).toBeVisible();
  // A lasso from Monday's free 09:15 to Tuesday's 10:20 touches Monday's a3 (10:00–10:15) and Tuesday's 10:00.
  const from = await pointAt(page, `res-a@${CLINIC_DATE}`, '09:15');
  const to = await pointAt(page, `res-a@${TUESDAY}`, '10:20');
  await page.mouse.move(from.x - 40, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await expect(page.getByTestId('lasso')).toBeVisible();
  await page.mouse.up();
  expect(await selectedIds(page)).toEqual(['apt-a3', tuesday].sort());
  await page.keyboard.press('Escape');
  expect(await selectedIds(page)).toEqual([]);

  const mark = await requestMark(clinic.sandbox);
  await block(page, 'apt-a1').click();
  await block(page, tuesday).click({ modifiers: ['ControlOrMeta'] });
  expect(await selectedIds(page)).toEqual(['apt-a1', tuesday].sort());
  // Across two days neither "the same times at another resource" nor the rebook proposal (real days, not columns) is offered.
  const bar = page.getByTestId('selection-bar');
  await expect(bar.getByRole('button', { name: 'Cancel appointments…' })).toBeVisible();
  await expect(bar.getByTestId('rebook-selection')).toHaveCount(0);
  await expect(bar.getByRole('button', { name: MOVE_TO_RESOURCE })).toHaveCount(0);
  await page.getByRole('button', { name: 'Cancel appointments…' }).click();
  const dialog = page.getByTestId('cancel-dialog');
  await dialog.getByTestId('cancel-reason').fill('Doctor ill');
  await dialog.getByTestId('confirm-cancel').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('operation-results').locator('[data-result="done"]')).toHaveCount(2, { timeout: 10_000 });
  const writes = await writesSince(clinic.sandbox, mark);
  expect(writes).toHaveLength(1);
  expect([...(writes[0]?.body as { ids: string[] }).ids].sort()).toEqual(['apt-a1', tuesday].sort());
  const cancelled = (await leyrAppointments(clinic.sandbox)).filter((a) => a.status === 'cancelled').map((a) => a.id).sort();
  // apt-a5 was cancelled in the seed already; nothing else was touched.
  expect(cancelled).toEqual(['apt-a1', 'apt-a5', tuesday].sort());
  const monday = await leyrAppointments(clinic.sandbox);
  expect(monday.find((a) => a.id === 'apt-a3')?.status).toBe('awaiting_confirmation');
});

test('on one day of the week, "move to resource" offers only that day\'s columns', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await page.getByTestId('view-week').click();
  await showResource(page, 'Dr. Bo Lind', 'res-b');
  await block(page, 'apt-a1').click();
  await page.getByTestId('selection-bar').getByRole('button', { name: MOVE_TO_RESOURCE }).click();
  const values = await page.getByTestId('move-resource-select').locator('option').evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value));
  expect(values).toEqual([`res-b@${CLINIC_DATE}`]);
});
