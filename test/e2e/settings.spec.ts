// The settings screen end to end: the demo clinic at first start, entering credentials the
// clinic's Leyr (a second sandbox) accepts and switching to it, wrong credentials refused in
// plain words with nothing changed, signing out, and a computer without a keychain.
import { test, expect, type Page } from '@playwright/test';
import { expectNoSeriousViolations } from './a11y-helpers.ts';
import { pointAt } from './day-helpers.ts';
import { openDay, test as clinicTest } from './fixtures.ts';
import {
  CLIENT_ID,
  CLINIC_MARKER,
  columnNames,
  enterCredentials,
  IN_KEYRING,
  NEEDS_KEYRING,
  openApp,
  openSettings,
  settingsOf,
  startSettingsHost,
  type SettingsHost,
} from './settings-helpers.ts';

const DEMO_DOCTOR = 'Dr. Karin Lindqvist';

const expectAccessibleDialog = (page: Page, where: string): Promise<void> => expectNoSeriousViolations(page, where, '[data-testid="settings-dialog"]');
const CLINIC_COLUMNS = ['Dr. Anna Ek', 'Dr. Bo Lind', 'Sjuksköterska Cilla Berg'];

test.describe('settings with a keychain', () => {
  test.skip(!IN_KEYRING, NEEDS_KEYRING);
  let fixture: SettingsHost;
  test.beforeEach(async () => {
    fixture = await startSettingsHost();
  });
  test.afterEach(async () => {
    await fixture.close();
  });

  test('first run lands in demo mode and says so', async ({ page }) => {
    await openApp(page, fixture);
    await expect(page.getByTestId('demo-badge')).toHaveText('Demo clinic – no real patients');
    await expect(columnNames(page).filter({ hasText: DEMO_DOCTOR })).toHaveCount(1);
    const dialog = await openSettings(page);
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
    await expect(dialog.getByTestId('settings-mode')).toHaveText('The demo clinic is in use – no real patients.');
    await expect(dialog.getByLabel('EHR')).toBeFocused();
    await expectAccessibleDialog(page, 'the settings dialog at first start');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    const view = await settingsOf(page);
    expect(view.account).toBeNull();
    expect(view.mode.mode).toBe('demo');
  });

  test('wrong credentials show the 401 in plain words and change nothing', async ({ page }) => {
    await openApp(page, fixture);
    await openSettings(page);
    await enterCredentials(page, fixture, `${fixture.secret}-wrong`);
    const outcome = page.getByTestId('settings-outcome');
    await expect(outcome).toHaveAttribute('data-kind', 'error');
    await expect(outcome).toContainText('Leyr did not accept the credentials: wrong client id or secret (401). Nothing was saved.');
    await expect(page.getByTestId('settings-reference')).toHaveValue(/^[0-9a-f-]{36}$/);
    await expectAccessibleDialog(page, 'the settings dialog showing a refusal');
    // The secret field is empty again and no "stored" state appeared.
    await expect(page.getByLabel('Client secret')).toHaveValue('');
    await expect(page.getByTestId('secret-stored')).toHaveCount(0);
    const view = await settingsOf(page);
    expect(view.account).toBeNull();
    expect(view.secretStored).toBe(false);
    expect(view.mode.mode).toBe('demo');
    expect(await fixture.secretStore.has({ emr: 'webdoc', clientId: CLIENT_ID })).toBe(false);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('demo-badge')).toBeVisible();
    await expect(columnNames(page).filter({ hasText: DEMO_DOCTOR })).toHaveCount(1);
  });

  test('credentials the clinic’s Leyr accepts, Test connection and a care unit switch to that clinic, and back', async ({ page }) => {
    await openApp(page, fixture);
    const seq = (await fixture.clinicControl.requests()).next;
    const dialog = await openSettings(page);
    await enterCredentials(page, fixture, fixture.secret);
    await expect(page.getByTestId('settings-outcome')).toHaveText('Connection works: Leyr accepted the credentials. One care unit is available.');
    await expect(dialog.getByTestId('secret-stored')).toHaveText('Stored in the keychain');
    await expect(dialog.getByRole('button', { name: 'Replace' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Remove' })).toBeVisible();
    await expectAccessibleDialog(page, 'the settings dialog with a stored secret and the care units');
    expect(await fixture.secretStore.read({ emr: 'webdoc', clientId: CLIENT_ID })).toBe(fixture.secret);
    // Still the demo until a care unit is chosen.
    await expect(page.getByTestId('demo-badge')).toBeVisible();
    await dialog.getByLabel('Care unit').selectOption('L0_1');
    await dialog.getByRole('button', { name: 'Use this clinic' }).click();
    await expect(dialog.getByTestId('settings-mode')).toHaveText('In use: Vårdcentralen Test (webdoc).');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('demo-badge')).toHaveCount(0);
    await expect(page.getByTestId('clinic-name')).toHaveText('Vårdcentralen Test');
    await expect(columnNames(page)).toHaveText(CLINIC_COLUMNS);
    const paths = (await fixture.clinicControl.requests(seq)).requests.map((r) => `${r.method} ${r.path.split('?')[0]}`);
    expect(paths).toContain('GET /api/emrs/webdoc/care-units');
    expect(paths).toContain('GET /api/emrs/webdoc/care-units/L0_1/appointments');
    expect((await settingsOf(page)).mode.mode).toBe('account');

    // One action back to the demo, keeping the stored credentials; and one action forward again.
    await openSettings(page);
    await page.getByRole('button', { name: 'Use demo clinic' }).click();
    await expect(page.getByTestId('demo-badge')).toBeVisible();
    await expect(page.getByTestId('settings-mode')).toHaveText('The demo clinic is in use – no real patients.');
    await expect(page.getByTestId('secret-stored')).toBeVisible();
    await page.getByRole('button', { name: 'Use this clinic' }).click();
    await expect(page.getByTestId('clinic-name')).toHaveText('Vårdcentralen Test');
    await page.keyboard.press('Escape');
    await expect(columnNames(page)).toHaveText(CLINIC_COLUMNS);
  });

  test('sign-out removes the secret from the keychain and the clinic’s cached data from this computer', async ({ page }) => {
    await openApp(page, fixture);
    await openSettings(page);
    await enterCredentials(page, fixture, fixture.secret);
    await expect(page.getByTestId('secret-stored')).toBeVisible();
    await page.getByRole('button', { name: 'Use this clinic' }).click();
    await expect(page.getByTestId('clinic-name')).toHaveText('Vårdcentralen Test');
    await page.keyboard.press('Escape');
    await expect(columnNames(page)).toHaveText(CLINIC_COLUMNS);
    // Patients' names are fetched after the day: wait until the clinic's are on disk.
    await expect.poll(() => fixture.diskText().includes(CLINIC_MARKER), { message: 'the clinic’s patients are cached' }).toBe(true);

    await openSettings(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByTestId('settings-outcome')).toHaveText('Signed out. The secret was removed from the keychain and this clinic’s data deleted from this computer.');
    await expect(page.getByTestId('demo-badge')).toBeVisible();
    const view = await settingsOf(page);
    expect(view.account).toBeNull();
    expect(view.secretStored).toBe(false);
    expect(await fixture.secretStore.has({ emr: 'webdoc', clientId: CLIENT_ID })).toBe(false);
    expect(fixture.diskText().includes(CLINIC_MARKER)).toBe(false);
    await page.keyboard.press('Escape');
    await expect(columnNames(page).filter({ hasText: DEMO_DOCTOR })).toHaveCount(1);
  });

  test('changes of the clinic left behind are announced, sent when it is used again, and guard sign-out', async ({ page }) => {
    await openApp(page, fixture);
    await openSettings(page);
    await enterCredentials(page, fixture, fixture.secret);
    await page.getByRole('button', { name: 'Use this clinic' }).click();
    await expect(page.getByTestId('clinic-name')).toHaveText('Vårdcentralen Test');
    await page.keyboard.press('Escape');
    await expect(columnNames(page)).toHaveText(CLINIC_COLUMNS);
    await fixture.clinicControl.setFaults({ offline: true });
    const cancel = await page.evaluate(() => window.frontdesk.cancelAppointments({ ids: ['apt-c4'], reason: 'Sjuk' }));
    expect(cancel.ok).toBe(true);

    // Signing out now would lose it: refused, with the choice to go ahead.
    await openSettings(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByTestId('sign-out-blocked')).toContainText('1 change for this clinic has not reached Leyr yet');
    await expect(page.getByRole('button', { name: 'Sign out anyway' })).toBeVisible();
    expect((await settingsOf(page)).mode.mode).toBe('account');

    await page.getByRole('button', { name: 'Use demo clinic' }).click();
    await expect(page.getByTestId('settings-waiting')).toHaveText('1 change for Vårdcentralen Test waits to be sent; it goes out when that clinic is used again.');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('mode-waiting')).toHaveText('1 change waits for Vårdcentralen Test');
    expect((await fixture.clinicControl.state()).appointments.find((a) => a.id === 'apt-c4')?.status).toBe('booked');

    await fixture.clinicControl.clearFaults();
    await openSettings(page);
    await page.getByRole('button', { name: 'Use this clinic' }).click();
    await expect(page.getByTestId('clinic-name')).toHaveText('Vårdcentralen Test');
    await expect(page.getByTestId('mode-waiting')).toHaveCount(0);
    await expect.poll(async () => (await fixture.clinicControl.state()).appointments.find((a) => a.id === 'apt-c4')?.status).toBe('cancelled');
  });

  test('language and personal-number masking live in the settings and are kept', async ({ page }) => {
    await openApp(page, fixture);
    const dialog = await openSettings(page);
    await dialog.getByLabel('Language').selectOption('sv');
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expect(page.getByRole('dialog', { name: 'Inställningar' })).toBeVisible();
    await page.getByLabel('Maskera personnummer (visa dem bara när du själv väljer att visa dem)').uncheck();
    await expect.poll(async () => (await settingsOf(page)).maskPersonalNumbers).toBe(false);
    await page.reload();
    await expect(page.getByTestId('demo-badge')).toHaveText('Demoklinik – inga riktiga patienter');
    const view = await settingsOf(page);
    expect(view.language).toBe('sv');
    await expect(page.getByRole('button', { name: 'Inställningar' })).toBeVisible();
    const again = await openSettings(page);
    await expect(again.getByTestId('settings-mask')).not.toBeChecked();
    await again.getByTestId('settings-language').selectOption('system');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});

test.describe('settings without a keychain', () => {
  let fixture: SettingsHost;
  test.beforeEach(async () => {
    fixture = await startSettingsHost({
      brokenKeychain: true,
      settings: (baseUrl) => ({ version: 1, account: { emr: 'webdoc', clientId: CLIENT_ID, careUnitId: 'L0_1', baseUrl }, language: 'system', maskPersonalNumbers: true }),
    });
  });
  test.afterEach(async () => {
    await fixture.close();
  });

  test('the keychain being unavailable is said plainly, and the demo clinic keeps working', async ({ page }) => {
    await openApp(page, fixture);
    await expect(page.getByTestId('demo-badge')).toBeVisible();
    await expect(page.getByTestId('mode-reason')).toContainText('Keychain support could not be loaded');
    await expect(page.getByTestId('mode-reason')).toContainText('keeps working in demo mode and never stores the secret in a file');
    await expect(columnNames(page).filter({ hasText: DEMO_DOCTOR })).toHaveCount(1);
    const dialog = await openSettings(page);
    await expect(dialog.getByTestId('keychain-status')).toContainText('The keychain cannot be used');
    await expect(dialog.getByLabel('Client secret')).toBeDisabled();
    await expect(dialog.getByRole('button', { name: 'Test connection' })).toBeDisabled();
    const view = await settingsOf(page);
    expect(view.mode.mode).toBe('demo');
    expect(view.keychain.available).toBe(false);
    // And nothing fell back to a file: the secret is nowhere on disk.
    expect(fixture.diskText().includes(fixture.secret)).toBe(false);
  });
});

clinicTest('with masking turned off in the settings, personal numbers show in full; back on, masked again', async ({ page, clinic }) => {
  await openDay(page, clinic);
  const dialog = await openSettings(page);
  await dialog.getByLabel('Mask personal numbers (show them only when revealed)').uncheck();
  await page.keyboard.press('Escape');
  const point = await pointAt(page, 'res-c', '10:30', '08:00', 6);
  await page.mouse.click(point.x, point.y);
  const booking = page.getByTestId('booking-dialog');
  await booking.getByTestId('patient-query').fill('191212121212');
  const result = booking.locator('.patient-results li', { hasText: 'Tolvan Tolvansson' });
  await expect(result.getByTestId('personal-number')).toHaveText('19121212-1212');
  await expect(result.getByRole('button', { name: 'Show personal number' })).toHaveAttribute('aria-pressed', 'true');
  await booking.getByRole('button', { name: 'Cancel' }).click();
  await expect(booking).toBeHidden();

  const again = await openSettings(page);
  await again.getByLabel('Mask personal numbers (show them only when revealed)').check();
  await page.keyboard.press('Escape');
  await page.mouse.click(point.x, point.y);
  await page.getByTestId('booking-dialog').getByTestId('patient-query').fill('191212121212');
  await expect(page.getByTestId('booking-dialog').locator('.patient-results li', { hasText: 'Tolvan Tolvansson' }).getByTestId('personal-number')).toHaveText('19121212-****');
});
