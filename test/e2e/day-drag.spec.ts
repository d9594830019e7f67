// Drag to reschedule, asserted in Leyr (the sandbox), not only on screen.
import { CLINIC_DATE, expect, openDay, test } from './fixtures.ts';
import { anotherDeskBooksCillaAtEleven, at, block, dragBlockTo, expectInLeyr, leyrAppointment, pointAt, requestMark, writesSince } from './day-helpers.ts';

test('dragging a block to a free slot of another resource moves it in Leyr, pending until accepted', async ({ page, clinic }) => {
  await openDay(page, clinic);
  // Leyr answers slowly, so the pending state is there to see.
  await clinic.sandbox.setFaults({ latencyMs: 800 });
  // Oskar Berg, Dr. Anna Ek 08:30–09:00 → Dr. Bo Lind 09:30 (free there).
  await dragBlockTo(page, 'apt-a2', 'res-b', '09:30');
  const indicator = page.getByTestId('drag-indicator');
  await expect(indicator).toHaveText('Move to 09:30, Dr. Bo Lind');
  await expect(indicator).toHaveAttribute('data-valid', 'true');
  await page.mouse.up();

  // At once: drawn in its new column, marked pending.
  const moved = page.locator('[data-resource-column="res-b"] [data-appointment="apt-a2"]');
  await expect(moved).toBeVisible();
  await expect(moved).toHaveAttribute('data-pending', 'true');
  await expectInLeyr(clinic.sandbox, 'apt-a2', (a) => a?.resource_id === 'res-b' && Date.parse(a.start) === at(CLINIC_DATE, '09:30'), 'apt-a2 moved to res-b 09:30 in Leyr');
  await expect(moved).not.toHaveAttribute('data-pending', 'true');
  await expect(page.locator('[data-resource-column="res-a"] [data-appointment="apt-a2"]')).toHaveCount(0);
});

test('dragging within a column snaps to slot starts and moves the time only', async ({ page, clinic }) => {
  await openDay(page, clinic);
  // Dr. Bo Lind's 10:30 appointment, dragged up to about 09:37 → snaps to 09:30.
  await dragBlockTo(page, 'apt-b4', 'res-b', '09:37');
  await expect(page.getByTestId('drag-indicator')).toHaveText('Move to 09:30, Dr. Bo Lind');
  await page.mouse.up();
  await expectInLeyr(clinic.sandbox, 'apt-b4', (a) => a?.resource_id === 'res-b' && Date.parse(a.start) === at(CLINIC_DATE, '09:30') && Date.parse(a.end) === at(CLINIC_DATE, '10:00'), 'apt-b4 at 09:30–10:00');
});

test('an invalid drop snaps back with the reason and changes nothing in Leyr', async ({ page, clinic }) => {
  await openDay(page, clinic);
  const before = await leyrAppointment(clinic.sandbox, 'apt-b4');
  const mark = await requestMark(clinic.sandbox);
  const box = await block(page, 'apt-b4').boundingBox();
  // Onto Cilla Berg's 08:30, where she is busy.
  await dragBlockTo(page, 'apt-b4', 'res-c', '08:30');
  const indicator = page.getByTestId('drag-indicator');
  await expect(indicator).toHaveText('No free 30-minute slot at 08:30');
  await expect(indicator).toHaveAttribute('data-valid', 'false');
  await expect(page.getByTestId('drag-ghost')).toHaveClass(/is-invalid/);
  await page.mouse.up();

  await expect(page.getByTestId('notice-error')).toContainText('Not moved: No free 30-minute slot at 08:30');
  expect(await block(page, 'apt-b4').boundingBox()).toEqual(box);
  await expect(page.locator('[data-resource-column="res-b"] [data-appointment="apt-b4"]')).toBeVisible();
  // Give a wrongly sent change time to arrive, then check none did.
  await page.waitForTimeout(300);
  expect(await writesSince(clinic.sandbox, mark)).toEqual([]);
  expect(await leyrAppointment(clinic.sandbox, 'apt-b4')).toEqual(before);
});

test('a completed appointment cannot be dragged anywhere', async ({ page, clinic }) => {
  await openDay(page, clinic);
  const mark = await requestMark(clinic.sandbox);
  await dragBlockTo(page, 'apt-a4', 'res-c', '11:00');
  await expect(page.getByTestId('drag-indicator')).toHaveText('Cannot be moved: the appointment is completed');
  await page.mouse.up();
  await page.waitForTimeout(300);
  expect(await writesSince(clinic.sandbox, mark)).toEqual([]);
});

test('Esc during a drag puts the block back without sending anything', async ({ page, clinic }) => {
  await openDay(page, clinic);
  const mark = await requestMark(clinic.sandbox);
  await dragBlockTo(page, 'apt-b4', 'res-c', '11:00');
  await expect(page.getByTestId('drag-indicator')).toHaveAttribute('data-valid', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('drag-ghost')).toBeHidden();
  await page.mouse.up();
  await page.waitForTimeout(300);
  expect(await writesSince(clinic.sandbox, mark)).toEqual([]);
  await expect(page.locator('[data-resource-column="res-b"] [data-appointment="apt-b4"]')).toBeVisible();
});

test('a move Leyr refuses (slot taken meanwhile at another desk) returns to its old place with Leyr’s reason', async ({ page, clinic }) => {
  await openDay(page, clinic);
  expect(await anotherDeskBooksCillaAtEleven(clinic.services.demoSandbox?.apiBaseUrl)).toBe(201);
  await dragBlockTo(page, 'apt-b4', 'res-c', '11:00');
  await expect(page.getByTestId('drag-indicator')).toHaveAttribute('data-valid', 'true');
  await page.mouse.up();

  // Back in Dr. Bo Lind's column at 10:30, marked failed, with Leyr's reason.
  const back = page.locator('[data-resource-column="res-b"] [data-appointment="apt-b4"]');
  await expect(back).toHaveAttribute('data-failed', 'true', { timeout: 15_000 });
  await expect(page.getByTestId('notice-error').last()).toContainText(/refused/i);
  const target = await pointAt(page, 'res-b', '10:30');
  const box = await back.boundingBox();
  expect(Math.abs((box?.y ?? 0) - target.y)).toBeLessThan(2);
  const leyr = await leyrAppointment(clinic.sandbox, 'apt-b4');
  expect(leyr?.resource_id).toBe('res-b');
  expect(Date.parse(leyr?.start ?? '')).toBe(at(CLINIC_DATE, '10:30'));
});
