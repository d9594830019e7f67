// What the grid shows: columns, blocks and their marks, free time, cancelled ones on
// request, remembered column choices, and the connectivity header.
import { CLINIC_DATE, DAY_CLINIC, expect, openDay, test } from './fixtures.ts';
import { at, block, column, expectInLeyr, pointAt } from './day-helpers.ts';

test('one column per resource, blocks with status, comment mark and overlap lanes, free time shaded', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await expect(page.getByRole('rowheader')).toHaveText(['Dr. Anna Ek4', 'Dr. Bo Lind4', 'Sjuksköterska Cilla Berg4']);
  await expect(block(page, 'apt-a1')).toHaveAttribute('data-status', 'booked');
  await expect(block(page, 'apt-a3')).toHaveAttribute('data-status', 'awaiting_confirmation');
  await expect(block(page, 'apt-a4')).toHaveAttribute('data-status', 'completed');
  await expect(block(page, 'apt-a1').locator('.mark-comment')).toHaveCount(1);
  await expect(block(page, 'apt-a2').locator('.mark-comment')).toHaveCount(0);
  await expect(block(page, 'apt-a1')).toContainText('Astrid Lindqvist');
  await expect(block(page, 'apt-a1')).toContainText('08:00–08:30 · Mottagningsbesök');
  // Cancelled ones hidden unless shown, and then beside what overlaps them.
  await expect(block(page, 'apt-a5')).toHaveCount(0);
  await page.getByLabel('Show cancelled').check();
  await expect(block(page, 'apt-a5')).toHaveAttribute('data-status', 'cancelled');
  // Free time: Dr. Anna Ek 09:00–10:00 shaded as one band where she is free.
  const band = column(page, 'res-a').locator('.free').first();
  const bandBox = await band.boundingBox();
  const nine = await pointAt(page, 'res-a', '09:00');
  expect(Math.abs((bandBox?.y ?? 0) - nine.y)).toBeLessThan(1.5);
  expect(Math.round(bandBox?.height ?? 0)).toBe(60 * 2);
  // The axis runs from the earliest to the latest working hour.
  await expect(page.locator('.tick-label')).toHaveText(['08:00', '09:00', '10:00', '11:00', '12:00']);
});

