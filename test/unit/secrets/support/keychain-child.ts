// Child process for the keychain tests that need an environment of their own (no Secret
// Service at all, or a keyring locked under the store's feet). Prints one JSON line with what
// each store call did; the secret comes in the environment, never on the command line.
import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { createKeytarSecretStore } from '../../../../main/secrets/secret-store.ts';
import { captureLog } from '../../../support/log-capture.ts';

const scenario = process.argv[2];
const secret = process.env.FRONTDESK_TEST_SECRET ?? '';
const serviceName = process.env.FRONTDESK_TEST_SERVICE ?? 'Frontdesk (Leyr) test';
const account = { emr: 'webdoc', clientId: 'client-child' };
const capture = captureLog();
const store = createKeytarSecretStore({ serviceName, log: capture.log });

type Outcome = { ok: true; value: unknown } | { ok: false; name: string; code: unknown; message: string };
async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    const failure = error as { name?: string; code?: unknown; message?: string };
    return { ok: false, name: failure.name ?? '', code: failure.code, message: failure.message ?? '' };
  }
}

const report: Record<string, unknown> = { scenario };
if (scenario === 'locked') {
  // The keyring daemon may still be unlocking the login collection when this starts.
  for (let attempt = 0; attempt < 25 && !(await store.availability()).available; attempt += 1) await sleep(200);
  // Store while unlocked, then lock the login collection through the Secret Service API.
  report.saveUnlocked = await outcome(() => store.save(account, secret));
  await promisify(execFile)('gdbus', [
    'call', '--session', '--dest', 'org.freedesktop.secrets', '--object-path', '/org/freedesktop/secrets',
    '--method', 'org.freedesktop.Secret.Service.Lock', "[objectpath '/org/freedesktop/secrets/collection/login']",
  ]);
} else if (scenario !== 'no-service') {
  throw new Error(`unknown scenario ${scenario}`);
}
report.availability = await store.availability();
report.save = await outcome(() => store.save(account, `${secret}-replacement`));
report.read = await outcome(() => store.read(account));
report.has = await outcome(() => store.has(account));
report.remove = await outcome(() => store.remove(account));
report.log = capture.text();
process.stdout.write(`${JSON.stringify(report)}\n`);
