// The call limiter in front of the router: identical reads share one answer, each lane has
// its bound, the excess is answered BUSY at once, writes have their own allowance and queue,
// and senders do not share allowances. Real router, handlers that answer when told to.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ok, type Result } from '../../../preload/contract/index.ts';
import { CALL_POLICY, createCallLimiter, type CallLimits } from '../../../main/ipc/call-limiter.ts';
import { createRouter, type Handlers } from '../../../main/ipc/router.ts';
import { CALL_NAMES } from '../../../preload/contract/names.ts';
import { captureLog } from '../../support/log-capture.ts';

const trusted = { url: 'app://frontdesk/index.html', isMainFrame: true };
const LIMITS: CallLimits = { day: 2, dayBurst: 100, dayPerSecond: 100, status: 2, write: 1, writeQueue: 2, sharers: 3, statusSharers: 3 };

interface Gate {
  calls: string[];
  /** Answers every waiting call of `name` (with its argument in the value). */
  release(name: string): void;
}

/** By default each reading of the clock is a second later: the day allowance is always refilled. */
function setup(limits: CallLimits = LIMITS, now: () => number = ((t = 0) => () => (t += 1_000))()) {
  const waiting = new Map<string, (() => void)[]>();
  const gate: Gate = {
    calls: [],
    release(name) {
      for (const answer of waiting.get(name) ?? []) answer();
      waiting.delete(name);
    },
  };
  const held =
    (name: string) =>
    (arg: unknown): Promise<Result<unknown>> => {
      gate.calls.push(`${name} ${JSON.stringify(arg ?? null)}`);
      return new Promise((resolve) => waiting.set(name, [...(waiting.get(name) ?? []), () => resolve(ok({ name, arg }))]));
    };
  const handlers = Object.fromEntries(CALL_NAMES.map((name) => [name, held(name)])) as unknown as Handlers;
  const router = createRouter({ handlers, isTrustedUrl: (url) => url.startsWith('app://frontdesk/'), log: captureLog().log });
  return { limiter: createCallLimiter(router, limits, now), gate };
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const code = (result: Result<unknown>): string => (result.ok ? 'ok' : result.error.code);

describe('call limiter', () => {
  it('classifies every call of the contract', () => {
    for (const name of CALL_NAMES) assert.ok(CALL_POLICY[name], name);
    // Every change of an appointment is a write, never coalesced nor refused for reads' sake.
    for (const name of ['moveAppointment', 'cancelAppointments', 'moveAppointmentsToResource', 'rescheduleContinuous', 'bookAppointment', 'confirmAppointment', 'retryChange', 'dismissChange'] as const) {
      assert.deepEqual(CALL_POLICY[name], { lane: 'write', coalesce: false }, name);
    }
  });

  it('runs identical openDay calls once and gives every caller the answer', async () => {
    const { limiter, gate } = setup();
    const answers = [1, 2, 3].map(() => limiter.dispatch('w', 'openDay', { date: '2026-03-23' }, trusted));
    await turn();
    assert.deepEqual(gate.calls, ['openDay {"date":"2026-03-23"}']);
    gate.release('openDay');
    const results = await Promise.all(answers);
    for (const result of results) assert.deepEqual(result, { ok: true, value: { name: 'openDay', arg: { date: '2026-03-23' } } });
    // Shared only while in flight: asked again, it runs again.
    const again = limiter.dispatch('w', 'openDay', { date: '2026-03-23' }, trusted);
    await turn();
    assert.equal(gate.calls.length, 2);
    gate.release('openDay');
    assert.equal(code(await again), 'ok');
  });

  it('answers BUSY at once past the day lane, without running the handler', async () => {
    const { limiter, gate } = setup();
    const first = limiter.dispatch('w', 'openDay', { date: '2026-03-23' }, trusted);
    const second = limiter.dispatch('w', 'openDay', { date: '2026-03-24' }, trusted);
    const third = await limiter.dispatch('w', 'openDay', { date: '2026-03-25' }, trusted);
    assert.equal(code(third), 'BUSY');
    assert.match(third.ok ? '' : third.error.message, /busy/);
    await turn();
    assert.equal(gate.calls.length, 2);
    gate.release('openDay');
    assert.deepEqual([code(await first), code(await second)], ['ok', 'ok']);
    // The lane is free again.
    const fourth = limiter.dispatch('w', 'openDay', { date: '2026-03-25' }, trusted);
    await turn();
    gate.release('openDay');
    assert.equal(code(await fourth), 'ok');
  });

  it('bounds the callers sharing one answer', async () => {
    const { limiter, gate } = setup();
    const sharing = [1, 2, 3].map(() => limiter.dispatch('w', 'openDay', { date: '2026-03-23' }, trusted));
    assert.equal(code(await limiter.dispatch('w', 'openDay', { date: '2026-03-23' }, trusted)), 'BUSY');
    await turn();
    gate.release('openDay');
    assert.deepEqual((await Promise.all(sharing)).map(code), ['ok', 'ok', 'ok']);
  });

  it('keeps status reads and changes going while the day lane is full', async () => {
    const { limiter, gate } = setup();
    const days = ['2026-03-23', '2026-03-24'].map((date) => limiter.dispatch('w', 'openDay', { date }, trusted));
    assert.equal(code(await limiter.dispatch('w', 'openDay', { date: '2026-03-25' }, trusted)), 'BUSY');
    const connectivity = limiter.dispatch('w', 'getConnectivity', undefined, trusted);
    const move = limiter.dispatch('w', 'moveAppointment', { appointmentId: 'a1', resourceId: 'r2' }, trusted);
    await turn();
    gate.release('getConnectivity');
    gate.release('moveAppointment');
    assert.equal(code(await connectivity), 'ok');
    assert.equal(code(await move), 'ok');
    gate.release('openDay');
    await Promise.all(days);
  });

  it('queues writes past their allowance in arrival order, and answers BUSY only past the queue', async () => {
    const { limiter, gate } = setup();
    const arg = (id: string) => ({ changeId: id });
    const running = limiter.dispatch('w', 'dismissChange', arg('c1'), trusted);
    const queued = [limiter.dispatch('w', 'dismissChange', arg('c2'), trusted), limiter.dispatch('w', 'dismissChange', arg('c3'), trusted)];
    const refused = await limiter.dispatch('w', 'dismissChange', arg('c4'), trusted);
    assert.equal(code(refused), 'BUSY');
    await turn();
    assert.deepEqual(gate.calls, ['dismissChange {"changeId":"c1"}']);
    gate.release('dismissChange');
    assert.equal(code(await running), 'ok');
    await turn();
    assert.deepEqual(gate.calls.slice(1), ['dismissChange {"changeId":"c2"}']);
    gate.release('dismissChange');
    await turn();
    assert.deepEqual(gate.calls.slice(2), ['dismissChange {"changeId":"c3"}']);
    gate.release('dismissChange');
    assert.deepEqual((await Promise.all(queued)).map(code), ['ok', 'ok']);
  });

  it('gives each sender its own allowance, and forgets a sender once it is idle', async () => {
    const { limiter, gate } = setup();
    const mine = ['2026-03-23', '2026-03-24'].map((date) => limiter.dispatch('a', 'openDay', { date }, trusted));
    assert.equal(code(await limiter.dispatch('a', 'openDay', { date: '2026-03-25' }, trusted)), 'BUSY');
    const theirs = limiter.dispatch('b', 'openDay', { date: '2026-03-25' }, trusted);
    await turn();
    assert.equal(limiter.activeSenders, 2);
    gate.release('openDay');
    assert.deepEqual([...(await Promise.all(mine)), await theirs].map(code), ['ok', 'ok', 'ok']);
    await turn();
    assert.equal(limiter.activeSenders, 0);
  });

  it('starts a burst of distinct days, then only as many a second as allowed', async () => {
    let clock = 0;
    const { limiter, gate } = setup({ ...LIMITS, day: 10, dayBurst: 3, dayPerSecond: 2 }, () => clock);
    const open = async (date: string): Promise<string> => {
      const answer = limiter.dispatch('w', 'openDay', { date }, trusted);
      await turn();
      gate.release('openDay');
      return code(await answer);
    };
    assert.deepEqual([await open('2026-03-23'), await open('2026-03-24'), await open('2026-03-25'), await open('2026-03-26')], ['ok', 'ok', 'ok', 'BUSY']);
    clock += 499;
    assert.equal(await open('2026-03-26'), 'BUSY');
    clock += 1;
    assert.equal(await open('2026-03-26'), 'ok', 'one more after half a second');
    // Status reads and changes do not draw on it.
    const status = limiter.dispatch('w', 'getConnectivity', undefined, trusted);
    await turn();
    gate.release('getConnectivity');
    assert.equal(code(await status), 'ok');
    // A sender is kept while its allowance refills, and forgotten once it is full or gone.
    assert.equal(limiter.activeSenders, 1);
    limiter.forget('w');
    assert.equal(limiter.activeSenders, 0);
  });

  it('leaves the router its checks: a bad argument or sender is refused as before', async () => {
    const { limiter, gate } = setup();
    assert.equal(code(await limiter.dispatch('w', 'openDay', { date: 'someday' }, trusted)), 'INVALID_ARGUMENT');
    assert.equal(code(await limiter.dispatch('w', 'openDay', { date: '2026-03-23' }, { url: 'https://evil.example/', isMainFrame: true })), 'FORBIDDEN_SENDER');
    assert.equal(code(await limiter.dispatch('w', 'noSuchCall', undefined, trusted)), 'UNKNOWN_CALL');
    assert.deepEqual(gate.calls, []);
    assert.equal(limiter.activeSenders, 0);
  });
});
