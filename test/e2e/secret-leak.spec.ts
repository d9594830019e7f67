// The leak test: a recognisable client secret is configured through the settings screen, as
// a receptionist would, and a session of real operations runs against the clinic's Leyr (a
// sandbox that accepts that secret). Then every place the secret must never reach is
// searched: each WebSocket message the renderer received, the page's DOM, input values,
// localStorage and sessionStorage, the log file, settings.json and the SQLite file with its
// WAL. In plain text, JSON-escaped, URL-encoded and base64 (at every byte alignment).
import { randomUUID } from 'node:crypto';
import { test, expect } from '@playwright/test';
import type { ChangeReceipt, DaySnapshot, PatientSearchResult } from '../../preload/contract/index.ts';
import { CLIENT_ID, DAY, enterCredentials, IN_KEYRING, NEEDS_KEYRING, openApp, openSettings, startSettingsHost, type SettingsHost } from './settings-helpers.ts';

const RANDOM = randomUUID();
/** Characters that change under URL-encoding, so the encoded form is a different string. */
const SECRET = `LEAK-CANARY-7f3a9c-${RANDOM}+/=&`;

/** Forms the secret could take on its way into a message, a page, a log line or a file. */
function forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const base64At = (offset: number, url: boolean): string => {
    // The secret preceded by `offset` other bytes: only the characters that encode the
    // secret's bytes alone are fixed, whatever came before or after it.
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString(url ? 'base64url' : 'base64');
    const first = Math.ceil((offset * 4) / 3) + (offset === 0 ? 0 : 1);
    const last = Math.floor(((offset + bytes.length) * 4) / 3) - 1;
    return encoded.slice(first, last);
  };
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    encodeURI(secret),
    ...[0, 1, 2].flatMap((offset) => [base64At(offset, false), base64At(offset, true)]),
    // The random part alone: no fragment of this secret belongs anywhere.
    RANDOM,
  ];
}

function findings(haystacks: Record<string, string>, needles: string[]): string[] {
  const found: string[] = [];
  for (const [where, text] of Object.entries(haystacks)) for (const needle of needles) if (text.includes(needle)) found.push(`${where} contains ${needle.slice(0, 24)}…`);
  return found;
}

