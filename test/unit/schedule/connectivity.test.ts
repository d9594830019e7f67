import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createConnectivityTracker } from '../../../main/schedule/connectivity/connectivity.ts';

describe('connectivity from call outcomes', () => {
  const setup = () => {
    let clock = Date.parse('2026-03-23T08:00:00Z');
    const tracker = createConnectivityTracker(() => clock);
    const changes: string[] = [];
    tracker.onChange((state, previous) => changes.push(`${previous}->${state}`));
    return { tracker, changes, advance: (ms: number) => (clock += ms) };
  };

  it('goes offline at the first transport failure when nothing succeeded lately', () => {
    const { tracker, changes } = setup();
    tracker.record('transport-failure');
    assert.equal(tracker.state(), 'offline');
    assert.deepEqual(changes, ['online->offline']);
    assert.equal(tracker.status(3).lastSuccessAt, null);
    assert.equal(tracker.status(3).pendingCount, 3);
  });

  it('is degraded by a single dropped call after recent successes, offline after two in a row', () => {
    const { tracker, changes } = setup();
    tracker.record('answered');
    tracker.record('transport-failure');
    assert.equal(tracker.state(), 'degraded');
    tracker.record('transport-failure');
    assert.equal(tracker.state(), 'offline');
    tracker.record('answered');
    assert.equal(tracker.state(), 'degraded', 'back, with failures in the recent calls');
    for (let i = 0; i < 10; i += 1) tracker.record('answered');
    assert.equal(tracker.state(), 'online');
    assert.deepEqual(changes, ['online->degraded', 'degraded->offline', 'offline->degraded', 'degraded->online']);
  });

  it('counts 5xx as degraded, not offline, and a refusal as an answer', () => {
    const { tracker, advance } = setup();
    tracker.record('answered');
    tracker.record('server-failure');
    tracker.record('server-failure');
    tracker.record('server-failure');
    assert.equal(tracker.state(), 'degraded');
    advance(120_000);
    tracker.record('transport-failure');
    assert.equal(tracker.state(), 'offline', 'the last success is long ago');
    const since = tracker.status(0).since;
    assert.equal(since, new Date(Date.parse('2026-03-23T08:00:00Z') + 120_000).toISOString());
  });
});
