// The app on a damaged store, in Chromium: the notice says plainly what happened, the review
// lists the changes read back with what they change, "Send" sends one to Leyr (the sandbox's
// state shows it) and "Discard" never sends the other.
import { rmSync } from 'node:fs';
import { damagedDataDir, type DamagedDataDir } from '../support/damaged-data-dir.ts';
import { expectInLeyr, leyrAppointment } from './day-helpers.ts';
import { CLINIC_DATE, DAY_CLINIC, expect, openDay, startTestHost, test, type HostFixture } from './fixtures.ts';

test.describe('a damaged store', () => {
  let damaged: DamagedDataDir;
  let fixture: HostFixture;

  test.beforeEach(async () => {
    damaged = await damagedDataDir({ seedFile: DAY_CLINIC, date: CLINIC_DATE, cancel: ['apt-a1', 'apt-b1'] });
    fixture = await startTestHost({ seedFile: DAY_CLINIC, demoDate: CLINIC_DATE, dataDir: damaged.dataDir });
  });
  test.afterEach(async () => {
    await fixture.close();
    rmSync(damaged.dataDir, { recursive: true, force: true });
  });

  test('is said plainly, and the changes read back are sent or discarded as the receptionist says', async ({ page }) => {
    const sandbox = fixture.sandbox;
    if (sandbox === null) throw new Error('needs the embedded sandbox');
    await openDay(page, fixture);
    const notice = page.getByTestId('salvage-notice');
    await expect(notice).toContainText('The schedule kept on this computer was damaged. Frontdesk set it aside (frontdesk.damaged-');
    await expect(notice).toContainText('2 unsent changes could be read back: check them before they are sent.');

    await notice.getByRole('button', { name: 'Check the changes' }).click();
    const dialog = page.getByTestId('salvage-dialog');
    await expect(dialog.getByTestId('salvage-change')).toHaveCount(2);
    const [sendIt, discardIt] = damaged.changes;
    if (sendIt === undefined || discardIt === undefined) throw new Error('two changes');
    const toSend = dialog.locator(`[data-change-id="${sendIt.changeId}"]`);
    const toDiscard = dialog.locator(`[data-change-id="${discardIt.changeId}"]`);
    // What each changes: booked before, cancelled after.
    await expect(toSend).toContainText('Booked');
    await expect(toSend).toContainText('Cancelled');
    await expect(toSend).toContainText('08:00');
    // Held: nothing has reached Leyr before the receptionist says so.
    expect((await leyrAppointment(sandbox, sendIt.appointmentId))?.status).toBe('booked');

    await toDiscard.getByRole('button', { name: 'Discard' }).click();
    await expect(dialog.getByTestId('salvage-change')).toHaveCount(1);
    await toSend.getByRole('button', { name: 'Send' }).click();
    await expect(dialog).toBeHidden();
    await expectInLeyr(sandbox, sendIt.appointmentId, (a) => a?.status === 'cancelled', 'the sent change reached Leyr');
    // The discarded one never goes: the queue has drained and Leyr still has it booked.
    await expect.poll(async () => (await fixture.services.handlers.getConnectivity(undefined)).ok).toBe(true);
    await fixture.services.schedule.whenIdle();
    expect((await leyrAppointment(sandbox, discardIt.appointmentId))?.status).toBe('booked');
    // Decided: the notice says what happened and no longer offers a review.
    await expect(notice.getByRole('button', { name: 'Check the changes' })).toHaveCount(0);
  });
});