test.describe('the client secret', () => {
  test.skip(!IN_KEYRING, NEEDS_KEYRING);
  let fixture: SettingsHost;
  test.beforeEach(async () => {
    fixture = await startSettingsHost({ secret: SECRET });
  });
  test.afterEach(async () => {
    await fixture.close();
  });

  test('never reaches the renderer, the logs or the disk', async ({ page }) => {
    test.setTimeout(90_000);
    const received: string[] = [];
    const sent: string[] = [];
    page.on('websocket', (socket) => {
      socket.on('framereceived', (frame) => received.push(typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('latin1')));
      socket.on('framesent', (frame) => sent.push(typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('latin1')));
    });
    await openApp(page, fixture);

    // Configure it as the receptionist would: first a wrong secret (refused, 401), then the right one.
    await openSettings(page);
    await enterCredentials(page, fixture, `${SECRET}-wrong`);
    await expect(page.getByTestId('settings-outcome')).toContainText('wrong client id or secret (401)');
    await enterCredentials(page, fixture, SECRET);
    await expect(page.getByTestId('secret-stored')).toBeVisible();
    await page.getByRole('button', { name: 'Use this clinic' }).click();
    await expect(page.getByTestId('clinic-name')).toHaveText('Vårdcentralen Test');
    await page.keyboard.press('Escape');
    await page.locator(`[data-testid="day-grid"][data-day="${DAY}"] [data-resource-column="res-a"]`).waitFor();

    // A session of real operations, through the contract as the renderer makes them.
    const seq = (await fixture.clinicControl.requests()).next;
    const session = await page.evaluate(async (day) => {
      const api = window.frontdesk;
      const unwrap = <T,>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
        if (!result.ok) throw new Error(result.error.message);
        return result.value;
      };
      const snapshot = unwrap(await api.refreshDay({ date: day }));
      const found = unwrap(await api.searchPatients({ query: 'Tolvan' }));
      const byNumber = unwrap(await api.searchPatients({ query: '19121212-1212' }));
      const patientId = found.patients[0]?.id ?? 'pat-001';
      const booked = unwrap(await api.bookAppointment({ patientId, resourceId: 'res-c', serviceId: 'svc-30', start: `${day}T10:30:00+01:00`, end: `${day}T11:00:00+01:00`, comment: 'Leak test' }));
      const moved = unwrap(await api.moveAppointment({ appointmentId: 'apt-b4', start: `${day}T11:00:00+01:00`, end: `${day}T11:30:00+01:00` }));
      const cancelled = unwrap(await api.cancelAppointments({ ids: ['apt-c4'], reason: 'Leak test' }));
      const connection = unwrap(await api.testConnection());
      const changes = unwrap(await api.listChanges());
      return { snapshot, found, byNumber, booked, moved, cancelled, connection, changes };
    }, DAY) as { snapshot: DaySnapshot; found: PatientSearchResult; byNumber: PatientSearchResult; booked: ChangeReceipt; moved: ChangeReceipt; cancelled: ChangeReceipt; connection: { careUnits: unknown[] } };
    expect(session.snapshot.careUnit.id).toBe('L0_1');
    expect(session.byNumber.patients.length).toBe(1);
    expect(session.connection.careUnits.length).toBe(1);
    await fixture.services.schedule?.whenIdle();
    const state = await fixture.clinicControl.state();
    expect(state.appointments.find((a) => a.id === 'apt-c4')?.status).toBe('cancelled');
    expect(state.appointments.find((a) => a.id === 'apt-b4')?.start).toBe(`${DAY}T11:00:00+01:00`);
    expect(state.appointments.some((a) => a.comment === 'Leak test' && a.resource_id === 'res-c')).toBe(true);
    const methods = (await fixture.clinicControl.requests(seq)).requests.map((r) => r.method);
    expect(methods).toContain('POST');
    expect(methods).toContain('PATCH');

    // A failed call with wrong credentials while the clinic is in use: replacing the secret
    // with a wrong one is refused, and the clinic keeps working with the stored one.
    await openSettings(page);
    await page.getByRole('button', { name: 'Replace' }).click();
    await page.getByLabel('Client secret').fill(`${SECRET}-rotated-wrong`);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByTestId('settings-outcome')).toContainText('wrong client id or secret (401). Nothing was saved.');
    await page.keyboard.press('Escape');
    const still = await page.evaluate(() => window.frontdesk.refreshDay({ date: '2026-03-23' }));
    expect(still.ok).toBe(true);

    // Everything the renderer can see.
    const page_ = await page.evaluate(() => ({
      dom: document.documentElement.outerHTML,
      inputs: [...document.querySelectorAll('input, textarea, select')].map((element) => (element as HTMLInputElement).value).join('\n'),
      local: JSON.stringify(Object.entries(localStorage)),
      session: JSON.stringify(Object.entries(sessionStorage)),
      title: document.title,
    }));
    const haystacks: Record<string, string> = {
      'a WebSocket message the renderer received': received.join('\n'),
      'the DOM': page_.dom,
      'an input value': page_.inputs,
      localStorage: page_.local,
      sessionStorage: page_.session,
      'the log file': fixture.logText(),
      'settings.json or the SQLite file (running)': fixture.diskText(),
    };

    // Sanity: the search finds what is there, so it could fail. The renderer did send the
    // secret (once per attempt); the client id is in messages, settings.json and the log.
    expect(findings({ sent: sent.join('\n') }, [SECRET])).toHaveLength(1);
    expect(findings({ received: haystacks['a WebSocket message the renderer received'] ?? '' , disk: haystacks['settings.json or the SQLite file (running)'] ?? '' }, [CLIENT_ID])).toHaveLength(2);
    expect(fixture.logText().length).toBeGreaterThan(1_000);
    expect(received.length).toBeGreaterThan(20);

    expect(findings(haystacks, forms(SECRET))).toEqual([]);

    // And on disk once main has shut down (the WAL checkpointed into the file).
    await fixture.services.close();
    expect(findings({ 'settings.json or the SQLite file (closed)': fixture.diskText(), 'the log file (closed)': fixture.logText() }, forms(SECRET))).toEqual([]);
  });
});
