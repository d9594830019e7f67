// Errors nobody caught in main: logged with context and scrubbed, the process going on; a
// storm of them ends it.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { logProcessErrors, STORM_LIMIT, type ProcessLike } from '../../../main/log/process-errors.ts';
import { captureLog } from '../../support/log-capture.ts';

function fakeProcess() {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  const target = Object.assign(emitter, { uptime: () => 42.4, exit: (code: number) => void exits.push(code) }) as unknown as ProcessLike & EventEmitter;
  return { target, exits };
}

describe('unexpected errors in main', () => {
  it('logs an uncaught exception with its context, without personal numbers, and goes on', () => {
    const { log, lines, text } = captureLog();
    const { target, exits } = fakeProcess();
    logProcessErrors(log, { mode: 'electron', version: '1.2.3' }, target);
    target.emit('uncaughtException', new Error('could not book 191212121212'), 'uncaughtException');
    const line = lines().find((l) => l.kind === 'uncaughtException');
    assert.ok(line, 'logged');
    assert.equal(line.mode, 'electron');
    assert.equal(line.version, '1.2.3');
    assert.equal(line.uptimeS, 42);
    assert.equal(line.origin, 'uncaughtException');
    assert.match(JSON.stringify(line.err), /could not book \[personal-number\]/);
    assert.doesNotMatch(text(), /191212121212/);
    assert.deepEqual(exits, []);
  });

  it('logs an unhandled rejection, an Error or not', () => {
    const { log, lines } = captureLog();
    const { target, exits } = fakeProcess();
    logProcessErrors(log, { mode: 'web', version: '1' }, target);
    target.emit('unhandledRejection', new TypeError('x is undefined'));
    target.emit('unhandledRejection', 'a plain string');
    const rejections = lines().filter((l) => l.kind === 'unhandledRejection');
    assert.equal(rejections.length, 2);
    assert.match(JSON.stringify(rejections[0]!.err), /x is undefined/);
    assert.deepEqual(rejections[1]!.err, { type: 'string', value: 'a plain string' });
    assert.deepEqual(exits, []);
  });

  it('ends the process on a storm of uncaught exceptions', () => {
    const { log, lines } = captureLog();
    const { target, exits } = fakeProcess();
    logProcessErrors(log, { mode: 'electron', version: '1' }, target, () => 1000);
    for (let i = 0; i <= STORM_LIMIT; i += 1) target.emit('uncaughtException', new Error(`loop ${i}`), 'uncaughtException');
    assert.deepEqual(exits, [70]);
    assert.ok(lines().some((l) => l.level === 60));
  });

  it('lets go of the process when disposed', () => {
    const { target } = fakeProcess();
    const handle = logProcessErrors(captureLog().log, { mode: 'web', version: '1' }, target);
    assert.equal(target.listenerCount('uncaughtException'), 1);
    handle.dispose();
    assert.equal(target.listenerCount('uncaughtException'), 0);
    assert.equal(target.listenerCount('unhandledRejection'), 0);
  });
});
