// Booking from a free slot (find or create the patient), and the patient's code for EHRs
// that confirm by code, asserted in Leyr (the sandbox).
import type { Page } from '@playwright/test';
import { CLINIC_DATE, DAY_CLINIC, expect, openDay, test } from './fixtures.ts';
import { at, block, expectInLeyr, leyrAppointments, pointAt } from './day-helpers.ts';

async function clickFree(page: Page, resourceId: string, hhmm: string): Promise<void> {
  const point = await pointAt(page, resourceId, hhmm, '08:00', 6);
  await page.mouse.click(point.x, point.y);
}

test('click a free slot, find the patient by personal number, choose the service, comment, book', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await clickFree(page, 'res-c', '10:30');
  const dialog = page.getByTestId('booking-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('10:30, Sjuksköterska Cilla Berg');
  await dialog.getByTestId('patient-query').fill('191212121212');
  await dialog.getByRole('button', { name: 'Choose Tolvan Tolvansson' }).click();
  await expect(dialog.getByTestId('chosen-patient')).toContainText('Tolvan Tolvansson');
  await expect(dialog.getByTestId('chosen-patient').getByTestId('personal-number')).toHaveText('19121212-****');
  // Both services fit at 10:30; take the 15-minute one.
  await dialog.getByTestId('booking-service').selectOption('svc-15');
  await dialog.getByLabel('Comment (optional)').fill('Receptet');
  await dialog.getByTestId('book-button').click();
  await expect(dialog).toBeHidden();
  await expect
    .poll(async () => (await leyrAppointments(clinic.sandbox)).find((a) => a.resource_id === 'res-c' && Date.parse(a.start) === at(CLINIC_DATE, '10:30') && a.status === 'booked'))
    .toMatchObject({ patient_id: 'pat-001', comment: 'Receptet', end: expect.stringMatching(/T10:45:00/) });
  // The new block appears with Leyr's id.
  await expect(page.locator('[data-resource-column="res-c"] [data-appointment]:not([data-appointment^="local:"])', { hasText: 'Tolvan Tolvansson' })).toBeVisible();
});

test('a personal number is validated as typed; an unknown patient is created, then booked', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await clickFree(page, 'res-a', '09:30');
  const dialog = page.getByTestId('booking-dialog');
  const query = dialog.getByTestId('patient-query');
  await query.fill('19900101');
  await expect(dialog.getByTestId('pn-hint')).toHaveAttribute('data-state', 'partial');
  await query.fill('19900101-0001');
  await expect(dialog.getByTestId('pn-hint')).toHaveAttribute('data-state', 'invalid');
  await expect(dialog.getByTestId('pn-hint')).toHaveText('The date or the check digit is wrong');
  await expect(query).toHaveAttribute('aria-invalid', 'true');
  await query.fill('19900101-0017');
  await expect(dialog.getByTestId('pn-hint')).toHaveAttribute('data-state', 'valid');
  await expect(dialog.getByText('No patient found.')).toBeVisible();
  await dialog.getByRole('button', { name: 'New patient…' }).click();
  await expect(dialog.getByTestId('new-patient-pn')).toHaveValue('19900101-0017');
  await dialog.getByLabel('First name').fill('Ny');
  await dialog.getByLabel('Last name').fill('Patientsson');
  await dialog.getByRole('button', { name: 'Create patient' }).click();
  await expect(dialog.getByTestId('chosen-patient')).toContainText('Ny Patientsson');
  await expect(dialog.getByTestId('chosen-patient').getByTestId('personal-number')).toHaveText('19900101-****');
  await dialog.getByTestId('book-button').click();
  await expect(dialog).toBeHidden();
  const state = await clinic.sandbox.state();
  const patient = state.patients.find((p) => p.first_name === 'Ny' && p.last_name === 'Patientsson');
  expect(patient).toBeDefined();
  await expect
    .poll(async () => (await leyrAppointments(clinic.sandbox)).some((a) => a.patient_id === patient?.id && a.resource_id === 'res-a' && Date.parse(a.start) === at(CLINIC_DATE, '09:30')))
    .toBe(true);
});

test.describe('an EHR that confirms by code (Anita Systems)', () => {
  test.use({ clinicOptions: { seedFile: DAY_CLINIC, demoDate: CLINIC_DATE, emr: 'anitasystems' } });

  test('a booking awaiting confirmation opens the code entry; the code confirms it; it can be reopened later', async ({ page, clinic }) => {
    await openDay(page, clinic);
    await clickFree(page, 'res-c', '11:00');
    const dialog = page.getByTestId('booking-dialog');
    await dialog.getByTestId('patient-query').fill('Lindqvist');
    await dialog.getByRole('button', { name: 'Choose Astrid Lindqvist' }).click();
    await dialog.getByTestId('book-button').click();
    const codeDialog = page.getByTestId('code-dialog');
    await expect(codeDialog).toBeVisible({ timeout: 10_000 });
    const booked = (await leyrAppointments(clinic.sandbox)).find((a) => a.resource_id === 'res-c' && Date.parse(a.start) === at(CLINIC_DATE, '11:00'));
    expect(booked?.status).toBe('awaiting_confirmation');
    // Later: close it, and reopen from the appointment's details.
    await codeDialog.getByRole('button', { name: 'Later' }).click();
    await expect(codeDialog).toBeHidden();
    const shown = block(page, booked?.id ?? '');
    await expect(shown).toHaveAttribute('data-status', 'awaiting_confirmation');
    await shown.dblclick();
    await page.getByTestId('details-dialog').getByTestId('open-code').click();
    const code = await clinic.sandbox.code(booked?.id ?? '');
    expect(code).not.toBeNull();
    await page.getByTestId('code-dialog').getByTestId('code-input').fill(code ?? '');
    await page.getByTestId('code-dialog').getByRole('button', { name: 'Confirm' }).click();
    await expectInLeyr(clinic.sandbox, booked?.id ?? '', (a) => a?.status === 'booked', 'booking confirmed by the code');
    await expect(shown).toHaveAttribute('data-status', 'booked');
  });

  test('a two-step cancel waits for the patient’s code; the selection bar offers the code entry', async ({ page, clinic }) => {
    await openDay(page, clinic);
    await block(page, 'apt-b4').click();
    await page.getByRole('button', { name: 'Cancel appointments…' }).click();
    await page.getByTestId('cancel-reason').fill('Patienten ringde');
    await page.getByTestId('confirm-cancel').click();
    const results = page.getByTestId('operation-results');
    const row = results.locator('[data-appointment-result="apt-b4"]');
    await expect(row).toHaveAttribute('data-result', 'awaiting-code', { timeout: 10_000 });
    await expect(row).toContainText('Waiting for the patient’s code');
    const record = (await leyrAppointments(clinic.sandbox)).find((a) => a.cancellation_of === 'apt-b4');
    expect(record?.status).toBe('awaiting_confirmation');
    const code = await clinic.sandbox.code(record?.id ?? '');
    await row.getByRole('button', { name: 'Enter code' }).click();
    await page.getByTestId('code-input').fill(code ?? '');
    await page.getByTestId('code-dialog').getByRole('button', { name: 'Confirm' }).click();
    await expectInLeyr(clinic.sandbox, 'apt-b4', (a) => a?.status === 'cancelled', 'apt-b4 cancelled once the code was given');
    await expect(row).toHaveAttribute('data-result', 'done', { timeout: 10_000 });
  });
});
