// The web host over real HTTP and WebSocket on 127.0.0.1: the token and origin checks, the
// served page with its bridge and CSP, and calls going through the router.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { CALL_NAMES, ok, type WireMessage } from '../../preload/contract/index.ts';
import { EventBus } from '../../main/events/bus.ts';
import type { HostedServices } from '../../main/ipc/hosted.ts';
import type { Handlers } from '../../main/ipc/router.ts';
import { startWebHost, type WebHost } from '../../main/webhost/server.ts';
import { captureLog } from '../support/log-capture.ts';

function fixtureDirs() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-webhost-'));
  writeFileSync(path.join(dir, 'index.html'), '<html><head><!-- bridge --><script defer src="app.js"></script></head></html>');
  writeFileSync(path.join(dir, 'app.js'), '1');
  const bridge = path.join(dir, 'bridge.js');
  writeFileSync(bridge, '/* bridge */');
  return { rendererDir: dir, bridgeScriptPath: bridge };
}

/** Opens a socket and resolves with the HTTP status of a refusal, or 101 when accepted. */
function connectStatus(url: string, origin: string | undefined): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

/** Sends raw bytes and resolves with the status line of the answer. */
function rawStatusLine(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) {
        socket.destroy();
        resolve(answer.split('\r\n')[0] ?? '');
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
  });
}

