// The updater in the window, against a rehearsal (main/updater/rehearsal.ts: a made-up update
// under the real controller): the banner goes available → downloading (progress) → ready;
// "Restart to update" is held, with the reason shown, while a change is unsent or a dialog is
// open; the restart reaches the updater's install once nothing holds it. And About, and the
// desktop menu's commands carried out by the window.
import { createRehearsal, type Rehearsal } from '../../main/updater/rehearsal.ts';
import { expectNoSeriousViolations } from './a11y-helpers.ts';
import { block } from './day-helpers.ts';
import { CLINIC_DATE, DAY_CLINIC, expect, openDay, startTestHost, test, type HostFixture } from './fixtures.ts';

let host: HostFixture | null = null;
test.afterEach(async () => {
  await host?.close();
  host = null;
});

async function withUpdate(options: { stepMs?: number; steps?: number; startupDelayMs?: number } = {}): Promise<{ fixture: HostFixture; rehearsal: Rehearsal }> {
  const rehearsal = createRehearsal({ startupDelayMs: options.startupDelayMs ?? 500, stepMs: options.stepMs ?? 150, steps: options.steps ?? 6 });
  host = await startTestHost({ demoDate: CLINIC_DATE, seedFile: DAY_CLINIC, updates: rehearsal.factory, schedule: { retry: { baseMs: 200, maxMs: 800 } } });
  return { fixture: host, rehearsal };
}

test('the banner shows the download, then "Restart to update", which installs the update', async ({ page }) => {
  // No check of its own for a minute: the receptionist asks for one in About.
  const { fixture, rehearsal } = await withUpdate({ stepMs: 500, steps: 8, startupDelayMs: 60_000 });
  await openDay(page, fixture);
  const banner = page.getByTestId('update-banner');
  await expect(banner).toHaveCount(0);
  await page.getByTestId('open-about').click();
  await expect(page.getByTestId('about-updates')).toContainText('Not checked yet');
  await page.getByTestId('about-dialog').getByRole('button', { name: 'Check for updates' }).click();
  await page.keyboard.press('Escape');
  await expect(banner).toHaveAttribute('data-state', 'downloading', { timeout: 10_000 });
  await expect(banner).toContainText('Downloading Frontdesk 0.0.0');
  const progress = page.getByRole('progressbar', { name: 'Download of Frontdesk 0.0.0' });
  await expect(progress).toBeVisible();
  await expectNoSeriousViolations(page, 'the update banner while downloading', '[data-testid="update-banner"]');
  await expect(banner).toHaveAttribute('data-state', 'ready', { timeout: 10_000 });
  await expect(banner).toContainText('Frontdesk 0.0.0 is ready to install.');
  const restart = banner.getByRole('button', { name: 'Restart to update' });
  await expect(restart).toBeEnabled();
  await expectNoSeriousViolations(page, 'the update banner when ready', '[data-testid="update-banner"]');
  expect(rehearsal.installs()).toEqual([]);
  await restart.click();
  await expect(banner).toContainText('Restarting to install Frontdesk 0.0.0');
  expect(rehearsal.installs()).toEqual(['0.0.0']);
});

test('the restart is held while a change is unsent, says why, and is offered once it is sent', async ({ page }) => {
  const { fixture, rehearsal } = await withUpdate({ stepMs: 100, steps: 3 });
  await openDay(page, fixture);
  // A move that cannot reach Leyr yet: it waits in the outbox.
  await fixture.sandbox!.setFaults({ offline: true });
  await block(page, 'apt-b4').click();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByTestId('connectivity')).toContainText('1 change waiting to be sent', { timeout: 10_000 });
  const banner = page.getByTestId('update-banner');
  await expect(banner).toHaveAttribute('data-state', 'ready', { timeout: 10_000 });
  await expect(page.getByTestId('update-hold')).toHaveText('It can install once the change waiting is sent to the EHR.');
  const restart = banner.getByRole('button', { name: 'Restart to update' });
  await expect(restart).toBeDisabled();
  await fixture.sandbox!.clearFaults();
  await expect(page.getByTestId('connectivity')).not.toContainText('waiting', { timeout: 15_000 });
  await expect(page.getByTestId('update-hold')).toHaveCount(0, { timeout: 5_000 });
  await restart.click();
  await expect.poll(() => rehearsal.installs()).toEqual(['0.0.0']);
});

test('the restart is held while a dialog is open', async ({ page }) => {
  const { fixture, rehearsal } = await withUpdate({ stepMs: 100, steps: 3 });
  await openDay(page, fixture);
  const banner = page.getByTestId('update-banner');
  await expect(banner).toHaveAttribute('data-state', 'ready', { timeout: 10_000 });
  await page.getByRole('button', { name: 'Columns' }).click();
  await expect(page.getByTestId('update-hold')).toHaveText('It can install once the open dialog is closed.', { timeout: 5_000 });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('update-hold')).toHaveCount(0, { timeout: 5_000 });
  await banner.getByRole('button', { name: 'Restart to update' }).click();
  await expect.poll(() => rehearsal.installs()).toEqual(['0.0.0']);
  // "Later" is for another time; here the restart went ahead.
});

test('Later hides the ready banner; About says the version, Leyr and the update', async ({ page }) => {
  const { fixture } = await withUpdate({ stepMs: 100, steps: 3 });
  await openDay(page, fixture);
  const banner = page.getByTestId('update-banner');
  await expect(banner).toHaveAttribute('data-state', 'ready', { timeout: 10_000 });
  await banner.getByRole('button', { name: 'Later' }).click();
  await expect(banner).toHaveCount(0);
  await page.getByRole('button', { name: 'About Frontdesk, v0.0.0-test' }).click();
  const about = page.getByTestId('about-dialog');
  await expect(about.getByTestId('about-version')).toHaveText('0.0.0-test');
  await expect(about.getByTestId('about-leyr')).toHaveText('Online');
  await expect(about.getByTestId('about-updates')).toContainText('Frontdesk 0.0.0 is ready to install.');
  await expectNoSeriousViolations(page, 'About', '[data-testid="about-dialog"]');
  await page.keyboard.press('Enter');
  await expect(about).toHaveCount(0);
});

test('the desktop menu’s commands are carried out by the window (About, Find, First free time)', async ({ page, clinic }) => {
  await openDay(page, clinic);
  clinic.services.bus.emit('menu.command', { command: 'find' });
  await expect(page.getByRole('combobox', { name: /Find/ }).or(page.getByRole('searchbox', { name: /Find/ })).first()).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  clinic.services.bus.emit('menu.command', { command: 'first-free' });
  await expect(page.getByTestId('free-time-dialog').or(page.getByRole('dialog', { name: /First free time/ })).first()).toBeVisible();
  // A dialog is open: the menu's day commands wait, About still opens over it… after it closes.
  clinic.services.bus.emit('menu.command', { command: 'find' });
  await page.keyboard.press('Escape');
  clinic.services.bus.emit('menu.command', { command: 'about' });
  await expect(page.getByTestId('about-dialog')).toBeVisible();
  // In the web host there is no updater: About says so.
  await expect(page.getByTestId('about-updates')).toContainText('This copy does not update itself');
});
