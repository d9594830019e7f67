// The Leyr the app talks to, as a LeyrApi and the key of its cached data in the local store.
// Three kinds:
// - the demo clinic: the embedded sandbox with its demo credentials (the default);
// - the clinic's account: Leyr (or a base-URL override) with the client secret read from the
//   keychain through the credential holder, only for the duration of each call;
// - an external Leyr given on the command line (`--leyr-url`), with credentials from the
//   environment.
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import type { LeyrApi } from '../leyr/api.ts';
import { aroundEveryCall } from '../leyr/around-every-call.ts';
import { checkBaseUrl, createLeyrClient, type LeyrCredentials } from '../leyr/client.ts';
import type { Logger } from '../log/logger.ts';
import type { CredentialHolder, LeyrCredentials as HeldCredentials } from '../secrets/credential-holder.ts';
import { loadSeedFile } from '../sandbox/seed.ts';
import { DEMO_CREDENTIALS, startSandbox, type Sandbox } from '../sandbox/server.ts';
import type { ScheduleAccount } from '../schedule/service.ts';

export interface ExternalLeyr {
  /** Leyr's base URL, e.g. https://api.leyr.io/api, or an external sandbox's `…/api`. */
  baseUrl: string;
  emr: string;
  careUnitId: string;
  credentials: LeyrCredentials;
}

/** A configured account with its care unit chosen: what account mode runs. */
export interface ActiveAccount {
  baseUrl: string;
  emr: string;
  clientId: string;
  careUnitId: string;
}

export interface LeyrBackend {
  api: LeyrApi;
  account: ScheduleAccount;
  close(): Promise<void>;
}

export interface DemoOptions {
  /** Seed file for the embedded sandbox; the built-in demo clinic when absent. */
  seedFile?: string;
  /** The day the demo clinic is built around. */
  demoDate?: string;
}

// ---------------------------------------------------------------------------------------
// Store keys. The URL is part of the key: another Leyr is another set of cached data. The
// client id is not: new credentials for the same clinic find its queued changes again.

/** Prefix of the store keys of every care unit of one EHR at one Leyr (what signing out erases). */
export const leyrKeyPrefix = (baseUrl: string, emr: string): string => `leyr:${checkBaseUrl(baseUrl)}:${emr}:`;

export const leyrAccountKey = (baseUrl: string, emr: string, careUnitId: string): string => `${leyrKeyPrefix(baseUrl, emr)}${careUnitId}`;

export const DEMO_KEY_PREFIX = 'demo:';

// ---------------------------------------------------------------------------------------

export async function startDemoSandbox(options: DemoOptions & { log: Logger }): Promise<Sandbox> {
  const seed = options.seedFile === undefined ? undefined : await loadSeedFile(options.seedFile);
  const sandbox = await startSandbox({ port: 0, log: options.log, ...(seed !== undefined && { seed }), ...(options.demoDate !== undefined && { demoDate: options.demoDate }) });
  if (sandbox.careUnitIds[0] === undefined) {
    await sandbox.close();
    throw new Error('The demo clinic has no care unit.');
  }
  return sandbox;
}

const clientOptions = (log: Logger, timeoutMs: number | undefined) => ({ log, ...(timeoutMs !== undefined && { timeoutMs }) });

/** The demo clinic on an embedded sandbox (which the caller owns and closes). */
export function demoBackend(sandbox: Sandbox, options: DemoOptions & { log: Logger; timeoutMs?: number }): LeyrBackend {
  const careUnitId = sandbox.careUnitIds[0] ?? '';
  const credentials = { ...DEMO_CREDENTIALS };
  return {
    api: createLeyrClient({ baseUrl: sandbox.apiBaseUrl, emr: sandbox.emr, careUnitId, credentials: () => credentials, ...clientOptions(options.log, options.timeoutMs) }),
    // The demo clinic is an account of its own, whatever port its sandbox got this time; a
    // clinic from a seed file is another one.
    account: { key: `${DEMO_KEY_PREFIX}${sandbox.emr}:${careUnitId}${options.seedFile === undefined ? '' : `:${path.basename(options.seedFile)}`}`, emr: sandbox.emr, careUnitId },
    close: async () => {},
  };
}

export function externalBackend(leyr: ExternalLeyr, options: { log: Logger; timeoutMs?: number }): LeyrBackend {
  const { baseUrl, emr, careUnitId, credentials } = leyr;
  return {
    api: createLeyrClient({ baseUrl, emr, careUnitId, credentials: () => credentials, ...clientOptions(options.log, options.timeoutMs) }),
    account: { key: leyrAccountKey(baseUrl, emr, careUnitId), emr, careUnitId },
    close: async () => {},
  };
}

/**
 * The clinic's account. Each call borrows the credentials from the holder for exactly as long
 * as it runs (retries included): the holder reads the keychain when it holds nothing, keeps the
 * secret in the logger's scrubber set meanwhile, and drops it after a quiet spell. The client
 * finds the borrowed credentials through async context, so concurrent calls never mix them up
 * and nothing outside a call can obtain them.
 */
export function accountBackend(account: ActiveAccount, options: { holder: CredentialHolder; log: Logger; timeoutMs?: number }): LeyrBackend {
  const lent = new AsyncLocalStorage<HeldCredentials>();
  const client = createLeyrClient({
    baseUrl: account.baseUrl,
    emr: account.emr,
    careUnitId: account.careUnitId,
    credentials: () => {
      const held = lent.getStore();
      if (held === undefined) throw new Error('A Leyr call was made without credentials from the holder.');
      return { clientId: held.clientId, clientSecret: held.secret };
    },
    ...clientOptions(options.log, options.timeoutMs),
  });
  const owner = { emr: account.emr, clientId: account.clientId };
  const borrow = <T>(call: () => Promise<T>): Promise<T> => options.holder.use(owner, (credentials) => lent.run(credentials, call));
  return {
    api: aroundEveryCall(client, borrow),
    account: { key: leyrAccountKey(account.baseUrl, account.emr, account.careUnitId), emr: account.emr, careUnitId: account.careUnitId },
    close: async () => {
      // The next account may be another: nothing of this one stays in memory.
      options.holder.forget(owner);
    },
  };
}
