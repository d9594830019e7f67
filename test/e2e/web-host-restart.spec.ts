// The web host restarted under an open tab: the header stops saying "Online" at once, a
// change asked for meanwhile is refused at once in plain words (not "Leyr could not be
// reached"), the bridge reconnects by itself when the host is back with the same token and
// the day is fetched afresh, and a change made then reaches Leyr (the sandbox). When the host
// comes back with another token, reconnecting cannot work: the header says to reload.
import { randomBytes } from 'node:crypto';
import { CLINIC_DATE, DAY_CLINIC, expect, openDay, startTestHost, test, type HostFixture } from './fixtures.ts';
import { DOUBLE_CLICK_MS } from '../../renderer/day/model/grid-constants.ts';
import { at, block, expectInLeyr } from './day-helpers.ts';

const options = { seedFile: DAY_CLINIC, demoDate: CLINIC_DATE };

test.describe('web host restarted under an open tab', () => {
  const running: HostFixture[] = [];
  test.afterEach(async () => {
    for (const fixture of running.splice(0)) await fixture.close();
  });

  test('says it is disconnected, refuses calls at once, reconnects, and a change then reaches Leyr', async ({ page }) => {
    const token = randomBytes(24).toString('base64url');
    const first = await startTestHost({ ...options, token });
    await openDay(page, first);
    const badge = page.getByTestId('connectivity');
    await expect(badge).toContainText('Online');

    await first.close({ keepData: true });
    await expect(badge).toHaveAttribute('data-bridge', 'reconnecting');
    await expect(badge).toContainText('Not connected to Frontdesk');
    await expect(badge).not.toContainText('Online');
    // A call meanwhile is answered at once, with the bridge's own code.
    const refused = await page.evaluate(async () => {
      const started = performance.now();
      const result = await window.frontdesk.getConnectivity();
      return { code: result.ok ? 'ok' : result.error.code, ms: performance.now() - started };
    });
    expect(refused.code).toBe('DISCONNECTED');
    expect(refused.ms).toBeLessThan(1_000);
    // A change asked for meanwhile: put back, and said plainly.
    await block(page, 'apt-b4').click();
    await page.keyboard.press('Alt+ArrowUp');
    await expect(page.getByTestId('notice-error').last()).toContainText('not connected to Frontdesk');
    await expect(page.getByTestId('notices')).not.toContainText('Leyr could not be reached');

    const second = await startTestHost({ ...options, dataDir: first.dataDir, port: first.host.port, token });
    running.push(second);
    await expect(badge).not.toHaveAttribute('data-bridge', /.+/, { timeout: 15_000 });
    await expect(badge).toContainText('Online');
    await expect(page.locator(`[data-testid="day-grid"][data-day="${CLINIC_DATE}"]`)).toBeVisible();

    // The host can be back within a few hundred milliseconds: a second click on the same block
    // that soon is a double click, which opens the appointment's details.
    await page.waitForTimeout(DOUBLE_CLICK_MS + 50);
    await block(page, 'apt-b4').click();
    await page.keyboard.press('Alt+ArrowUp');
    await expectInLeyr(second.sandbox!, 'apt-b4', (a) => a !== undefined && Date.parse(a.start) === at(CLINIC_DATE, '10:15'), 'moved one slot earlier after the restart');
  });

  test('says to reload the page when the host came back with another token', async ({ page }) => {
    const first = await startTestHost(options);
    await openDay(page, first);
    await first.close({ keepData: true });
    const badge = page.getByTestId('connectivity');
    await expect(badge).toHaveAttribute('data-bridge', 'reconnecting');

    const second = await startTestHost({ ...options, dataDir: first.dataDir, port: first.host.port });
    running.push(second);
    await expect(badge).toHaveAttribute('data-bridge', 'reload', { timeout: 15_000 });
    await expect(badge).toContainText('Frontdesk was restarted: reload the page');
    await expect(badge.getByRole('button', { name: 'Reload' })).toBeVisible();
    const result = await page.evaluate(async () => {
      const answer = await window.frontdesk.getConnectivity();
      return answer.ok ? 'ok' : answer.error.code;
    });
    expect(result).toBe('DISCONNECTED');
  });
});
