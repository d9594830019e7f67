// The error boundary's test trigger exists only on pages the web host marks for tests: the
// mark is served when the host is started with `testFaults`, and never otherwise (no
// command-line flag sets it; the Electron app's protocol never serves it).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CALL_NAMES, ok } from '../../../preload/contract/index.ts';
import { parseWebHostFlags } from '../../../main/webhost/cli-options.ts';
import { startWebHost } from '../../../main/webhost/server.ts';
import { EventBus } from '../../../main/events/bus.ts';
import type { Handlers } from '../../../main/ipc/router.ts';
import { serveAppProtocol } from '../../../main/electron/app-protocol.ts';
import { captureLog } from '../../support/log-capture.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-faults-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(path.join(dir, 'index.html'), '<html><head><!-- bridge --><script defer src="app.js"></script></head></html>');
const bridgeScriptPath = path.join(dir, 'bridge.js');
writeFileSync(bridgeScriptPath, '/* bridge */');
const services = { handlers: Object.fromEntries(CALL_NAMES.map((name) => [name, () => ok(null)])) as unknown as Handlers, bus: new EventBus() };
const MARK = 'name="frontdesk-test-faults"';

async function page(testFaults: boolean | undefined): Promise<string> {
  const host = await startWebHost({ services, rendererDir: dir, bridgeScriptPath, port: 0, log: captureLog().log, ...(testFaults !== undefined && { testFaults }) });
  try {
    return await (await fetch(`${host.origin}/`)).text();
  } finally {
    await host.close();
  }
}

describe('test faults mark', () => {
  it('is on the page only when the web host is started for tests', async () => {
    assert.ok((await page(true)).includes(MARK));
    assert.ok(!(await page(false)).includes(MARK));
    assert.ok(!(await page(undefined)).includes(MARK));
  });

  it('cannot be asked for on the command line', () => {
    assert.throws(() => parseWebHostFlags(['--test-faults']));
  });

  it('is never served by the Electron app', async () => {
    let handler: ((request: { url: string; method: string }) => Response | Promise<Response>) | null = null;
    serveAppProtocol({ handle: (_scheme, h) => (handler = h) }, dir);
    const response = await handler!({ url: 'app://frontdesk/index.html', method: 'GET' });
    assert.ok(!(await response.text()).includes(MARK));
  });
});
