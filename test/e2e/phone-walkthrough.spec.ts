// What a receptionist's walkthrough of the phone-call flows found, fixed and driven in
// Chromium against the strict sandbox: a first free time another desk took meanwhile is said
// and asked again (no booking dialog on another time); focus lands on the grid after booking
// from the panel, rebooking and cancelling from the find results; a find result is scrolled
// into the middle of the view; the rebook dialog names the doctor and day, and its rows say
// "Sending…" until answered.
import type { Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { FREE_CLINIC, writeFreeTimeClinic } from '../support/free-time-clinic.ts';
import { clockFrom } from '../support/clinic-clock.ts';
import { CLINIC_DATE, DAY_CLINIC, expect, openDay, test } from './fixtures.ts';
import { anotherDeskBooksCillaAtEleven, at, block, expectInLeyr, openBooking } from './day-helpers.ts';
import { focusedKey, tabIntoGrid } from './a11y-helpers.ts';

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
  const bo = panel.locator(`input[type="checkbox"][data-resource="${FREE_CLINIC.bo}"]`);
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

/** The grid key of the focused element and its column (null outside the grid). */
async function focused(page: Page): Promise<{ key: string | null; column: string | null }> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return { key: active?.dataset.key ?? null, column: active?.closest<HTMLElement>('[data-resource-column]')?.dataset.resourceColumn ?? null };
  });
}

test.describe('the first free time, booked', () => {
  test.use({ clinicOptions: { seedFile: writeFreeTimeClinic() }, locale: 'en-GB' });

  test('after booking a result the keyboard is on the grid by the booked time, in the doctor’s column', async ({ page, clinic }) => {
    await openDay(page, clinic, today());
    const first = (await askForBo(page))[0]!;
    const panel = page.getByTestId('free-time-dialog');
    await panel.getByRole('listbox').focus();
    await page.keyboard.press('Enter');
    const booking = page.getByTestId('booking-dialog');
    await expect(booking).toBeVisible({ timeout: 15_000 });
    await page.keyboard.type('191212121212');
    await booking.getByRole('button', { name: 'Choose Tolvan Tolvansson' }).click();
    await expect(booking.getByTestId('book-button')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(booking).toBeHidden();
    // The new block (or the free time where it goes, while pending), never a toolbar button.
    await expect.poll(() => focused(page)).toMatchObject({ column: FREE_CLINIC.bo });
    const key = (await focused(page)).key ?? '';
    expect(key).toMatch(/^(block:|free:)/);
    const start = Date.parse(first.start);
    if (key.startsWith('block:')) await expect(page.locator(':focus')).toHaveAttribute('aria-label', new RegExp(DateTime.fromMillis(start).setZone(ZONE).toFormat('HH:mm')));
    else expect(Number(key.split(':')[2])).toBeLessThanOrEqual(start);
    await expect(page.locator(':focus')).toBeInViewport();
    // Once Leyr has accepted it (the pending block gives way to the booked one), the keyboard
    // is still on it, not on the block that ends where it starts.
    const hhmm = DateTime.fromMillis(start).setZone(ZONE).toFormat('HH:mm');
    await expect
      .poll(async () => (await page.locator(':focus').getAttribute('aria-label')) ?? '', { timeout: 15_000 })
      .toMatch(new RegExp(`^Tolvan Tolvansson, ${hhmm}[^]*Booked(?![^]*Pending)`));
    await page.waitForTimeout(1_500);
    await expect(page.locator(':focus')).toHaveAttribute('aria-label', new RegExp(`^Tolvan Tolvansson, ${hhmm}`));
  });
});

test.describe('the booking dialog', () => {
  test.use({ clinicOptions: { seedFile: DAY_CLINIC, demoDate: CLINIC_DATE, schedule: { careUnitNow: clockFrom(CLINIC_DATE) } }, locale: 'en-GB' });

  test('a start another desk takes while it is open stays the start, said as no longer free, never swapped for another', async ({ page, clinic }) => {
    await openDay(page, clinic);
    const dialog = await openBooking(page, 'res-c', '11:00');
    await expect(dialog.getByTestId('booking-start')).toHaveValue(String(at(CLINIC_DATE, '11:00')));
    expect(await anotherDeskBooksCillaAtEleven(clinic.services.demoSandbox?.apiBaseUrl)).toBe(201);
    // The day's next refresh shows 11:00 taken.
    await expect(dialog.getByTestId('booking-problem')).toHaveText('11:00 is no longer free here — choose another start.', { timeout: 25_000 });
    await expect(dialog.getByTestId('booking-start')).toHaveValue(String(at(CLINIC_DATE, '11:00')));
    await expect(dialog).toContainText('11:00, Sjuksköterska Cilla Berg');
    await expect(dialog.getByTestId('book-button')).toBeDisabled();
  });
});

test.describe('the find panel', () => {
  test.use({ clinicOptions: { seedFile: DAY_CLINIC, demoDate: CLINIC_DATE, schedule: { now: () => Date.parse(`${CLINIC_DATE}T09:00:00Z`) } }, locale: 'en-US' });

  /** Ctrl+F, Astrid, her appointments, the 09:30 one focused in the results. */
  async function astridsNineThirty(page: Page): Promise<void> {
    await page.locator('body').focus();
    await page.keyboard.press('Control+f');
    await page.keyboard.type('astrid');
    const panel = page.getByTestId('find-panel');
    await panel.getByRole('button', { name: /Show the appointments of Astrid Lindqvist/ }).click();
    const row = panel.getByTestId('find-appointment').filter({ hasText: '09:30' });
    await expect(row).toHaveCount(1);
    await row.getByRole('button').first().focus();
  }

  test('Enter on a result (another day open) scrolls its block into the middle of the grid, clear of the selection bar', async ({ page, clinic }) => {
    await page.setViewportSize({ width: 1000, height: 420 });
    // Another day is open: the result's day opens at its first hour.
    await openDay(page, clinic, '2026-03-24');
    await astridsNineThirty(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedKey(page)).toBe('block:apt-c4');
    const grid = await page.getByTestId('day-grid').boundingBox();
    const box = await block(page, 'apt-c4').boundingBox();
    expect(grid && box).toBeTruthy();
    const middle = grid!.y + grid!.height / 2;
    expect(Math.abs(box!.y + box!.height / 2 - middle), 'the block is near the middle of the grid').toBeLessThan(60);
  });

  for (const where of ['another day', 'the same day'] as const)
  test(`a cancel from the results (${where} open), by keyboard, leaves the keyboard by its neighbour in the column, not at the top of the grid`, async ({ page, clinic }) => {
    await page.setViewportSize({ width: 1000, height: 420 });
    await openDay(page, clinic, where === 'another day' ? '2026-03-24' : CLINIC_DATE);
    await astridsNineThirty(page);
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^Cancel the appointment .*09:30/);
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('cancel-dialog');
    await expect(dialog).toBeVisible();
    await page.keyboard.type('The patient called');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Cancel appointments' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expectInLeyr(clinic.sandbox, 'apt-c4', (a) => a?.status === 'cancelled', 'the cancel reached Leyr');
    await expect.poll(async () => (await focused(page)).column).toBe('res-c');
    expect((await focused(page)).key).not.toBe('block:apt-c4');
    expect(['block:apt-c3', `free:res-c:${at(CLINIC_DATE, '10:00')}`]).toContain((await focused(page)).key);
    await expect(page.locator(':focus')).toBeInViewport();
  });
});

