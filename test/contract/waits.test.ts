// Contract: when Leyr or a gateway asks to wait, the client waits — Retry-After in seconds and
// as an HTTP date, Leyr's ladder 1 s, 5 s, … without it — and one client's callers share the
// wait (the gate): reads wait for it within their budget, writes are never sent before it.
// The gaps are measured where the requests leave the client (a recording fetch), over HTTP
// to the local sandbox; the sandbox's request log shows what arrived.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LeyrApi } from '../../main/leyr/api.ts';
import type { LeyrClientOptions } from '../../main/leyr/client.ts';
import { LeyrError, toAppError } from '../../main/leyr/errors.ts';
import { failure, freshPatient, sessionPerSuite, someFreeSlot } from './support.ts';
import { contractTargets, needsControls, type TargetSession } from './targets.ts';

interface Sent {
  method: string;
  path: string;
  at: number;
  answeredAt: number | null;
}

/** A fetch that notes when each request leaves and when its answer's headers are in. */
function recordingFetch(): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const recording = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const entry: Sent = { method: init?.method ?? 'GET', path: new URL(input instanceof Request ? input.url : String(input)).pathname, at: performance.now(), answeredAt: null };
    sent.push(entry);
    try {
      return await fetch(input, init);
    } finally {
      entry.answeredAt = performance.now();
    }
  };
  return { fetch: recording, sent };
}

const gap = (from: number, to: number): number => Math.round(to - from);