test('overlapping appointments sit side by side', async ({ page, clinic }) => {
  // A second appointment in Dr. Anna Ek's 08:00 (booked straight into Leyr as another desk would).
  const response = await fetch(`${clinic.services.demoSandbox?.apiBaseUrl}/emrs/webdoc/care-units/L0_1/appointments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-leyr-client-id': 'frontdesk-demo', 'x-leyr-client-secret': 'frontdesk-demo-secret' },
    body: JSON.stringify({ start: '2026-03-23T09:00:00+01:00', end: '2026-03-23T09:30:00+01:00', patient_id: 'pat-010', resource_id: 'res-a', healthcare_service_id: 'svc-30', comment: '' }),
  });
  expect(response.status).toBe(201);
  await openDay(page, clinic);
  await page.getByLabel('Show cancelled').check();
  // The cancelled 09:00 (a5) and the new 09:00 share the time: two lanes of half width.
  const cancelled = await block(page, 'apt-a5').boundingBox();
  const created = (await page.locator('[data-resource-column="res-a"] [data-appointment]', { hasText: 'Saga Strand' }).boundingBox())!;
  expect(cancelled).not.toBeNull();
  expect(Math.abs((cancelled?.y ?? 0) - created.y)).toBeLessThan(1);
  expect(Math.abs((cancelled?.width ?? 0) - created.width)).toBeLessThan(1);
  expect(Math.abs((cancelled?.x ?? 0) - created.x)).toBeGreaterThan(created.width - 2);
  const full = (await block(page, 'apt-a1').boundingBox())!;
  expect(created.width).toBeLessThan(full.width / 2 + 2);
});

test('columns can be hidden and reordered, and the choice survives a restart of the window', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await page.getByRole('button', { name: 'Columns' }).click();
  const dialog = page.getByTestId('columns-dialog');
  await dialog.getByRole('checkbox', { name: 'Show Dr. Bo Lind' }).uncheck();
  await dialog.getByRole('button', { name: 'Move Sjuksköterska Cilla Berg left' }).click();
  await dialog.getByRole('button', { name: 'Move Sjuksköterska Cilla Berg left' }).click();
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(page.getByRole('rowheader')).toHaveText(['Sjuksköterska Cilla Berg4', 'Dr. Anna Ek4']);
  await expect(page.getByRole('button', { name: /Columns/ })).toContainText('1 hidden');
  await page.reload();
  await page.locator(`[data-testid="day-grid"][data-day="${CLINIC_DATE}"]`).waitFor();
  await expect(page.getByRole('rowheader')).toHaveText(['Sjuksköterska Cilla Berg4', 'Dr. Anna Ek4']);
  await page.getByRole('button', { name: /Columns/ }).click();
  await page.getByTestId('columns-dialog').getByRole('button', { name: 'Show all' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('rowheader')).toHaveText(['Sjuksköterska Cilla Berg4', 'Dr. Anna Ek4', 'Dr. Bo Lind4']);
});

test.describe('connectivity', () => {
  test.use({ clinicOptions: { seedFile: DAY_CLINIC, demoDate: CLINIC_DATE, schedule: { retry: { baseMs: 200, maxMs: 800 } } } });

  test('offline: the header shows the data’s age and the changes waiting; they are sent once Leyr is back', async ({ page, clinic }) => {
    await openDay(page, clinic);
    const header = page.getByTestId('connectivity');
    await expect(header).toContainText('Online');
    await clinic.sandbox.setFaults({ offline: true });
    await block(page, 'apt-b4').click();
    await page.keyboard.press('Alt+ArrowUp');
    await expect(header).toContainText('Offline', { timeout: 10_000 });
    await expect(header).toContainText('data from the last minute');
    await expect(header).toContainText('1 change waiting to be sent');
    await expect(block(page, 'apt-b4')).toHaveAttribute('data-pending', 'true');
    await clinic.sandbox.clearFaults();
    await expectInLeyr(clinic.sandbox, 'apt-b4', (a) => a !== undefined && Date.parse(a.start) === at(CLINIC_DATE, '10:15'), 'the queued move reached Leyr');
    // Back: no longer offline (main calls it degraded until ten calls in a row are answered).
    await expect(header).not.toContainText('Offline', { timeout: 10_000 });
    await expect(header).not.toContainText('waiting');
    await expect(block(page, 'apt-b4')).not.toHaveAttribute('data-pending', 'true');
  });

  test('Leyr answers but the day cannot be read: the header says so, not a mere "may be out of date"', async ({ page, clinic }) => {
    await openDay(page, clinic);
    const header = page.getByTestId('connectivity');
    await expect(header).toContainText('Online');
    // Every read of the day's appointments fails at the EHR behind Leyr (401 EMR_ERROR).
    await clinic.sandbox.setFaults({ errorRate: 1, methods: ['GET'], routes: ['appointments', 'legacy-appointments'], errors: [{ code: 'EMR_ERROR' }] });
    // The open day's own refresh (every few seconds while the window is in use) meets it.
    await expect(header).toContainText('the day could not be read just now', { timeout: 20_000 });
    await expect(header).not.toContainText('may be out of date');
    await expect(header.getByRole('button', { name: 'Refresh' })).toBeVisible();
    // The appointments already shown stay.
    await expect(block(page, 'apt-b4')).toBeVisible();
    await clinic.sandbox.clearFaults();
    await header.getByRole('button', { name: 'Refresh' }).click();
    await expect(header).not.toContainText('could not be read', { timeout: 10_000 });
  });
});
