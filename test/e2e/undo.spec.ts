// Undo and redo in real Chromium through the web host, against the strict sandbox: what
// reached Leyr is read from the sandbox's state. An unsent move (the sandbox offline) is
// withdrawn from the outbox and never sent; a sent move is moved back and redone; a sent bulk
// cancel is rebooked as far as the slots are still free, and the rest is said.
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './a11y-helpers.ts';
import { at, block, expectInLeyr, leyrAppointments, requestMark, writesSince } from './day-helpers.ts';
import { CLINIC_DATE, DAY_CLINIC, expect, openDay, test } from './fixtures.ts';

/** Moves apt-b4 (Dr. Bo Lind 10:30–11:00) a slot earlier from the keyboard. */
async function moveB4Up(page: Page): Promise<void> {
  await block(page, 'apt-b4').click();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(block(page, 'apt-b4')).toHaveAttribute('aria-label', /10:15/);
}

const notices = (page: Page) => page.getByTestId('notices');

test('a sent move: Ctrl/Cmd+Z moves it back in Leyr, Ctrl/Cmd+Shift+Z moves it again', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await moveB4Up(page);
  await expectInLeyr(clinic.sandbox, 'apt-b4', (a) => a !== undefined && Date.parse(a.start) === at(CLINIC_DATE, '10:15'), 'the move reached Leyr');
  await expect(block(page, 'apt-b4')).not.toHaveAttribute('data-pending', 'true');

  await page.keyboard.press('ControlOrMeta+z');
  // Shown back at once, before Leyr has answered.
  await expect(block(page, 'apt-b4')).toHaveAttribute('aria-label', /10:30/);
  await expectInLeyr(clinic.sandbox, 'apt-b4', (a) => a !== undefined && Date.parse(a.start) === at(CLINIC_DATE, '10:30') && a.resource_id === 'res-b', 'moved back in Leyr');
  await expect(notices(page)).toContainText('Undone: Move of', { timeout: 10_000 });
  await expectNoSeriousViolations(page, 'the day with the undo notice', '[data-testid="notices"]');

  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(block(page, 'apt-b4')).toHaveAttribute('aria-label', /10:15/);
  await expectInLeyr(clinic.sandbox, 'apt-b4', (a) => a !== undefined && Date.parse(a.start) === at(CLINIC_DATE, '10:15'), 'moved again in Leyr (redo)');
  await expect(notices(page)).toContainText('Redone: Move of', { timeout: 10_000 });
});

test('Ctrl/Cmd+Z in a text field is the field’s own: no change is undone', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await moveB4Up(page);
  await expectInLeyr(clinic.sandbox, 'apt-b4', (a) => a !== undefined && Date.parse(a.start) === at(CLINIC_DATE, '10:15'), 'the move reached Leyr');
  const mark = await requestMark(clinic.sandbox);
  const find = page.getByRole('searchbox').first();
  await find.fill('Ber');
  await find.press('ControlOrMeta+z');
  await page.waitForTimeout(500);
  expect(await writesSince(clinic.sandbox, mark)).toEqual([]);
  await expect(block(page, 'apt-b4')).toHaveAttribute('aria-label', /10:15/);
});

test.describe('offline', () => {
  test.use({ clinicOptions: { seedFile: DAY_CLINIC, demoDate: CLINIC_DATE, schedule: { retry: { baseMs: 200, maxMs: 800 } } } });

  test('an unsent move is taken back out of the outbox by the notice’s Undo: nothing reaches Leyr', async ({ page, clinic }) => {
    await openDay(page, clinic);
    const header = page.getByTestId('connectivity');
    await expect(header).toContainText('Online');
    const mark = await requestMark(clinic.sandbox);
    await clinic.sandbox.setFaults({ offline: true });
    await moveB4Up(page);
    await expect(header).toContainText('1 change waiting to be sent', { timeout: 10_000 });
    await notices(page).getByRole('button', { name: 'Undo' }).click();
    await expect(block(page, 'apt-b4')).toHaveAttribute('aria-label', /10:30/);
    await expect(block(page, 'apt-b4')).not.toHaveAttribute('data-pending', 'true', { timeout: 10_000 });
    await expect(notices(page)).toContainText('Undone: Move of');
    await expect(header).not.toContainText('waiting');
    await clinic.sandbox.clearFaults();
    await expect(header).not.toContainText('Offline', { timeout: 10_000 });
    await page.waitForTimeout(1_000);
    expect(await writesSince(clinic.sandbox, mark), 'the withdrawn move was never sent').toEqual([]);
    expect((await leyrAppointments(clinic.sandbox)).find((a) => a.id === 'apt-b4')?.start).toMatch(/10:30/);
  });
});

test('a sent bulk cancel is rebooked in the same slots where still free, and what was taken is said', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await block(page, 'apt-a1').click();
  await block(page, 'apt-b4').click({ modifiers: ['ControlOrMeta'] });
  await block(page, 'apt-c3').click({ modifiers: ['ControlOrMeta'] });
  await page.getByRole('button', { name: 'Cancel appointments…' }).click();
  const dialog = page.getByTestId('cancel-dialog');
  await dialog.getByTestId('cancel-reason').fill('Doctor ill');
  await dialog.getByTestId('confirm-cancel').click();
  await expect(page.getByTestId('operation-results').locator('[data-result="done"]')).toHaveCount(3, { timeout: 10_000 });
  // Another desk books Cilla Berg's 09:00 (apt-c3's time) directly in Leyr.
  const taken = await fetch(`${clinic.services.demoSandbox?.apiBaseUrl ?? ''}/emrs/webdoc/care-units/L0_1/appointments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-leyr-client-id': 'frontdesk-demo', 'x-leyr-client-secret': 'frontdesk-demo-secret' },
    body: JSON.stringify({ start: '2026-03-23T09:00:00+01:00', end: '2026-03-23T09:30:00+01:00', patient_id: 'pat-003', resource_id: 'res-c', healthcare_service_id: 'svc-30', comment: '' }),
  });
  expect(taken.status).toBe(201);

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+z');
  await expect(notices(page)).toContainText('2 of 3 rebooked; 1 time was taken', { timeout: 15_000 });
  const leyr = await leyrAppointments(clinic.sandbox);
  const rebooked = (patient: string, resource: string, hhmm: string) =>
    leyr.filter((a) => a.patient_id === patient && a.resource_id === resource && Date.parse(a.start) === at(CLINIC_DATE, hhmm) && a.status === 'booked' && !a.id.startsWith('apt-'));
  expect(rebooked('pat-002', 'res-a', '08:00'), 'a1 rebooked in its slot').toHaveLength(1);
  expect(rebooked('pat-007', 'res-b', '10:30'), 'b4 rebooked in its slot').toHaveLength(1);
  expect(rebooked('pat-010', 'res-c', '09:00'), 'c3 not: its time was taken').toHaveLength(0);
  await expectNoSeriousViolations(page, 'the partial undo notice', '[data-testid="notices"]');
});