test.describe('rebook', () => {
  const MORNING = Date.parse(`${CLINIC_DATE}T07:00:00+01:00`);
  test.use({ clinicOptions: { seedFile: DAY_CLINIC, demoDate: CLINIC_DATE, schedule: { now: () => MORNING } }, locale: 'en-GB' });

  test('the title names the doctor and day; rows say "Sending…" until answered; the summary replaces the subtitle; closing returns the keyboard to the grid', async ({ page, clinic }) => {
    await openDay(page, clinic);
    await tabIntoGrid(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focusedKey(page)).toBe('block:apt-b1');
    await page.keyboard.press('r');
    const dialog = page.getByTestId('rebook-dialog');
    await expect(dialog.getByRole('heading')).toHaveText(/^Rebook Dr\. Bo Lind’s 4 appointments, Monday,? 23 March/);
    await expect(dialog).toContainText('Nothing is sent until you confirm.');
    const status = (id: string) => dialog.locator(`[data-rebook-row="${id}"]`).getByTestId('rebook-status');
    await expect(status('apt-b1')).toContainText('nearest free time that day');
    // Leyr slow to answer the moves: the rows wait on it.
    await clinic.sandbox.setFaults({ latencyMs: 1_500, methods: ['PATCH', 'POST'] });
    await dialog.getByTestId('rebook-confirm').click();
    // The keyboard stays in the dialog (on its Close button), and the title keeps naming whose day it was.
    await expect(dialog.getByTestId('rebook-close')).toBeFocused();
    await expect(dialog.getByRole('heading')).toHaveText(/^Rebook Dr\. Bo Lind’s 4 appointments, Monday,? 23 March/);
    // Rows are sent one after another (Leyr answers in 250 ms): the last one is being sent meanwhile.
    await expect(dialog.getByTestId('rebook-status').filter({ hasText: 'Sending…' }).first()).toBeVisible();
    await expect(dialog.getByTestId('rebook-status').filter({ hasText: 'Waiting' })).toHaveCount(0);
    for (const id of ['apt-b1', 'apt-b2', 'apt-b3', 'apt-b4']) await expect(status(id)).toHaveText('Moved', { timeout: 15_000 });
    await expect(dialog).not.toContainText('Nothing is sent until you confirm.');
    await expect(dialog).toContainText('4 moves sent');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // The first moved appointment, still on the day (at Dr. Anna Ek's now).
    await expect.poll(() => focusedKey(page)).toBe('block:apt-b1');
    await expect(block(page, 'apt-b1')).toBeInViewport();
  });
});
