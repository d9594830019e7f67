// Contract: the way to Leyr — auth, timeouts, retries of safe reads only, offline, each
// error code and status said truthfully, Retry-After and Leyr's ladder honoured through the
// client's shared wait gate (gaps measured) — with the local sandbox's fault injector and
// request log, over HTTP.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listCareUnits, nothingSaved } from '../../main/clinic/connection-check.ts';
import { Failure } from '../../main/errors/failure.ts';
import type { LeyrApi } from '../../main/leyr/api.ts';
import { toAppError } from '../../main/leyr/errors.ts';
import { silentLogger } from '../../main/log/logger.ts';
import type { SandboxFaultError } from '../support/sandbox-control.ts';
import { failure, freshPatient, refusal, sessionPerSuite, snapshot, someFreeSlot } from './support.ts';
import { contractTargets, needsControls, type SandboxControls, type TargetSession } from './targets.ts';

/** The requests the sandbox received since `since` with this method whose path ends so. */
async function received(controls: SandboxControls, since: number, method: string, pathEnd: string): Promise<number> {
  const log = await controls.requests(since);
  return log.requests.filter((request) => request.method === method && request.path.split('?')[0]?.endsWith(pathEnd)).length;
}

for (const target of contractTargets()) {
  describe(`transport [${target.name}]`, { skip: target.skip ?? false }, () => {
    let session!: TargetSession;
    sessionPerSuite(target, (started) => (session = started));

    const client = (attempts: number, timeoutMs = 2_000): LeyrApi => session.client({ timeoutMs, retry: { attempts, baseDelayMs: 5, maxDelayMs: 20 } });

    it('refuses wrong credentials on every kind of call with 401 UNAUTHORIZED, in plain words', async () => {
      const wrong = session.client({ credentials: () => ({ clientId: session.credentials.clientId, clientSecret: `${session.credentials.clientSecret}-wrong` }) });
      for (const call of [() => wrong.listCareUnits(), () => wrong.listAppointments(session.window), () => wrong.getPatient('x'), () => wrong.cancelAppointments(['x'], 'y')]) {
        const error = await refusal(call(), { status: 401, code: 'UNAUTHORIZED' });
        const appError = toAppError(error);
        assert.equal(appError.code, 'LEYR_ERROR');
        assert.match(appError.message, /credentials/);
        assert.ok(!appError.message.includes(session.credentials.clientSecret));
      }
    });

    it('times out a call slower than its timeout (kind timeout, NETWORK for the app)', async (t) => {
      const controls = needsControls(t, session, 'faults (latency)');
      if (!controls) return;
      await controls.setFaults({ latencyMs: 800 });
      const started = performance.now();
      const error = await failure(client(1, 200).listResources());
      const elapsed = performance.now() - started;
      assert.equal(error.kind, 'timeout');
      assert.ok(elapsed < 700, `gave up after ${Math.round(elapsed)} ms`);
      assert.equal(toAppError(error).code, 'NETWORK');
    });

    it('retries a GET on 5xx and gives up after the configured attempts', async (t) => {
      const controls = needsControls(t, session, 'faults (errorRate) and the request log');
      if (!controls) return;
      await controls.setFaults({ errorRate: 1 });
      const mark = (await controls.requests()).next;
      const error = await failure(client(3).listResources());
      assert.equal(error.kind, 'http');
      assert.ok((error.status ?? 0) >= 500, `status ${error.status}`);
      assert.ok(error.code === 'EMR_ERROR' || error.code === 'UNKNOWN_ERROR', `code ${error.code}`);
      assert.ok(error.instance, 'the 5xx carries an instance');
      assert.equal(await received(controls, mark, 'GET', '/resources'), 3);
    });

    it('a GET gets through flaky 5xx answers and dropped connections by retrying', async (t) => {
      const controls = needsControls(t, session, 'faults (errorRate, dropRate)');
      if (!controls) return;
      // One in two fails; twenty tries make a final failure a one-in-a-million event.
      await controls.setFaults({ errorRate: 0.5, dropRate: 0 });
      const resources = await client(20).listResources();
      assert.ok(resources.length > 0);
      await controls.setFaults({ errorRate: 0, dropRate: 0.5 });
      const services = await client(20).listHealthcareServices();
      assert.ok(services.length > 0);
    });

    it('reports dropped connections as a network failure after retrying the GET', async (t) => {
      const controls = needsControls(t, session, 'faults (dropRate)');
      if (!controls) return;
      await controls.setFaults({ dropRate: 1 });
      const mark = (await controls.requests()).next;
      const error = await failure(client(3).listTimeslots(session.window));
      assert.equal(error.kind, 'network');
      assert.equal(error.status, null);
      assert.equal(await received(controls, mark, 'GET', '/timeslots'), 3);
      assert.equal(toAppError(error).code, 'NETWORK');
    });

    it('never retries a POST or a PATCH, on 5xx or on a dropped connection', async (t) => {
      const controls = needsControls(t, session, 'faults and the request log');
      if (!controls) return;
      const slot = await someFreeSlot(session);
      const patient = await freshPatient(session.api);
      const api = client(5);
      const create = () =>
        api.createAppointment({ start: slot.start, end: slot.end, patient_id: patient.id, resource_id: slot.resource_id, healthcare_service_id: slot.healthcare_service_id ?? '' });
      // A 500 UNKNOWN_ERROR asks for no wait, so the PATCH after the failed POST is sent (a 503 would close the gate: below).
      for (const faults of [{ errorRate: 1, errors: [{ code: 'UNKNOWN_ERROR' as const }] }, { dropRate: 1 }]) {
        await controls.setFaults(faults);
        const mark: number = (await controls.requests()).next;
        await failure(create());
        await failure(api.cancelAppointments(['x', 'y'], 'z'));
        assert.equal(await received(controls, mark, 'POST', '/appointments'), 1, `one POST under ${JSON.stringify(faults)}`);
        assert.equal(await received(controls, mark, 'PATCH', '/appointments'), 1, `one PATCH under ${JSON.stringify(faults)}`);
      }
    });

    it('offline: every call fails fast as a network failure and nothing changes; back online it works', async (t) => {
      const controls = needsControls(t, session, 'faults (offline)');
      if (!controls) return;
      const slot = await someFreeSlot(session);
      const patient = await freshPatient(session.api);
      const before = await snapshot(session);
      await controls.setFaults({ offline: true });
      const api = client(2);
      const errors = [
        await failure(api.listResources()),
        await failure(api.createAppointment({ start: slot.start, end: slot.end, patient_id: patient.id, resource_id: slot.resource_id })),
        await failure(api.cancelAppointment('x', 'y')),
      ];
      for (const error of errors) {
        assert.equal(error.kind, 'network');
        const appError = toAppError(error);
        assert.equal(appError.code, 'NETWORK');
        assert.match(appError.message, /could not be reached/);
      }
      assert.deepEqual(await snapshot(session), before);
      await controls.clearFaults();
      assert.ok((await api.listResources()).length > 0);
    });

    // Each error code at the statuses Leyr or a gateway gives it, through a read and a write:
    // the fields the client keeps and the sentence the receptionist reads.
    const DETAIL = 'TakeCare: the journal is locked for maintenance';
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const REFERENCE = / Reference for Leyr support: [0-9a-f-]{36}\.$/;
    const CREDENTIALS = /credential|client id|secret/i;
    const matrix: { fault: SandboxFaultError; status: number; code: string | null; retryAfterMs: number | null; says: RegExp }[] = [
      { fault: { code: 'EMR_ERROR', detail: DETAIL }, status: 401, code: 'EMR_ERROR', retryAfterMs: null, says: /^The clinic’s EHR reported an error: TakeCare: the journal is locked for maintenance\. Reference/ },
      { fault: { code: 'EMR_ERROR', status: 502, detail: DETAIL }, status: 502, code: 'EMR_ERROR', retryAfterMs: null, says: /^The clinic’s EHR reported an error: TakeCare: the journal is locked for maintenance\. Reference/ },
      {
        fault: { code: 'EMR_ERROR', status: 503, detail: DETAIL },
        status: 503,
        code: 'EMR_ERROR',
        retryAfterMs: 1_000,
        says: /^The clinic’s EHR reported an error: TakeCare: the journal is locked for maintenance\. Leyr asked to wait 1 second before the next request\. Reference/,
      },
      { fault: { code: 'UNKNOWN_ERROR' }, status: 500, code: 'UNKNOWN_ERROR', retryAfterMs: null, says: /^Leyr failed: .+\. Reference/ },
      { fault: { code: 'UNKNOWN_ERROR', status: 401 }, status: 401, code: 'UNKNOWN_ERROR', retryAfterMs: null, says: /^Leyr failed: .+\. Reference/ },
      { fault: { code: 'SERVICE_UNAVAILABLE' }, status: 503, code: 'SERVICE_UNAVAILABLE', retryAfterMs: 1_000, says: /^Leyr asked to wait 1 second before the next request; nothing is sent to it until then\. Reference/ },
      {
        fault: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 7 },
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        retryAfterMs: 7_000,
        says: /^Leyr asked to wait 7 seconds before the next request; nothing is sent to it until then\. Reference/,
      },
      { fault: { code: 'GATEWAY', retryAfterSeconds: 3 }, status: 429, code: null, retryAfterMs: 3_000, says: /^Leyr asked to wait 3 seconds before the next request; nothing is sent to it until then\.$/ },
      { fault: { code: 'GATEWAY' }, status: 429, code: null, retryAfterMs: 1_000, says: /^Leyr asked to wait 1 second before the next request/ },
      { fault: { code: 'GATEWAY', status: 503 }, status: 503, code: null, retryAfterMs: 1_000, says: /^Leyr asked to wait 1 second before the next request/ },
      { fault: { code: 'GATEWAY', status: 401 }, status: 401, code: null, retryAfterMs: null, says: /^The request was refused \(HTTP 401\) without a reason from Leyr, perhaps by a gateway or proxy in front of it \(it said: 401 Unauthorized\)\.$/ },
      { fault: { code: 'GATEWAY', status: 403 }, status: 403, code: null, retryAfterMs: null, says: /^The request was refused \(HTTP 403\) without a reason from Leyr/ },
    ];
    for (const entry of matrix) {
      const label = `${entry.fault.code}${entry.fault.status === undefined ? '' : ` ${entry.fault.status}`}${entry.fault.retryAfterSeconds === undefined ? '' : `, Retry-After ${entry.fault.retryAfterSeconds}`}`;
      it(`${label}: a read and a write fail with the status, code, instance and wait kept, said truthfully`, async (t) => {
        const controls = needsControls(t, session, 'faults (errors)');
        if (!controls) return;
        await controls.setFaults({ errorRate: 1, errors: [entry.fault] });
        // A fresh client per call: each meets the answer itself, not the gate the other closed.
        for (const call of [(api: LeyrApi) => api.listResources(), (api: LeyrApi) => api.cancelAppointment('apt-x', 'ill')]) {
          const error = await failure(call(client(1)));
          assert.deepEqual([error.kind, error.status, error.code, error.heldByGate], ['http', entry.status, entry.code, false]);
          if (entry.code === null) assert.equal(error.instance, null, 'a gateway gives no instance');
          else assert.match(error.instance ?? '', UUID);
          if (entry.code === 'EMR_ERROR') assert.equal(error.emrError, DETAIL);
          if (entry.retryAfterMs === null) assert.equal(error.retryAfterMs, null);
          else {
            // A Retry-After of N s is N s from the answer (whole seconds); the ladder's first step is 1 s.
            assert.ok(error.retryAfterMs !== null && Math.abs(error.retryAfterMs - entry.retryAfterMs) < 50, `waits ${error.retryAfterMs} ms`);
            assert.ok(error.waitUntil !== null && Math.abs(error.waitUntil - Date.now() - entry.retryAfterMs) < 500);
          }
          const appError = toAppError(error);
          assert.equal(appError.code, 'LEYR_ERROR');
          assert.match(appError.message, entry.says);
          if (entry.code !== null) assert.match(appError.message, REFERENCE);
          assert.doesNotMatch(appError.message, CREDENTIALS, 'only UNAUTHORIZED is about the credentials');
          assert.deepEqual([appError.leyr?.code, appError.leyr?.status, appError.leyr?.instance], [entry.code, entry.status, error.instance]);
        }
      });
    }

    it('Settings → test connection: an EHR failure (401 EMR_ERROR) is not wrong credentials; UNAUTHORIZED is', async (t) => {
      const controls = needsControls(t, session, 'faults (errors)');
      if (!controls) return;
      const target = { baseUrl: session.baseUrl, emr: session.api.emr };
      const credentials = { emr: session.api.emr, clientId: session.credentials.clientId, secret: session.credentials.clientSecret };
      await controls.setFaults({ errorRate: 1, errors: [{ code: 'EMR_ERROR', detail: DETAIL }] });
      const emr = await failure(listCareUnits(target, credentials, { log: silentLogger, timeoutMs: 2_000 }));
      assert.deepEqual([emr.status, emr.code], [401, 'EMR_ERROR']);
      const said = nothingSaved(emr);
      assert.ok(said instanceof Failure);
      const message = said.toAppError().message;
      assert.match(message, /^The clinic’s EHR reported an error: TakeCare: the journal is locked for maintenance\. Reference for Leyr support: [0-9a-f-]{36}\. The credentials were neither accepted nor refused; test the connection again later\. Nothing was saved\.$/);
      assert.doesNotMatch(message, /wrong|not accept/i);

      await controls.clearFaults();
      const wrong = await failure(listCareUnits(target, { ...credentials, secret: `${credentials.secret}-wrong` }, { log: silentLogger, timeoutMs: 2_000 }));
      assert.deepEqual([wrong.status, wrong.code], [401, 'UNAUTHORIZED']);
      assert.match(wrong.toAppError().message, /^Leyr did not accept the app’s credentials \(wrong client id or secret\): check the client id and the client secret in the settings\. Reference/);
      assert.doesNotMatch(wrong.toAppError().message, /neither accepted nor refused/);
      const units = await listCareUnits(target, credentials, { log: silentLogger, timeoutMs: 2_000 });
      assert.ok(units.some((unit) => unit.id === session.api.careUnitId));
    });
  });
}
