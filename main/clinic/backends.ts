// The Leyr a clinic is reached through, as a LeyrApi and the clinic's key in the local store.
// Three kinds:
// - the demo clinic: its Leyr (the demo backend port) with its demo credentials (the default);
// - the Leyr account's clinic: Leyr (or a base-URL override) with the client secret read from
//   the keychain through the credential holder, only for the duration of each call;
// - an external Leyr given on the command line (`--leyr-url`), with credentials from the
//   environment.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { LeyrApi } from '../leyr/api.ts';
import { aroundEveryCall } from '../leyr/around-every-call.ts';
import { createLeyrClient, type LeyrCredentials } from '../leyr/client.ts';
import type { Logger } from '../log/logger.ts';
import type { ScheduleAccount } from '../schedule/service.ts';
import type { CredentialHolder, LeyrCredentials as HeldCredentials } from '../secrets/credential-holder.ts';
import { demoClinicKey, leyrClinicKey } from './clinic-keys.ts';
import type { DemoLeyr } from './demo-backend.ts';

export interface ExternalLeyr {
  /** Leyr's base URL, e.g. https://api.leyr.io/api, or an external sandbox's `…/api`. */
  baseUrl: string;
  emr: string;
  careUnitId: string;
  credentials: LeyrCredentials;
}

/** The Leyr account (from the settings) with its care unit chosen: what account mode runs. */
export interface ActiveAccount {
  baseUrl: string;
  emr: string;
  clientId: string;
  careUnitId: string;
}

/** The clinic as the schedule service knows it: its key in the store, EHR and care unit. */
export type ClinicRef = ScheduleAccount;

export interface LeyrBackend {
  api: LeyrApi;
  clinic: ClinicRef;
  close(): Promise<void>;
}

export interface BackendTuning {
  log: Logger;
  /** Per-attempt timeout of Leyr calls; the client's default when absent. */
  timeoutMs?: number | undefined;
}

const clientOptions = ({ log, timeoutMs }: BackendTuning) => ({ log, ...(timeoutMs !== undefined && { timeoutMs }) });

/** The demo clinic on its Leyr (whose owner starts and closes it). */
export function demoBackend(demo: DemoLeyr, tuning: BackendTuning): LeyrBackend {
  const { emr, careUnitId } = demo;
  const credentials = { ...demo.credentials };
  return {
    api: createLeyrClient({ baseUrl: demo.apiBaseUrl, emr, careUnitId, credentials: () => credentials, ...clientOptions(tuning) }),
    clinic: { key: demoClinicKey(emr, careUnitId, demo.variant), emr, careUnitId },
    close: async () => {},
  };
}

export function externalBackend(leyr: ExternalLeyr, tuning: BackendTuning): LeyrBackend {
  const { baseUrl, emr, careUnitId, credentials } = leyr;
  return {
    api: createLeyrClient({ baseUrl, emr, careUnitId, credentials: () => credentials, ...clientOptions(tuning) }),
    clinic: { key: leyrClinicKey(baseUrl, emr, careUnitId), emr, careUnitId },
    close: async () => {},
  };
}

/**
 * The Leyr account's clinic. Each call borrows the credentials from the holder for exactly
 * as long as it runs (retries included): the holder reads the keychain when it holds nothing,
 * keeps the secret in the logger's scrubber set meanwhile, and drops it after a quiet spell.
 * The client finds the borrowed credentials through async context, so concurrent calls never
 * mix them up and nothing outside a call can obtain them.
 */
export function accountBackend(account: ActiveAccount, holder: CredentialHolder, tuning: BackendTuning): LeyrBackend {
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
    ...clientOptions(tuning),
  });
  const owner = { emr: account.emr, clientId: account.clientId };
  const borrow = <T>(call: () => Promise<T>): Promise<T> => holder.use(owner, (credentials) => lent.run(credentials, call));
  return {
    api: aroundEveryCall(client, borrow),
    clinic: { key: leyrClinicKey(account.baseUrl, account.emr, account.careUnitId), emr: account.emr, careUnitId: account.careUnitId },
    close: async () => {
      // The next clinic may be another account's: nothing of this one stays in memory.
      holder.forget(owner);
    },
  };
}