function openSocket(host: WebHost): Promise<{ ws: WebSocket; next: () => Promise<WireMessage> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/bridge?token=${host.token}`, { origin: host.origin });
    const queue: WireMessage[] = [];
    const waiters: ((m: WireMessage) => void)[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as WireMessage;
      const waiter = waiters.shift();
      if (waiter) waiter(message);
      else queue.push(message);
    });
    ws.on('open', () =>
      resolve({ ws, next: () => new Promise((r) => (queue.length > 0 ? r(queue.shift()!) : waiters.push(r))) }),
    );
    ws.on('error', reject);
  });
}

describe('web host', () => {
  let host: WebHost;
  const bus = new EventBus();
  const capture = captureLog();
  before(async () => {
    const handlers = Object.fromEntries(CALL_NAMES.map((name) => [name, () => ok(`answer of ${name}`)])) as unknown as Handlers;
    const services: HostedServices = { handlers, bus };
    host = await startWebHost({ services, ...fixtureDirs(), port: 0, log: capture.log });
  });
  after(async () => {
    await host.close();
  });

  it('prints a URL on 127.0.0.1 that carries the token in the fragment only', () => {
    assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
  });

  it('serves the page with the bridge injected before the app, under a strict CSP', async () => {
    const response = await fetch(`${host.origin}/`);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.ok(html.indexOf('/web-bridge.js') > 0 && html.indexOf('/web-bridge.js') < html.indexOf('app.js'));
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, new RegExp(`connect-src 'self' ws://127\\.0\\.0\\.1:${host.port}`));
    assert.equal((await fetch(`${host.origin}/web-bridge.js`)).status, 200);
    assert.equal((await fetch(`${host.origin}/..%2f..%2fetc%2fpasswd`)).status, 404);
    assert.equal((await fetch(`${host.origin}/`, { method: 'POST' })).status, 405);
  });

  it('refuses sockets without the token, with a wrong token, or from a foreign origin', async () => {
    const base = `ws://127.0.0.1:${host.port}/bridge`;
    assert.equal(await connectStatus(base, host.origin), 401);
    assert.equal(await connectStatus(`${base}?token=wrong`, host.origin), 401);
    assert.equal(await connectStatus(`${base}?token=${host.token}x`, host.origin), 401);
    assert.equal(await connectStatus(`${base}?token=${host.token}`, 'https://evil.example'), 403);
    assert.equal(await connectStatus(`${base}?token=${host.token}`, undefined), 403);
    assert.equal(await connectStatus(`ws://127.0.0.1:${host.port}/other?token=${host.token}`, host.origin), 404);
    assert.equal(await connectStatus(`${base}?token=${host.token}`, host.origin), 101);
    assert.ok(capture.lines().some((line) => line.reason === 'missing or wrong token'));
    assert.ok(!capture.text().includes(host.token), 'the token is never logged');
  });

  it('serves pages and the bridge only under its own names (DNS rebinding)', async () => {
    const page = (host_: string): string => `GET / HTTP/1.1\r\nHost: ${host_}\r\nConnection: close\r\n\r\n`;
    assert.match(await rawStatusLine(host.port, page(`127.0.0.1:${host.port}`)), /^HTTP\/1\.1 200 /);
    assert.match(await rawStatusLine(host.port, page(`localhost:${host.port}`)), /^HTTP\/1\.1 200 /);
    for (const other of [`evil.example:${host.port}`, 'evil.example', `127.0.0.1:${host.port + 1}`, `localhost.evil.example:${host.port}`]) {
      assert.match(await rawStatusLine(host.port, page(other)), /^HTTP\/1\.1 421 /, other);
    }
    const upgrade =
      `GET /bridge?token=${host.token} HTTP/1.1\r\nHost: evil.example:${host.port}\r\nOrigin: ${host.origin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';
    assert.match(await rawStatusLine(host.port, upgrade), /^HTTP\/1\.1 421 /);
  });

  it('tells the bridge whether its token still opens this host', async () => {
    const status = async (headers: Record<string, string>): Promise<number> => (await fetch(`${host.origin}/bridge/status`, { headers })).status;
    assert.equal(await status({ 'x-frontdesk-token': host.token }), 204);
    assert.equal(await status({ 'x-frontdesk-token': `${host.token}x` }), 401);
    assert.equal(await status({}), 401);
    assert.equal((await fetch(`${host.origin}/bridge/status`, { method: 'POST', headers: { 'x-frontdesk-token': host.token } })).status, 405);
  });

  it('refuses a request target that is no URL (`//`), on the socket path and for pages, and keeps serving', async () => {
    const upgrade = (target: string): string =>
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nOrigin: ${host.origin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';
    assert.match(await rawStatusLine(host.port, upgrade('//')), /^HTTP\/1\.1 400 /);
    assert.match(await rawStatusLine(host.port, upgrade('//@')), /^HTTP\/1\.1 400 /);
    assert.match(await rawStatusLine(host.port, `GET // HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`), /^HTTP\/1\.1 400 /);
    assert.ok(capture.lines().some((line) => line.reason === 'malformed request target'));
    assert.equal((await fetch(`${host.origin}/`)).status, 200, 'still serving');
    assert.equal(await connectStatus(`ws://127.0.0.1:${host.port}/bridge?token=${host.token}`, host.origin), 101);
  });

  it('refuses frames that are not calls of the wire format, before the router sees them', async () => {
    const { ws, next } = await openSocket(host);
    const refusedFrame = async (frame: string | Buffer): Promise<void> => {
      ws.send(frame);
      const answer = await next();
      assert.equal(answer.kind, 'result');
      assert.equal(answer.kind === 'result' && answer.id, -1, `refused as malformed: ${String(frame)}`);
      assert.equal(answer.kind === 'result' && !answer.result.ok && answer.result.error.code, 'INVALID_ARGUMENT');
    };
    await refusedFrame(JSON.stringify({ id: '1', call: 'getAppInfo' }));
    await refusedFrame(JSON.stringify({ id: 1.5, call: 'getAppInfo' }));
    await refusedFrame(JSON.stringify({ id: 2, call: 'getAppInfo', extra: true }));
    await refusedFrame(JSON.stringify({ id: 3, call: 'x'.repeat(101) }));
    await refusedFrame(JSON.stringify([1, 'getAppInfo']));
    await refusedFrame(Buffer.from(JSON.stringify({ id: 4, call: 'getAppInfo' })));
    ws.send(JSON.stringify({ id: 5, call: 'getAppInfo' }));
    assert.deepEqual(await next(), { kind: 'result', id: 5, result: { ok: true, value: 'answer of getAppInfo' } });
    ws.close();
  });

  it('answers calls through the router and pushes events', async () => {
    const { ws, next } = await openSocket(host);
    ws.send(JSON.stringify({ id: 7, call: 'getAppInfo' }));
    assert.deepEqual(await next(), { kind: 'result', id: 7, result: { ok: true, value: 'answer of getAppInfo' } });
    ws.send(JSON.stringify({ id: 8, call: 'getAppInfo', arg: { bad: true } }));
    const invalid = await next();
    assert.equal(invalid.kind === 'result' && !invalid.result.ok && invalid.result.error.code, 'INVALID_ARGUMENT');
    ws.send('{not json');
    const malformed = await next();
    assert.equal(malformed.kind === 'result' && !malformed.result.ok && malformed.result.error.code, 'INVALID_ARGUMENT');
    ws.send(JSON.stringify({ id: 9, call: 'rm -rf' }));
    const unknown = await next();
    assert.equal(unknown.kind === 'result' && !unknown.result.ok && unknown.result.error.code, 'UNKNOWN_CALL');
    bus.emit('notice', { level: 'warning', message: 'hi' });
    assert.deepEqual(await next(), { kind: 'event', event: 'notice', payload: { level: 'warning', message: 'hi' } });
    ws.close();
  });
});

