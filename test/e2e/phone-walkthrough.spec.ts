// What a receptionist's walkthrough of the phone-call flows found, fixed and driven in
// Chromium against the strict sandbox: a first free time another desk took meanwhile is said
// and asked again (no booking dialog on another time); focus lands on the grid after booking
// from the panel, rebooking and cancelling from the find results; a find result is scrolled
// into the middle of the view; the rebook dialog names the doctor and day, and its rows say
// "Sending…" until answered.
import type { Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { FREE_CLINIC, writeFreeTimeClinic } from '../support/free-time-clinic.ts';
import { expect, openDay, test } from './fixtures.ts';

/** Another desk books the time directly in Leyr (the embedded sandbox's API). */
async function anotherDeskBooks(apiBaseUrl: string | undefined, slot: { start: string; end: string; resourceId: string }): Promise<number> {
  const response = await fetch(`${apiBaseUrl}/emrs/webdoc/care-units/L0_1/appointments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-leyr-client-id': 'frontdesk-demo', 'x-leyr-client-secret': 'frontdesk-demo-secret' },
    body: JSON.stringify({ start: slot.start, end: slot.end, patient_id: FREE_CLINIC.patient, resource_id: slot.resourceId, healthcare_service_id: FREE_CLINIC.short, comment: '' }),
  });
  return response.status;
}

const ZONE = 'Europe/Stockholm';
const today = (): string => DateTime.now().setZone(ZONE).toISODate() ?? '';

/** F, Dr. Bo Lind, Search (the half-hour visit, the panel's first service): the results' starts and ends. */
async function askForBo(page: Page): Promise<{ start: string; end: string }[]> {
  await page.locator('body').focus();
  await page.keyboard.press('f');
  const panel = page.getByTestId('free-time-dialog');
  await expect(panel).toBeVisible();
  const bo = panel.locator(`[data-resource="${FREE_CLINIC.bo}"]`);
  if (!(await bo.isChecked())) await bo.check();
  await panel.getByTestId('free-search').click();
  const list = panel.getByRole('listbox');
  await expect(list.getByRole('option').first()).toBeVisible();
  const starts = await list.getByRole('option').evaluateAll((items) => items.map((item) => item.getAttribute('data-start') ?? ''));
  return starts.map((start) => ({ start, end: new Date(Date.parse(start) + 30 * 60_000).toISOString() }));
}

test.describe('the first free time', () => {
  test.use({ clinicOptions: { seedFile: writeFreeTimeClinic() }, locale: 'en-GB' });

  test('a result another desk took meanwhile is said with its time and doctor, asked again, and no booking dialog opens on another time', async ({ page, clinic }) => {
    await openDay(page, clinic, today());
    const first = (await askForBo(page))[0]!;
    const date = DateTime.fromISO(first.start, { setZone: true }).setZone(ZONE);
    // The result's day is the one open (its copy of the slot now minutes old, as on a desk).
    await page.keyboard.press('Escape');
    await openDay(page, clinic, date.toISODate() ?? '');
    expect((await askForBo(page))[0]?.start).toBe(first.start);
    const panel = page.getByTestId('free-time-dialog');
    const list = panel.getByRole('listbox');
    expect(await anotherDeskBooks(clinic.services.demoSandbox?.apiBaseUrl, { ...first, resourceId: FREE_CLINIC.bo })).toBe(201);

    await list.focus();
    await page.keyboard.press('Enter');
    await expect(panel.getByTestId('free-status')).toContainText(`${date.toFormat('HH:mm')} with Dr. Bo Lind was just taken — choose another time`);
    await expect(panel).toBeVisible();
    // Asked again: the taken time is not offered, the list has the keyboard.
    await expect(list.getByRole('option').first()).toBeVisible();
    await expect(list.locator(`[data-start="${first.start}"]`)).toHaveCount(0);
    await expect(list).toBeFocused();
    await page.waitForTimeout(500);
    await expect(page.getByTestId('booking-dialog')).toHaveCount(0);
  });
});
