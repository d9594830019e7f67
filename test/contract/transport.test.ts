// Contract: the way to Leyr — auth, timeouts, retries of safe reads only, offline — with the
// local sandbox's fault injector and request log.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { LeyrApi } from '../../main/leyr/api.ts';
import { LeyrError, toAppError } from '../../main/leyr/errors.ts';
import { freshPatient, refusal, snapshot, someFreeSlot } from './support.ts';
import { contractTargets, needsControls, type SandboxControls, type TargetSession } from './targets.ts';

async function failure(promise: Promise<unknown>): Promise<LeyrError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LeyrError, String(error));
    return error;
  }
  assert.fail('expected the call to fail');
}

/** The requests the sandbox received since `since` with this method whose path ends so. */
async function received(controls: SandboxControls, since: number, method: string, pathEnd: string): Promise<number> {
  const log = await controls.requests(since);
  return log.requests.filter((request) => request.method === method && request.path.split('?')[0]?.endsWith(pathEnd)).length;
}

for (const target of contractTargets()) {
  describe(`transport [${target.name}]`, { skip: target.skip ?? false }, () => {
    let session: TargetSession;
    before(async () => {
      session = await target.start();
    });
    beforeEach(async () => {
      await session.controls?.reset();
    });
    afterEach(async () => {
      await session.controls?.clearFaults();
    });
    after(async () => {
      await session?.close();
    });

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
      for (const faults of [{ errorRate: 1 }, { dropRate: 1 }]) {
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
  });
}
