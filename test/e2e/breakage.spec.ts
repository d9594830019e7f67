// When something breaks in the window: a view that fails shows the error boundary (the header
// stays), whose reload brings the day back with the unsent change still queued in main and
// then sent to Leyr; leaving the web host's page with changes unsent asks first; a window
// main reloaded after its renderer died says so once. The fault is asked for through the
// test-only trigger (renderer/app/test-faults.tsx), which exists only on pages the test web
// host marks (test/e2e/fixtures.ts).
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './a11y-helpers.ts';
import { at, block, expectInLeyr } from './day-helpers.ts';
import { CLINIC_DATE, DAY_CLINIC, expect, openDay, test, type HostFixture } from './fixtures.ts';

test.use({ clinicOptions: { seedFile: DAY_CLINIC, demoDate: CLINIC_DATE, schedule: { retry: { baseMs: 200, maxMs: 800 } } } });

/** Leyr cannot be reached; apt-b4 is moved 15 minutes earlier and waits in main's outbox. */
async function leaveOneChangeUnsent(page: Page, clinic: HostFixture & { sandbox: NonNullable<HostFixture['sandbox']> }): Promise<void> {
  await clinic.sandbox.setFaults({ offline: true });
  await block(page, 'apt-b4').click();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByTestId('connectivity')).toContainText('1 change waiting to be sent', { timeout: 10_000 });
}

const faultInView = (page: Page) => page.evaluate(() => (window as unknown as { frontdeskTestFault: () => void }).frontdeskTestFault());

test('a view that fails shows what happened; reloading brings the day back and the unsent change is still sent', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await leaveOneChangeUnsent(page, clinic);
  await faultInView(page);

  const notice = page.getByTestId('breakage');
  await expect(notice).toBeVisible();
  await expect(notice.getByRole('heading')).toHaveText('Something went wrong in this window');
  await expect(notice).toContainText('changes not sent yet wait in its outbox: nothing is lost');
  // The details are for support: there, but folded away.
  await expect(notice.getByText('A fault asked for by a test')).toBeHidden();
  // The window stays usable: the header still says what waits to be sent.
  await expect(page.getByTestId('connectivity')).toContainText('1 change waiting to be sent');
  await expect(page.getByTestId('day-grid')).toHaveCount(0);
  const reload = notice.getByRole('button', { name: 'Reload the window' });
  await expect(reload).toBeFocused();
  await expectNoSeriousViolations(page, 'the error boundary');

  // Reloading on purpose does not ask about unsent changes (they are main's, not the page's).
  let asked = false;
  page.on('dialog', (dialog) => {
    asked = true;
    void dialog.dismiss();
  });
  await page.keyboard.press('Enter');
  await page.locator(`[data-testid="day-grid"][data-day="${CLINIC_DATE}"]`).waitFor();
  await expect(notice).toHaveCount(0);
  expect(asked).toBe(false);
  await expect(block(page, 'apt-b4')).toHaveAttribute('data-pending', 'true');
  await expect(page.getByTestId('connectivity')).toContainText('1 change waiting to be sent');

  await clinic.sandbox.clearFaults();
  await expectInLeyr(clinic.sandbox, 'apt-b4', (a) => a !== undefined && Date.parse(a.start) === at(CLINIC_DATE, '10:15'), 'the change queued before the failure reached Leyr');
});

test('leaving the page with a change unsent asks first; once it is sent, the page closes without a question', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await leaveOneChangeUnsent(page, clinic);

  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss(); // "Stay on page"
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);

  await clinic.sandbox.clearFaults();
  await expect(page.getByTestId('connectivity')).not.toContainText('waiting', { timeout: 15_000 });
  await expectInLeyr(clinic.sandbox, 'apt-b4', (a) => a !== undefined && Date.parse(a.start) === at(CLINIC_DATE, '10:15'), 'the move reached Leyr');
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);
  expect(dialogs).toEqual(['beforeunload']);
});

test('a window main reloaded after its page died says so once, and the address forgets it', async ({ page, clinic }) => {
  await page.goto(`${clinic.host.origin}/?date=${CLINIC_DATE}&recovered=gone#token=${clinic.host.token}`);
  await page.locator(`[data-testid="day-grid"][data-day="${CLINIC_DATE}"]`).waitFor();
  await expect(page.getByText('The window stopped and was reloaded. Nothing was lost')).toBeVisible();
  expect(new URL(page.url()).searchParams.get('recovered')).toBeNull();
  expect(new URL(page.url()).searchParams.get('date')).toBe(CLINIC_DATE);
  await page.reload();
  await page.locator(`[data-testid="day-grid"][data-day="${CLINIC_DATE}"]`).waitFor();
  await expect(page.getByText('The window stopped and was reloaded')).toHaveCount(0);
});
