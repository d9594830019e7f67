// Patient ids per EHR in the booking dialog, against the sandbox: what the clinic's EHR cannot
// look patients up by is said before anything is sent; a bad e-mail marks its field; Anita
// Systems needs a phone number; a patient Leyr already has is said as such and never switched
// in silently. Also the Norwegian (bokmål) UI, and Leyr's failures said truthfully.
import { CLINIC_DATE, DAY_CLINIC, expect, openDay, test } from './fixtures.ts';
import { openBooking, patientRequestsSince, requestMark } from './day-helpers.ts';

test.describe('WebDoc (Swedish numbers and EHR ids)', () => {
  test('creating a patient Leyr already has: "Already registered", the receptionist chooses, never "created"', async ({ page, clinic }) => {
    await openDay(page, clinic);
    const dialog = await openBooking(page, 'res-a', '09:30');
    await dialog.getByRole('button', { name: 'New patient…' }).click();
    await dialog.getByLabel('First name').fill('Greta');
    await dialog.getByLabel('Last name').fill('Testsson');
    await dialog.getByTestId('new-patient-pn').fill('19121212-1212');
    await expect(dialog.getByTestId('pn-hint')).toHaveAttribute('data-state', 'valid');
    await dialog.getByRole('button', { name: 'Create patient' }).click();

    const existing = dialog.getByTestId('existing-patient');
    await expect(existing).toContainText('Already registered: Tolvan Tolvansson, 19121212-****');
    await expect(existing.getByTestId('personal-number')).toHaveText('19121212-****');
    await expect(dialog.getByTestId('chosen-patient')).toBeHidden();
    await expect(page.getByText('Patient created.')).toBeHidden();
    // The safe way out has the keyboard.
    await expect(existing.getByRole('button', { name: 'Go back and change' })).toBeFocused();

    // Back: the form as typed, at the number.
    await existing.getByRole('button', { name: 'Go back and change' }).click();
    await expect(dialog.getByLabel('First name')).toHaveValue('Greta');
    await expect(dialog.getByTestId('new-patient-pn')).toHaveValue('19121212-1212');
    await expect(dialog.getByTestId('new-patient-pn')).toBeFocused();

    // Again, and this time the registered patient is used, on purpose.
    await dialog.getByRole('button', { name: 'Create patient' }).click();
    await dialog.getByTestId('existing-patient').getByRole('button', { name: 'Use the registered patient' }).click();
    await expect(dialog.getByTestId('chosen-patient')).toContainText('Tolvan Tolvansson');
    await expect(page.getByText('Patient created.')).toBeHidden();
    const state = await clinic.sandbox.state();
    expect(state.patients.some((p) => p.first_name === 'Greta')).toBe(false);
  });

  test('a patient already registered under the same name is said as such too (main’s `existing`)', async ({ page, clinic }) => {
    await openDay(page, clinic);
    const dialog = await openBooking(page, 'res-a', '09:30');
    await dialog.getByRole('button', { name: 'New patient…' }).click();
    await dialog.getByLabel('First name').fill('Tolvan');
    await dialog.getByLabel('Last name').fill('Tolvansson');
    await dialog.getByTestId('new-patient-pn').fill('191212121212');
    await dialog.getByRole('button', { name: 'Create patient' }).click();
    await expect(dialog.getByTestId('existing-patient')).toContainText('Already registered: Tolvan Tolvansson, 19121212-****');
    await expect(page.getByText('Patient created.')).toBeHidden();
  });

  test('a Norwegian number is refused before anything is sent; an EHR id is typed as emr:', async ({ page, clinic }) => {
    await openDay(page, clinic);
    const dialog = await openBooking(page, 'res-c', '10:30');
    const query = dialog.getByTestId('patient-query');
    const mark = await requestMark(clinic.sandbox);
    await query.fill('26258605879');
    await expect(dialog.getByTestId('pn-hint')).toHaveAttribute('data-state', 'refused');
    await expect(dialog.getByTestId('pn-hint')).toHaveText('WebDoc does not look patients up by Norwegian personal number: search by name, Swedish personal number or EHR id');
    await expect(query).toHaveAttribute('aria-invalid', 'true');
    await page.waitForTimeout(600);
    expect(await patientRequestsSince(clinic.sandbox, mark)).toEqual([]);

    await query.fill('emr:wd-1000');
    await expect(dialog.getByTestId('pn-hint')).toHaveText('Searching by EHR id');
    await expect(dialog.getByRole('button', { name: 'Choose Tolvan Tolvansson' })).toBeVisible();
  });

  test('a bad e-mail marks its field, and nothing is sent', async ({ page, clinic }) => {
    await openDay(page, clinic);
    const dialog = await openBooking(page, 'res-a', '09:30');
    await dialog.getByRole('button', { name: 'New patient…' }).click();
    await dialog.getByLabel('First name').fill('Ny');
    await dialog.getByLabel('Last name').fill('Patientsson');
    await dialog.getByTestId('new-patient-pn').fill('19900101-0017');
    await dialog.getByTestId('new-patient-email').fill('ny.patientsson');
    const mark = await requestMark(clinic.sandbox);
    await dialog.getByRole('button', { name: 'Create patient' }).click();
    await expect(dialog.getByTestId('email-problem')).toHaveText('Not an e-mail address');
    await expect(dialog.getByTestId('new-patient-email')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByTestId('new-patient-email')).toBeFocused();
    await expect(dialog).not.toContainText('Invalid argument');
    expect(await patientRequestsSince(clinic.sandbox, mark)).toEqual([]);
    // Corrected, it goes through.
    await dialog.getByTestId('new-patient-email').fill('ny@example.se');
    await dialog.getByRole('button', { name: 'Create patient' }).click();
    await expect(dialog.getByTestId('chosen-patient')).toContainText('Ny Patientsson');
  });

  test('an EHR failure at 401 reads as the EHR’s, with Leyr’s reference, never as wrong credentials', async ({ page, clinic }) => {
    await openDay(page, clinic);
    const dialog = await openBooking(page, 'res-c', '10:30');
    await clinic.sandbox.setFaults({ errorRate: 1, routes: ['patients'], errors: [{ code: 'EMR_ERROR', status: 401, detail: 'WebDoc is restarting' }] });
    await dialog.getByTestId('patient-query').fill('Tolvan');
    const error = dialog.locator('.search-status .error-text');
    await expect(error).toContainText(/^The EHR \(or Leyr\) failed: WebDoc is restarting\. Reference for Leyr support: \S+/);
    await expect(error).not.toContainText(/client id|secret|credentials/);
    await clinic.sandbox.clearFaults();
  });
});