for (const target of contractTargets()) {
  describe(`waits [${target.name}]`, { skip: target.skip ?? false }, () => {
    let session!: TargetSession;
    sessionPerSuite(target, (started) => (session = started));

    const recorded = (overrides: Partial<LeyrClientOptions> = {}): { api: LeyrApi; sent: Sent[] } => {
      const { fetch, sent } = recordingFetch();
      return { api: session.client({ timeoutMs: 5_000, retry: { attempts: 3, baseDelayMs: 20 }, fetch, ...overrides }), sent };
    };

    it('a read retried after 503 SERVICE_UNAVAILABLE with Retry-After: 2 (seconds) waits 2 s, not the old 4 s cap or less', async (t) => {
      const controls = needsControls(t, session, 'faults (errors, limit)');
      if (!controls) return;
      await controls.setFaults({ errorRate: 1, limit: 1, errors: [{ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 2 }] });
      const { api, sent } = recorded();
      assert.ok((await api.listResources()).length > 0);
      assert.equal(sent.length, 2);
      const [first, second] = sent as [Sent, Sent];
      const waited = gap(first.answeredAt ?? first.at, second.at);
      assert.ok(waited >= 1_990 && waited < 2_600, `retried ${waited} ms after the 503`);
    });

    it('a read retried after a gateway’s plain 429 with Retry-After as an HTTP date waits until that date', async (t) => {
      const controls = needsControls(t, session, 'faults (errors, limit)');
      if (!controls) return;
      await controls.setFaults({ errorRate: 1, limit: 1, errors: [{ code: 'GATEWAY', status: 429, retryAfterSeconds: 2, retryAfterFormat: 'http-date' }] });
      const { api, sent } = recorded();
      const asked = Date.now();
      assert.ok((await api.listHealthcareServices()).length > 0);
      const [first, second] = sent as [Sent, Sent];
      const waited = gap(first.answeredAt ?? first.at, second.at);
      // The date is 2 s ahead rounded up to a whole second: 2 to 3 s.
      assert.ok(waited >= 1_900 && waited < 3_300, `retried ${waited} ms after the 429`);
      assert.ok(Date.now() - asked >= 2_000);
    });

    it('without Retry-After, SERVICE_UNAVAILABLE is retried after Leyr’s 1 s, then 5 s', { skip: target.mode === 'lenient' ? 'the wait gate is the client’s, whatever the profile: its 6 s ladder is measured once, in the strict profile' : false }, async (t) => {
      const controls = needsControls(t, session, 'faults (errors, limit)');
      if (!controls) return;
      await controls.setFaults({ errorRate: 1, limit: 2, errors: [{ code: 'SERVICE_UNAVAILABLE' }] });
      const { api, sent } = recorded();
      assert.ok((await api.listResources()).length > 0);
      assert.equal(sent.length, 3);
      const [first, second, third] = sent as [Sent, Sent, Sent];
      const one = gap(first.answeredAt ?? first.at, second.at);
      const five = gap(second.answeredAt ?? second.at, third.at);
      assert.ok(one >= 990 && one < 1_500, `first retry after ${one} ms`);
      assert.ok(five >= 4_990 && five < 5_600, `second retry after ${five} ms`);
    });

    it('a read whose wait is past its budget fails at once with the wait; the reads after it are not sent', async (t) => {
      const controls = needsControls(t, session, 'faults (errors) and the request log');
      if (!controls) return;
      await controls.setFaults({ errorRate: 1, limit: 1, errors: [{ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 60 }] });
      const { api, sent } = recorded();
      const started = performance.now();
      const error = await failure(api.listResources());
      assert.ok(performance.now() - started < 1_000, 'no retry was waited for');
      assert.deepEqual([error.status, error.code, error.heldByGate, error.retryAfterMs], [503, 'SERVICE_UNAVAILABLE', false, 60_000]);
      assert.match(toAppError(error).message, /^Leyr asked to wait 60 seconds before the next request/);
      const held = await failure(api.listAppointments(session.window));
      assert.equal(held.heldByGate, true);
      assert.ok(held.waitUntil === error.waitUntil && (held.retryAfterMs ?? 0) > 58_000);
      assert.equal(sent.length, 1, 'one request reached the sandbox');
      assert.equal(api.gate?.waitUntil(), error.waitUntil);
    });

    it('one client, many callers: once Leyr asks to wait, nothing is sent before the time; reads then go one first, writes fail typed and unsent', async (t) => {
      const controls = needsControls(t, session, 'faults (errors, limit) and the request log');
      if (!controls) return;
      const slot = await someFreeSlot(session);
      const patient = await freshPatient(session.api);
      const { api, sent } = recorded();
      const changes: (number | null)[] = [];
      api.gate?.onChange((until) => changes.push(until));
      const mark = (await controls.requests()).next;
      await controls.setFaults({ errorRate: 1, limit: 1, errors: [{ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 2 }] });

      // The day read meets the 503 and waits; the others come while it waits.
      const dayRead = api.listAppointments(session.window);
      while (api.gate?.waitUntil() === null || api.gate?.waitUntil() === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
      const waitUntil = api.gate.waitUntil() ?? 0;
      const closedAt = performance.now() + (waitUntil - Date.now());
      const [day, names, search, booking, cancel] = await Promise.allSettled([
        dayRead,
        api.getPatient(patient.id),
        api.searchPatients({ last_name: patient.last_name ?? '' }),
        api.createAppointment({ start: slot.start, end: slot.end, patient_id: patient.id, resource_id: slot.resource_id, healthcare_service_id: slot.healthcare_service_id ?? '' }),
        api.cancelAppointment('apt-x', 'ill'),
      ]);
      assert.equal(day.status, 'fulfilled');
      assert.equal(names.status, 'fulfilled');
      assert.equal(search.status, 'fulfilled');
      for (const write of [booking, cancel]) {
        assert.equal(write.status, 'rejected');
        const error = write.reason as LeyrError;
        assert.ok(error instanceof LeyrError);
        assert.deepEqual([error.heldByGate, error.status, error.code, error.waitUntil], [true, 503, 'SERVICE_UNAVAILABLE', waitUntil]);
        assert.match(toAppError(error).message, /^Not sent: Leyr asked to wait (1|2) seconds? more before the next request\.$/);
      }

      // What left the client: the first read, then nothing until the time, then the three reads; no write at all.
      assert.deepEqual(
        sent.map((request) => request.method),
        ['GET', 'GET', 'GET', 'GET'],
      );
      const [first, probe, ...rest] = sent as [Sent, Sent, ...Sent[]];
      for (const request of [probe, ...rest]) assert.ok(request.at >= closedAt - 15, `a request left ${gap(request.at, closedAt)} ms before the time`);
      assert.ok(gap(first.answeredAt ?? 0, probe.at) >= 1_950, 'the wait was about 2 s');
      for (const request of rest) assert.ok(request.at >= (probe.answeredAt ?? 0) - 1, 'the others left after the first one’s answer');
      const arrived = (await controls.requests(mark)).requests.filter((request) => request.path.includes('/api/'));
      assert.equal(arrived.filter((request) => request.method !== 'GET').length, 0, 'no write reached the sandbox');
      assert.equal(arrived.length, 4);
      assert.deepEqual(changes, [waitUntil, null], 'the gate said when it closed and when Leyr answered again');
      assert.equal(api.gate?.waitUntil(), null);
    });

    it('a write held by the gate goes through when tried again at waitUntil (what the outbox does)', async (t) => {
      const controls = needsControls(t, session, 'faults (errors, limit)');
      if (!controls) return;
      const slot = await someFreeSlot(session);
      const patient = await freshPatient(session.api);
      const { api, sent } = recorded();
      const book = () => api.createAppointment({ start: slot.start, end: slot.end, patient_id: patient.id, resource_id: slot.resource_id, healthcare_service_id: slot.healthcare_service_id ?? '' });
      await controls.setFaults({ errorRate: 1, limit: 1, errors: [{ code: 'GATEWAY', status: 429, retryAfterSeconds: 2 }] });
      const refused = await failure(book());
      assert.deepEqual([refused.status, refused.heldByGate, refused.retryAfterMs], [429, false, 2_000]);
      // Tried again 0.5 s later (an outbox's own backoff): not sent.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const held = await failure(book());
      assert.equal(held.heldByGate, true);
      assert.equal(held.waitUntil, refused.waitUntil);
      assert.equal(sent.length, 1);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, (held.waitUntil ?? 0) - Date.now())));
      const [booked] = await book();
      assert.ok(booked);
      assert.equal(sent.length, 2);
      const [first, second] = sent as [Sent, Sent];
      assert.ok(gap(first.answeredAt ?? 0, second.at) >= 1_990, `the POST went again after ${gap(first.answeredAt ?? 0, second.at)} ms`);
    });
  });
}
