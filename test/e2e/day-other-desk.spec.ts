// Two desks on one Leyr, as the receptionist meets it: another desk's change that lands over
// hers after Leyr accepted it is told plainly, with both versions and the choice (keep
// theirs, apply mine again), never as Leyr's refusal; and what another desk changes while
// she looks is marked on the grid for a moment. Outcomes are checked in the sandbox.
import type { Page } from '@playwright/test';
import { CLINIC_DATE, expect, openDay, test } from './fixtures.ts';
import { block, dragBlockTo, expectInLeyr, leyrAppointment } from './day-helpers.ts';

/** Another desk moves an appointment straight in Leyr, through the embedded sandbox's API. */
async function anotherDeskMoves(apiBaseUrl: string | undefined, id: string, from: string, to: string): Promise<number> {
  const response = await fetch(`${apiBaseUrl}/emrs/webdoc/care-units/L0_1/appointments/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'x-leyr-client-id': 'frontdesk-demo', 'x-leyr-client-secret': 'frontdesk-demo-secret' },
    body: JSON.stringify({ start: `${CLINIC_DATE}T${from}:00+01:00`, end: `${CLINIC_DATE}T${to}:00+01:00` }),
  });
  return response.status;
}

const refresh = (page: Page): Promise<unknown> => page.evaluate((date) => window.frontdesk.refreshDay({ date }), CLINIC_DATE);

test('another desk’s move over mine is told with both versions, and “apply mine again” puts mine back in Leyr', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await dragBlockTo(page, 'apt-b4', 'res-b', '11:00');
  await expect(page.getByTestId('drag-indicator')).toHaveAttribute('data-valid', 'true');
  await page.mouse.up();
  await expectInLeyr(clinic.sandbox, 'apt-b4', (a) => a !== undefined && Date.parse(a.start) === Date.parse(`${CLINIC_DATE}T11:00:00+01:00`), 'my move reached Leyr');
  await expect(block(page, 'apt-b4')).not.toHaveAttribute('data-pending', 'true');

  expect(await anotherDeskMoves(clinic.services.demoSandbox?.apiBaseUrl, 'apt-b4', '09:30', '10:00')).toBe(200);
  await refresh(page);
  const notice = page.getByTestId('notice-error').last();
  await expect(notice).toContainText('Changed at another desk after yours: 11:00–11:30 → 09:30–10:00', { timeout: 15_000 });
  await expect(notice).not.toContainText('Leyr refused');
  await expect(block(page, 'apt-b4')).toHaveAttribute('data-failed', 'true');

  await block(page, 'apt-b4').dblclick();
  const choice = page.getByTestId('details-dialog').getByTestId('conflict-choice');
  await expect(choice.getByTestId('version-mine')).toContainText('11:00–11:30');
  await expect(choice.getByTestId('version-theirs')).toContainText('09:30–10:00');
  await choice.getByTestId('apply-mine').click();
  await expectInLeyr(clinic.sandbox, 'apt-b4', (a) => a !== undefined && Date.parse(a.start) === Date.parse(`${CLINIC_DATE}T11:00:00+01:00`), 'mine again in Leyr');
  await expect(block(page, 'apt-b4')).not.toHaveAttribute('data-failed', 'true');
});

test('“keep theirs” leaves the other desk’s version in Leyr and takes mine off the list', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await dragBlockTo(page, 'apt-b4', 'res-b', '11:00');
  await page.mouse.up();
  await expectInLeyr(clinic.sandbox, 'apt-b4', (a) => a !== undefined && Date.parse(a.start) === Date.parse(`${CLINIC_DATE}T11:00:00+01:00`), 'my move reached Leyr');
  expect(await anotherDeskMoves(clinic.services.demoSandbox?.apiBaseUrl, 'apt-b4', '09:30', '10:00')).toBe(200);
  await refresh(page);
  await expect(block(page, 'apt-b4')).toHaveAttribute('data-failed', 'true', { timeout: 15_000 });
  await block(page, 'apt-b4').dblclick();
  await page.getByTestId('details-dialog').getByTestId('keep-theirs').click();
  await expect(block(page, 'apt-b4')).not.toHaveAttribute('data-failed', 'true');
  const changes = await page.evaluate(() => window.frontdesk.listChanges());
  expect(changes.ok && changes.value.filter((c) => c.status === 'conflict')).toEqual([]);
  expect(Date.parse((await leyrAppointment(clinic.sandbox, 'apt-b4'))?.start ?? '')).toBe(Date.parse(`${CLINIC_DATE}T09:30:00+01:00`));
});

test('what another desk changes while the day is open is marked for a moment, and said to a screen reader', async ({ page, clinic }) => {
  await openDay(page, clinic);
  expect(await anotherDeskMoves(clinic.services.demoSandbox?.apiBaseUrl, 'apt-c4', '10:00', '10:30')).toBe(200);
  await refresh(page);
  const moved = block(page, 'apt-c4');
  await expect(moved).toHaveAttribute('data-changed-elsewhere', 'true', { timeout: 15_000 });
  await expect(moved).toContainText('Changed at another desk just now');
  await expect(block(page, 'apt-c3')).not.toHaveAttribute('data-changed-elsewhere', 'true');
  await page.screenshot({ path: test.info().outputPath('changed-elsewhere.png') });
  // The mark goes after its ten seconds.
  await expect(moved).not.toHaveAttribute('data-changed-elsewhere', 'true', { timeout: 15_000 });
});
