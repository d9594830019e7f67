// The credential holder over the real keytar store (a real Secret Service). Run inside a
// private keyring:
//   scripts/with-keyring.sh node_modules/.bin/node --test --test-reporter=spec "test/unit/secrets/*.test.ts"
// Outside it every test reports skipped, with the reason.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCredentialHolder, type CredentialHolder, type LeyrCredentials } from '../../../main/secrets/credential-holder.ts';
import { createKeytarSecretStore, type SecretStore } from '../../../main/secrets/secret-store.ts';
import { SecretStoreError } from '../../../main/secrets/secret-store-error.ts';
import { captureLog } from '../../support/log-capture.ts';

const inKeyring = process.env.FRONTDESK_IN_KEYRING === '1';
const NEEDS_KEYRING = 'needs a real Secret Service: run under scripts/with-keyring.sh (FRONTDESK_IN_KEYRING=1)';
const keyringIt = (name: string, run: () => Promise<void>): void => {
  it(name, { skip: !inKeyring && NEEDS_KEYRING }, run);
};

const account = { emr: 'webdoc', clientId: 'client-holder' };
const secret = `Leyr-secret-${randomUUID()}`;

/** Resolves when `condition` holds, or fails after `ms`. */
async function eventually(condition: () => boolean, what: string, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('credential holder over the keychain', () => {
  const serviceName = `Frontdesk (Leyr) holder test ${randomUUID()}`;
  let store: SecretStore;
  let reads = 0;
  let holders: CredentialHolder[] = [];
  /** The real store, counting how often the keychain is read. */
  let counted: Pick<SecretStore, 'read'>;

  const setup = (idleMs = 60_000) => {
    const secrets = new Set<string>();
    const capture = captureLog(secrets);
    const holder = createCredentialHolder({ store: counted, secrets, idleMs, log: capture.log });
    holders.push(holder);
    return { holder, secrets, capture };
  };

  before(async () => {
    if (!inKeyring) return;
    store = createKeytarSecretStore({ serviceName, log: captureLog().log });
    counted = {
      read: (which) => {
        reads += 1;
        return store.read(which);
      },
    };
    for (let attempt = 0; !(await store.availability()).available && attempt < 25; attempt += 1) await sleep(200);
    await store.save(account, secret);
  });

  after(async () => {
    if (!inKeyring) return;
    for (const holder of holders) holder.close();
    holders = [];
    await store.remove(account).catch(() => false);
    await store.remove({ ...account, clientId: 'nobody' }).catch(() => false);
  });

  keyringIt('reads the keychain once for a burst of calls and hands each call the credentials', async () => {
    const { holder } = setup();
    reads = 0;
    const seen: LeyrCredentials[] = await Promise.all(Array.from({ length: 5 }, () => holder.use(account, async (credentials) => credentials)));
    for (let call = 0; call < 3; call += 1) seen.push(await holder.use(account, async (credentials) => credentials));
    assert.equal(reads, 1, 'one keychain read for eight calls');
    for (const credentials of seen) assert.deepEqual(credentials, { emr: 'webdoc', clientId: 'client-holder', secret });
    assert.equal(holder.isHeld(account), true);
  });

  keyringIt('returns what the call returns, and passes its failure through', async () => {
    const { holder } = setup();
    assert.equal(await holder.use(account, async (credentials) => credentials.clientId.length), 'client-holder'.length);
    await assert.rejects(holder.use(account, async () => Promise.reject(new Error('Leyr said no'))), /Leyr said no/);
    assert.equal(holder.isHeld(account), true, 'a failed call does not drop the secret');
  });

  keyringIt('registers the secret with the log scrubber while held, and drops it after the idle time', async () => {
    const { holder, secrets, capture } = setup(80);
    await holder.use(account, async (credentials) => {
      capture.log.warn({ headers: { 'x-leyr-client-secret': credentials.secret } }, `request failed with ${credentials.secret}`);
    });
    assert.ok(secrets.has(secret), 'in the scrubber set while held');
    assert.ok(!capture.text().includes(secret), 'the log shows [secret] instead');
    assert.ok(capture.text().includes('[secret]'));
    reads = 0;
    await eventually(() => !holder.isHeld(account), 'the idle secret is dropped');
    assert.equal(secrets.size, 0, 'nothing left in the scrubber set');
    await holder.use(account, async () => undefined);
    assert.equal(reads, 1, 'after the idle drop the next call reads the keychain again');
  });

  keyringIt('each call restarts the idle time', async () => {
    const { holder } = setup(150);
    for (let call = 0; call < 6; call += 1) {
      await holder.use(account, async () => undefined);
      await sleep(50);
    }
    assert.equal(holder.isHeld(account), true, 'steady calls keep it (300 ms of calls, 150 ms idle time)');
    await eventually(() => !holder.isHeld(account), 'dropped once calls stop');
  });

  keyringIt('scrubs the forms the secret takes inside JSON and URLs too', async () => {
    const { holder, capture } = setup();
    const special = `${secret}/"quoted"\\&x=1`;
    const other = { ...account, clientId: 'special-chars' };
    await store.save(other, special);
    try {
      await holder.use(other, async (credentials) => {
        capture.log.error(`body ${JSON.stringify({ secret: credentials.secret })} url ?s=${encodeURIComponent(credentials.secret)}`);
      });
      assert.ok(!capture.text().includes(JSON.stringify(special).slice(1, -1)));
      assert.ok(!capture.text().includes(encodeURIComponent(special)));
      assert.ok(!capture.text().includes(secret));
    } finally {
      holder.forget(other);
      await store.remove(other);
    }
  });

  keyringIt('forget() during a call: the call finishes with the secret still scrubbed, then it is gone', async () => {
    const { holder, secrets, capture } = setup();
    const gate = deferred();
    const running = holder.use(account, async (credentials) => {
      await gate.promise;
      capture.log.info(`late log line with ${credentials.secret}`);
    });
    await eventually(() => holder.isHeld(account), 'the call has started');
    holder.forget(account);
    assert.equal(holder.isHeld(account), false, 'no longer handed to new calls');
    assert.ok(secrets.has(secret), 'still scrubbed while the call that has it runs');
    gate.resolve();
    await running;
    assert.ok(!capture.text().includes(secret), 'the late log line was scrubbed');
    assert.equal(secrets.size, 0, 'released once the call ended');
  });

  keyringIt('a forget() while the keychain read is under way is not undone by that read', async () => {
    const { holder, secrets } = setup();
    const running = holder.use(account, async (credentials) => credentials.secret);
    holder.forget(); // the read has started, not finished
    assert.equal(await running, secret, 'the waiting call still gets its answer');
    assert.equal(holder.isHeld(account), false, 'but the secret is not kept');
    assert.equal(secrets.size, 0);
  });

  keyringIt('after a replacement, forget() makes the next call use the new secret', async () => {
    const { holder, secrets } = setup();
    assert.equal(await holder.use(account, async (credentials) => credentials.secret), secret);
    await store.save(account, `${secret}-new`);
    try {
      holder.forget(account);
      assert.equal(await holder.use(account, async (credentials) => credentials.secret), `${secret}-new`);
      assert.ok(!secrets.has(secret) && secrets.has(`${secret}-new`), 'only the secret in use is registered');
    } finally {
      await store.save(account, secret);
      holder.forget(account);
    }
  });

  keyringIt('no stored secret: a typed "missing" error, nothing held or registered', async () => {
    const { holder, secrets } = setup();
    let called = false;
    await assert.rejects(
      holder.use({ ...account, clientId: 'nobody' }, async () => {
        called = true;
      }),
      (error: unknown) => error instanceof SecretStoreError && error.code === 'missing' && /Enter it in Settings/.test(error.message),
    );
    assert.equal(called, false);
    assert.equal(secrets.size, 0);
  });

  keyringIt('refuses a malformed account before touching the keychain', async () => {
    const { holder } = setup();
    reads = 0;
    await assert.rejects(
      holder.use({ emr: 'Web Doc', clientId: 'x' }, async () => undefined),
      (error: unknown) => error instanceof SecretStoreError && error.code === 'rejected',
    );
    assert.equal(reads, 0);
  });

  keyringIt('leaves a value it did not add in the scrubber set', async () => {
    const secrets = new Set<string>([secret]);
    const holder = createCredentialHolder({ store: counted, secrets, idleMs: 60_000 });
    holders.push(holder);
    await holder.use(account, async () => undefined);
    holder.close();
    assert.ok(secrets.has(secret), 'registered by someone else, kept');
  });

  keyringIt('close() forgets every account', async () => {
    const { holder, secrets } = setup();
    await holder.use(account, async () => undefined);
    holder.close();
    assert.equal(holder.isHeld(account), false);
    assert.equal(secrets.size, 0);
  });
});
