// The sandbox's /__sandbox control endpoints over real HTTP on 127.0.0.1: off unless asked
// for, behind a token when one is given, and never reachable from a web page of another site
// (its Origin, a body type a form can send, a Host that is not the sandbox's: DNS rebinding).
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type Sandbox } from '../../../main/sandbox/server.ts';
import { miniSeed } from '../../support/sandbox-http.ts';
import { sandboxControl } from '../../support/sandbox-control.ts';

interface Raw {
  status: number;
  text: string;
}

/** A request with exactly these headers (fetch would not let a test set Host). */
function request(sandbox: Sandbox, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  const port = Number(new URL(sandbox.origin).port);
  return new Promise((resolve, reject) => {
    const sent = http.request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

/** Cancels an appointment in the sandbox's state, so a reset that went through shows. */
async function changeState(sandbox: Sandbox): Promise<string> {
  const control = sandboxControl(sandbox.origin, sandbox.control === 'token' ? TOKEN : undefined);
  const before = await control.state();
  const booked = before.appointments.find((a) => a.status === 'booked');
  assert.ok(booked);
  const auth = { 'x-leyr-client-id': sandbox.credentials.clientId, 'x-leyr-client-secret': sandbox.credentials.clientSecret, 'content-type': 'application/json' };
  const answer = await fetch(`${sandbox.apiBaseUrl}/emrs/${sandbox.emr}/appointments/${booked.id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ status: 'cancelled', comment: 'x' }) });
  assert.equal(answer.status, 200, await answer.text());
  return booked.id;
}

const TOKEN = 'sandbox-control-token-for-tests';

describe('sandbox control endpoints', () => {
  let off: Sandbox;
  let open: Sandbox;
  let guarded: Sandbox;
  before(async () => {
    off = await startSandbox({ seed: miniSeed() });
    open = await startSandbox({ seed: miniSeed(), control: true });
    guarded = await startSandbox({ seed: miniSeed(), control: { token: TOKEN } });
  });
  after(async () => {
    await Promise.all([off.close(), open.close(), guarded.close()]);
  });

  it('are off unless the sandbox is started with control', async () => {
    assert.equal(off.control, 'off');
    for (const [method, path] of [['GET', '/__sandbox/state'], ['POST', '/__sandbox/reset'], ['PUT', '/__sandbox/faults']] as const) {
      assert.equal((await request(off, method, path, { 'content-type': 'application/json' }, method === 'GET' ? undefined : '{}')).status, 404, `${method} ${path}`);
    }
    // The Leyr API itself is served as ever.
    const careUnits = await fetch(`${off.apiBaseUrl}/emrs/${off.emr}/care-units`, { headers: { 'x-leyr-client-id': off.credentials.clientId, 'x-leyr-client-secret': off.credentials.clientSecret } });
    assert.equal(careUnits.status, 200);
  });

  it('answer local tools: no Origin, JSON bodies, the sandbox’s own Host or Origin', async () => {
    assert.equal((await request(open, 'GET', '/__sandbox/profile')).status, 200);
    assert.equal((await request(open, 'POST', '/__sandbox/reset')).status, 200);
    assert.equal((await request(open, 'PUT', '/__sandbox/faults', { 'content-type': 'application/json; charset=utf-8' }, '{"latencyMs":0}')).status, 200);
    const port = new URL(open.origin).port;
    assert.equal((await request(open, 'POST', '/__sandbox/reset', { origin: open.origin })).status, 200);
    assert.equal((await request(open, 'GET', '/__sandbox/state', { host: `localhost:${port}`, origin: `http://localhost:${port}` })).status, 200);
  });

  it('refuse a web page of another site, and change nothing', async () => {
    const cancelled = await changeState(open);
    const port = new URL(open.origin).port;
    const attempts: [string, Record<string, string>, string | undefined, number][] = [
      ['an Origin of another site', { origin: 'https://evil.example' }, undefined, 403],
      ['an opaque Origin', { origin: 'null' }, undefined, 403],
      ['a look-alike Origin', { origin: `http://127.0.0.1.evil.example:${port}` }, undefined, 403],
      ['a form body', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1', 415],
      ['a multipart form', { 'content-type': 'multipart/form-data; boundary=x' }, '--x--', 415],
      ['a text/plain body', { 'content-type': 'text/plain' }, '{}', 415],
      ['another Host (DNS rebinding)', { host: `evil.example:${port}` }, undefined, 421],
      ['the right name on another port', { host: '127.0.0.1:1' }, undefined, 421],
    ];
    for (const [label, headers, body, status] of attempts) {
      const answer = await request(open, 'POST', '/__sandbox/reset', headers, body);
      assert.equal(answer.status, status, label);
      assert.match(answer.text, /sandbox control/i, label);
    }
    // A rebinding page reading the state is refused too.
    assert.equal((await request(open, 'GET', '/__sandbox/state', { host: `evil.example:${port}` })).status, 421);
    const state = await sandboxControl(open.origin).state();
    assert.equal(state.appointments.find((a) => a.id === cancelled)?.status, 'cancelled', 'no reset happened');
  });

  it('need the token when started with one', async () => {
    assert.equal(guarded.control, 'token');
    assert.equal((await request(guarded, 'GET', '/__sandbox/state')).status, 401);
    assert.equal((await request(guarded, 'GET', '/__sandbox/state', { 'x-sandbox-token': 'wrong-token-wrong-token' })).status, 401);
    assert.equal((await request(guarded, 'GET', '/__sandbox/state', { 'x-sandbox-token': TOKEN })).status, 200);
    // The token does not open the door to another site.
    assert.equal((await request(guarded, 'POST', '/__sandbox/reset', { 'x-sandbox-token': TOKEN, origin: 'https://evil.example' })).status, 403);
    const control = sandboxControl(guarded.origin, TOKEN);
    await control.reset();
    assert.equal((await control.profile()).emr, guarded.emr);
  });

  it('refuses a token too short to guard anything', async () => {
    await assert.rejects(startSandbox({ seed: miniSeed(), control: { token: 'short' } }), /16 characters/);
  });
});