describe('web host under a burst of calls from one socket', () => {
  it('shares one answer between identical reads, answers BUSY past the bound at once, and still makes a change', async () => {
    const handlers = Object.fromEntries(CALL_NAMES.map((name) => [name, () => ok(`answer of ${name}`)])) as unknown as Handlers;
    let builds = 0;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = {
      ...handlers,
      openDay: async (arg: { date: string }) => {
        builds += 1;
        await held;
        return ok({ date: arg.date });
      },
    } as unknown as Handlers;
    const limits = { day: 2, dayBurst: 2, dayPerSecond: 1, status: 4, write: 2, writeQueue: 4, sharers: 3, statusSharers: 3 };
    const host = await startWebHost({ services: { handlers: slow, bus: new EventBus() }, ...fixtureDirs(), port: 0, log: captureLog().log, callLimits: limits });
    try {
      const { ws, next } = await openSocket(host);
      const frames = [
        ...[1, 2, 3, 4].map((id) => ({ id, call: 'openDay', arg: { date: '2026-03-23' } })),
        { id: 5, call: 'openDay', arg: { date: '2026-03-24' } },
        { id: 6, call: 'openDay', arg: { date: '2026-03-25' } },
        { id: 7, call: 'dismissChange', arg: { changeId: 'c1' } },
        { id: 8, call: 'getConnectivity' },
      ];
      for (const frame of frames) ws.send(JSON.stringify(frame));
      const early = new Map<number, unknown>();
      for (let i = 0; i < 4; i += 1) {
        const message = await next();
        if (message.kind === 'result') early.set(message.id, message.result);
      }
      // Answered at once, while the days are still being built: the fourth sharer, the third
      // distinct day, the change and the status read.
      assert.deepEqual(new Set(early.keys()), new Set([4, 6, 7, 8]));
      assert.equal((early.get(4) as { error: { code: string } }).error.code, 'BUSY');
      assert.equal((early.get(6) as { error: { code: string } }).error.code, 'BUSY');
      assert.deepEqual(early.get(7), { ok: true, value: 'answer of dismissChange' });
      assert.deepEqual(early.get(8), { ok: true, value: 'answer of getConnectivity' });
      release();
      const late = new Map<number, unknown>();
      for (let i = 0; i < 4; i += 1) {
        const message = await next();
        if (message.kind === 'result') late.set(message.id, message.result);
      }
      for (const id of [1, 2, 3]) assert.deepEqual(late.get(id), { ok: true, value: { date: '2026-03-23' } }, `caller ${id}`);
      assert.deepEqual(late.get(5), { ok: true, value: { date: '2026-03-24' } });
      assert.equal(builds, 2, 'one build per distinct day');
      ws.close();
    } finally {
      await host.close();
    }
  });
});

describe('web host answering with a value that is not JSON', () => {
  it('answers the call with a typed error, logs it and keeps serving', async () => {
    const capture = captureLog();
    const handlers = Object.fromEntries(CALL_NAMES.map((name) => [name, () => ok(`answer of ${name}`)])) as unknown as Handlers;
    const broken = { ...handlers, getAppInfo: () => ok(10n) } as unknown as Handlers;
    const host = await startWebHost({ services: { handlers: broken, bus: new EventBus() }, ...fixtureDirs(), port: 0, log: capture.log });
    try {
      const { ws, next } = await openSocket(host);
      ws.send(JSON.stringify({ id: 1, call: 'getAppInfo' }));
      const answer = await next();
      assert.equal(answer.kind === 'result' && answer.id, 1);
      assert.equal(answer.kind === 'result' && !answer.result.ok && answer.result.error.code, 'INTERNAL');
      assert.ok(capture.lines().some((line) => line.msg === 'bridge answer could not be sent'));
      ws.send(JSON.stringify({ id: 2, call: 'getSettings' }));
      assert.deepEqual(await next(), { kind: 'result', id: 2, result: { ok: true, value: 'answer of getSettings' } });
      ws.close();
    } finally {
      await host.close();
    }
  });
});