test.describe('Anita Systems (EHR ids only, codes by SMS)', () => {
  test.use({ clinicOptions: { seedFile: DAY_CLINIC, demoDate: CLINIC_DATE, emr: 'anitasystems' } });

  test('a personal number is refused in the search; a new patient needs a phone number', async ({ page, clinic }) => {
    await openDay(page, clinic);
    const dialog = await openBooking(page, 'res-a', '09:30');
    const mark = await requestMark(clinic.sandbox);
    await dialog.getByTestId('patient-query').fill('191212121212');
    await expect(dialog.getByTestId('pn-hint')).toHaveText('Anita Systems does not look patients up by personal number: search by name or EHR id');
    await page.waitForTimeout(600);
    expect(await patientRequestsSince(clinic.sandbox, mark)).toEqual([]);

    await dialog.getByRole('button', { name: 'New patient…' }).click();
    await dialog.getByLabel('First name').fill('Ny');
    await dialog.getByLabel('Last name').fill('Patientsson');
    await expect(dialog.getByTestId('new-patient-pn')).toHaveValue('191212121212');
    await dialog.getByTestId('new-patient-pn').fill('19900101-0017');
    await expect(dialog.getByLabel('Mobile phone (required)')).toBeVisible();
    await dialog.getByRole('button', { name: 'Create patient' }).click();
    await expect(dialog.getByTestId('phone-problem')).toContainText('Required: Anita Systems texts the patient’s codes');
    expect(await patientRequestsSince(clinic.sandbox, mark)).toEqual([]);
    await dialog.getByLabel('Mobile phone (required)').fill('+46 70 123 45 67');
    await dialog.getByRole('button', { name: 'Create patient' }).click();
    await expect(dialog.getByTestId('chosen-patient')).toContainText('Ny Patientsson');
    const state = await clinic.sandbox.state();
    // The sandbox's stored record (its answers, strict as Leyr's, may leave `phones` out).
    const stored = state.patients.find((p) => p.first_name === 'Ny') as unknown as { phones?: string[] } | undefined;
    expect(stored?.phones).toEqual(['+46 70 123 45 67']);
  });
});

