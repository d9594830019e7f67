// Multi-select and the selection bar's bulk changes, asserted in Leyr (the sandbox).
import type { Page } from '@playwright/test';
import { CLINIC_DATE, expect, openDay, test } from './fixtures.ts';
import { at, block, expectInLeyr, leyrAppointments, pointAt, requestMark, writesSince } from './day-helpers.ts';

const selectedIds = async (page: Page): Promise<string[]> =>
  (await page.locator('[data-appointment][aria-selected="true"]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.appointment ?? ''))).sort();

test('Ctrl-click toggles, Shift-click extends, a lasso selects what it touches, Esc clears', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await block(page, 'apt-a1').click();
  expect(await selectedIds(page)).toEqual(['apt-a1']);
  // A plain click selects only that one; Shift-click extends from it, column by column, top to bottom.
  await block(page, 'apt-c1').click();
  await block(page, 'apt-c3').click({ modifiers: ['Shift'] });
  expect(await selectedIds(page)).toEqual(['apt-c1', 'apt-c2', 'apt-c3']);
  await block(page, 'apt-a1').click({ modifiers: ['ControlOrMeta'] });
  expect(await selectedIds(page)).toEqual(['apt-a1', 'apt-c1', 'apt-c2', 'apt-c3']);
  await block(page, 'apt-a1').click({ modifiers: ['ControlOrMeta'] });
  expect(await selectedIds(page)).toEqual(['apt-c1', 'apt-c2', 'apt-c3']);
  await expect(page.getByTestId('selection-bar')).toContainText('3 appointments selected');
  await page.keyboard.press('Escape');
  expect(await selectedIds(page)).toEqual([]);
  await expect(page.getByTestId('selection-bar')).toHaveCount(0);

  // A lasso from Dr. Anna Ek's free 09:15 to Dr. Bo Lind's 10:40 touches b3 (09:00–09:30),
  // a3 (10:00–10:15) and b4 (10:30–11:00), not the ones above 09:15.
  const from = await pointAt(page, 'res-a', '09:15');
  const to = await pointAt(page, 'res-b', '10:40');
  await page.mouse.move(from.x - 40, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await expect(page.getByTestId('lasso')).toBeVisible();
  await page.mouse.up();
  expect(await selectedIds(page)).toEqual(['apt-a3', 'apt-b3', 'apt-b4']);
  await expect(page.getByTestId('lasso')).toBeHidden();
});

test('a bulk cancel sends one request and cancels exactly the selection, with one reason', async ({ page, clinic }) => {
  await openDay(page, clinic);
  const mark = await requestMark(clinic.sandbox);
  await block(page, 'apt-a1').click();
  await block(page, 'apt-b4').click({ modifiers: ['ControlOrMeta'] });
  await block(page, 'apt-c2').click({ modifiers: ['ControlOrMeta'] });
  await page.getByRole('button', { name: 'Cancel appointments…' }).click();
  const dialog = page.getByTestId('cancel-dialog');
  await expect(dialog).toBeVisible();
  // The reason is required.
  await dialog.getByTestId('confirm-cancel').click();
  await expect(dialog.getByRole('alert')).toHaveText('Give a reason for the cancellation.');
  await dialog.getByTestId('cancel-reason').fill('Doctor ill');
  await dialog.getByTestId('confirm-cancel').click();
  await expect(dialog).toBeHidden();

  const results = page.getByTestId('operation-results');
  await expect(results.locator('[data-result="done"]')).toHaveCount(3, { timeout: 10_000 });
  const writes = await writesSince(clinic.sandbox, mark);
  expect(writes).toHaveLength(1);
  expect(writes[0]?.method).toBe('PATCH');
  expect(writes[0]?.path).toMatch(/\/appointments$/);
  const body = writes[0]?.body as { ids: string[]; status: string; comment: string };
  expect([...body.ids].sort()).toEqual(['apt-a1', 'apt-b4', 'apt-c2']);
  expect(body.status).toBe('cancelled');
  expect(body.comment).toBe('Doctor ill');
  const cancelled = (await leyrAppointments(clinic.sandbox)).filter((a) => a.status === 'cancelled').map((a) => a.id).sort();
  // apt-a5 was cancelled in the seed already.
  expect(cancelled).toEqual(['apt-a1', 'apt-a5', 'apt-b4', 'apt-c2']);
  // Cancelled appointments are hidden unless shown.
  await expect(block(page, 'apt-a1')).toHaveCount(0);
  await page.getByLabel('Show cancelled').check();
  await expect(block(page, 'apt-a1')).toHaveAttribute('data-status', 'cancelled');
});

test('move all selected to another resource at the same times', async ({ page, clinic }) => {
  await openDay(page, clinic);
  const mark = await requestMark(clinic.sandbox);
  await block(page, 'apt-a3').click();
  await block(page, 'apt-b4').click({ modifiers: ['ControlOrMeta'] });
  await page.getByRole('button', { name: 'Move to resource…' }).click();
  const dialog = page.getByTestId('move-resource-dialog');
  // Dr. Bo Lind is busy at 10:30 (b4 itself is there, a3's 10:00 is free) — choose Cilla Berg.
  await dialog.getByTestId('move-resource-select').selectOption('res-c');
  await dialog.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expectInLeyr(clinic.sandbox, 'apt-a3', (a) => a?.resource_id === 'res-c' && Date.parse(a.start) === at(CLINIC_DATE, '10:00'), 'a3 with Cilla Berg at 10:00');
  await expectInLeyr(clinic.sandbox, 'apt-b4', (a) => a?.resource_id === 'res-c' && Date.parse(a.start) === at(CLINIC_DATE, '10:30'), 'b4 with Cilla Berg at 10:30');
  const writes = await writesSince(clinic.sandbox, mark);
  expect(writes).toHaveLength(1);
  expect(writes[0]?.body).toMatchObject({ resource_id: 'res-c' });
  await expect(page.locator('[data-resource-column="res-c"] [data-appointment="apt-b4"]')).toBeVisible();
});

test('moving to a resource without free slots at those times is refused before anything is sent', async ({ page, clinic }) => {
  await openDay(page, clinic);
  const mark = await requestMark(clinic.sandbox);
  await block(page, 'apt-a1').click();
  await page.getByRole('button', { name: 'Move to resource…' }).click();
  const dialog = page.getByTestId('move-resource-dialog');
  await dialog.getByTestId('move-resource-select').selectOption('res-c');
  await expect(dialog.getByRole('alert')).toContainText('1 of them has no free slot there:');
  await expect(dialog.getByRole('alert')).toContainText('Astrid Lindqvist 08:00: no free slot at Sjuksköterska Cilla Berg');
  await expect(dialog.getByRole('button', { name: 'Move', exact: true })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await writesSince(clinic.sandbox, mark)).toEqual([]);
});

test('continuous reschedule of one patient’s consecutive appointments into a shorter range', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await block(page, 'apt-b1').click();
  await block(page, 'apt-b3').click({ modifiers: ['Shift'] });
  // Not offered for a mixed selection…
  await block(page, 'apt-a1').click({ modifiers: ['ControlOrMeta'] });
  await expect(page.getByRole('button', { name: 'Reschedule series…' })).toHaveCount(0);
  await block(page, 'apt-a1').click({ modifiers: ['ControlOrMeta'] });
  // …but for Tolvan's three back-to-back appointments.
  await page.getByRole('button', { name: 'Reschedule series…' }).click();
  const dialog = page.getByTestId('reschedule-dialog');
  await dialog.getByLabel('New start').selectOption({ label: '09:30' });
  await dialog.getByLabel('New end').selectOption({ label: '10:30' });
  await dialog.getByRole('button', { name: 'Reschedule' }).click();
  await expect(dialog).toBeHidden();
  await expect
    .poll(async () =>
      (await leyrAppointments(clinic.sandbox))
        .filter((a) => a.patient_id === 'pat-001' && a.resource_id === 'res-b' && a.status !== 'cancelled' && a.cancellation_of === undefined)
        .map((a) => new Date(a.start).toISOString())
        .sort(),
    )
    .toEqual([new Date(at(CLINIC_DATE, '09:30')).toISOString(), new Date(at(CLINIC_DATE, '10:00')).toISOString()]);
});
