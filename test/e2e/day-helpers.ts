// Finding things on the day grid and driving it with a real mouse, for the day-view specs.
import { expect, type Locator, type Page } from '@playwright/test';
import type { SandboxControl } from '../support/sandbox-control.ts';

export const PX_PER_MINUTE = 2;

export const block = (page: Page, id: string): Locator => page.locator(`[data-appointment="${id}"]`);
export const column = (page: Page, resourceId: string): Locator => page.locator(`[data-resource-column="${resourceId}"]`);

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The viewport point of a wall-clock time in a resource's column (same-offset days only). */
export async function pointAt(page: Page, resourceId: string, hhmm: string, axisStart = '08:00', dy = 0): Promise<{ x: number; y: number }> {
  const body = column(page, resourceId).locator('.col-body');
  await body.scrollIntoViewIfNeeded();
  const box = await body.boundingBox();
  if (box === null) throw new Error(`column ${resourceId} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + (minutes(hhmm) - minutes(axisStart)) * PX_PER_MINUTE + dy };
}

/** Presses on a block (10 px below its top edge) and returns that point. */
export async function grab(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = await block(page, id).boundingBox();
  if (box === null) throw new Error(`block ${id} is not on screen`);
  const point = { x: box.x + box.width / 2, y: box.y + 10 };
  await page.mouse.move(point.x, point.y);
  await page.mouse.down();
  return point;
}

/** Drags a block so that its top lands at `hhmm` in the resource's column; stops before releasing. */
export async function dragBlockTo(page: Page, id: string, resourceId: string, hhmm: string): Promise<void> {
  await grab(page, id);
  const target = await pointAt(page, resourceId, hhmm, '08:00', 10);
  await page.mouse.move(target.x, target.y, { steps: 12 });
}

export interface LeyrAppointment {
  id: string;
  status: string;
  start: string;
  end: string;
  resource_id: string;
  patient_id: string;
  comment: string | null;
  cancellation_of?: string;
}

/** What Leyr (the sandbox) holds for an appointment now. */
export async function leyrAppointment(sandbox: SandboxControl, id: string): Promise<LeyrAppointment | undefined> {
  const state = await sandbox.state();
  return (state.appointments as unknown as LeyrAppointment[]).find((a) => a.id === id);
}

export async function leyrAppointments(sandbox: SandboxControl): Promise<LeyrAppointment[]> {
  return (await sandbox.state()).appointments as unknown as LeyrAppointment[];
}

/** Waits until Leyr's copy of an appointment satisfies the check. */
export async function expectInLeyr(sandbox: SandboxControl, id: string, check: (appointment: LeyrAppointment | undefined) => boolean, message: string): Promise<void> {
  await expect.poll(async () => check(await leyrAppointment(sandbox, id)), { message, timeout: 10_000 }).toBe(true);
}

/** The PATCH/POST requests Leyr received since `since` (the request log's sequence). */
export async function writesSince(sandbox: SandboxControl, since: number): Promise<{ method: string; path: string; body: unknown }[]> {
  const { requests } = await sandbox.requests(since);
  return requests.filter((request) => request.method !== 'GET');
}

/** The request log's next sequence number: writes after this one are the test's. */
export async function requestMark(sandbox: SandboxControl): Promise<number> {
  return (await sandbox.requests(1)).next;
}

export const at = (date: string, hhmm: string, offset = '+01:00'): number => Date.parse(`${date}T${hhmm}:00${offset}`);

/**
 * Another desk books Cilla Berg's (res-c) 11:00 directly in Leyr, through the embedded
 * sandbox's API; a window that has the day open still shows it free.
 */
export async function anotherDeskBooksCillaAtEleven(apiBaseUrl: string | undefined): Promise<number> {
  const response = await fetch(`${apiBaseUrl}/emrs/webdoc/care-units/L0_1/appointments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-leyr-client-id': 'frontdesk-demo', 'x-leyr-client-secret': 'frontdesk-demo-secret' },
    body: JSON.stringify({ start: '2026-03-23T11:00:00+01:00', end: '2026-03-23T11:30:00+01:00', patient_id: 'pat-010', resource_id: 'res-c', healthcare_service_id: 'svc-30', comment: '' }),
  });
  return response.status;
}

/** Clicks free time in a resource's column (the day clinic's axis starts at 08:00) and returns the booking dialog. */
export async function openBooking(page: Page, resourceId: string, hhmm: string): Promise<Locator> {
  const point = await pointAt(page, resourceId, hhmm, '08:00', 6);
  await page.mouse.click(point.x, point.y);
  const dialog = page.getByTestId('booking-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The patient look-ups and creates Leyr received since `since` (the request log's sequence). */
export async function patientRequestsSince(sandbox: SandboxControl, since: number): Promise<{ method: string; path: string }[]> {
  const { requests } = await sandbox.requests(since);
  return requests.filter((request) => /\/patients(\/|\?|$)/.test(request.path)).map(({ method, path }) => ({ method, path }));
}