test.describe('DIPS (Norwegian numbers)', () => {
  test.use({ clinicOptions: { seedFile: DAY_CLINIC, demoDate: CLINIC_DATE, emr: 'dips' } });

  test('a Norwegian patient is created and shown masked; a Swedish number is refused', async ({ page, clinic }) => {
    await openDay(page, clinic);
    const dialog = await openBooking(page, 'res-a', '09:30');
    await dialog.getByTestId('patient-query').fill('191212121212');
    await expect(dialog.getByTestId('pn-hint')).toHaveText('DIPS does not look patients up by Swedish personal number: search by name, Norwegian personal number or EHR id');
    await dialog.getByTestId('patient-query').fill('26258605879');
    await expect(dialog.getByTestId('pn-hint')).toHaveText('Valid Norwegian personal number');
    await expect(dialog.getByText('No patient found.')).toBeVisible();
    await dialog.getByRole('button', { name: 'New patient…' }).click();
    await dialog.getByLabel('First name').fill('Kari');
    await dialog.getByLabel('Last name').fill('Nordmann');
    await dialog.getByRole('button', { name: 'Create patient' }).click();
    await expect(dialog.getByTestId('chosen-patient')).toContainText('Kari Nordmann');
    await expect(dialog.getByTestId('chosen-patient').getByTestId('personal-number')).toHaveText('262586 *****');
  });
});

test.describe('on a Norwegian computer', () => {
  test.use({ locale: 'nb-NO' });

  test('the day view is in bokmål, dates in nb; the switch and the settings offer it beside Svenska and English', async ({ page, clinic }) => {
    await openDay(page, clinic);
    await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
    await expect(page.getByTestId('day-title')).toContainText('mandag 23. mars 2026');
    await expect(page.getByRole('button', { name: 'Neste dag' })).toBeVisible();
    await expect(page.getByRole('note')).toHaveText('Demoklinikk – ingen ekte pasienter');
    await expect(page.getByLabel('Dato')).toHaveValue('23.03.2026');
    await expect(page.getByRole('button', { name: 'Norsk' })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('button', { name: 'Next day' })).toBeVisible();
    await page.getByTestId('open-settings').click();
    await page.getByTestId('settings-language').selectOption('nb');
    await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
    await expect(page.getByRole('button', { name: 'Neste dag' })).toBeVisible();
  });
});

test.describe('what main tells about Leyr', () => {
  test('an appointment Leyr sent unreadable is counted on the day', async ({ page, clinic }) => {
    await clinic.sandbox.setFaults({ malformed: { list: 'appointments', index: 0, field: 'end' } });
    await openDay(page, clinic);
    await expect(page.getByTestId('day-unreadable')).toHaveText(/^1 appointment could not be read/, { timeout: 15_000 });
    await clinic.sandbox.clearFaults();
  });

  test('the header says until when Leyr asked to wait', async ({ page, clinic }) => {
    await openDay(page, clinic);
    await clinic.sandbox.setFaults({ errorRate: 1, errors: [{ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 60 }], methods: ['GET'] });
    await page.getByRole('button', { name: 'Next day' }).click();
    await expect(page.getByTestId('connectivity-wait')).toHaveText(/^Leyr asked to wait until \d{2}:\d{2}:\d{2}$/, { timeout: 15_000 });
    await clinic.sandbox.clearFaults();
  });
});
