// "Test connection": one real call to Leyr with a set of credentials (listing the care units
// they reach), and its outcome in plain words. Used before credentials are saved, and to
// check the saved ones. A failed check is the call's own Failure (a LeyrError, a
// SecretStoreError), which says itself through the router. Only Leyr's code UNAUTHORIZED
// means wrong credentials; any other failure (an EMR_ERROR, even as a 401; UNKNOWN_ERROR;
// a wait Leyr asked for; a gateway's bare 401; no network) says what happened and that the
// credentials were neither accepted nor refused (docs/leyr-api.md "Errors").
import type { AppError, CareUnitOption, ConnectionCheck } from '../../preload/contract/index.ts';
import { Failure } from '../errors/failure.ts';
import { createLeyrClient } from '../leyr/client.ts';
import { LeyrError } from '../leyr/errors.ts';
import type { Logger } from '../log/logger.ts';
import type { LeyrCredentials } from '../secrets/credential-holder.ts';
import { leyrUrl } from './desired-clinic.ts';

export interface ConnectionTarget {
  baseUrl: string;
  emr: string;
}

export interface ConnectionCheckOptions {
  log: Logger;
  /** Per attempt; the client's default when absent. */
  timeoutMs?: number | undefined;
}

/** The care units Leyr lists for these credentials; rejects with the LeyrError of a failed call. */
export async function listCareUnits(target: ConnectionTarget, credentials: LeyrCredentials, options: ConnectionCheckOptions): Promise<CareUnitOption[]> {
  const client = createLeyrClient({
    baseUrl: target.baseUrl,
    emr: target.emr,
    // Listing care units is not scoped to one; the client wants an id all the same.
    careUnitId: 'none',
    credentials: () => ({ clientId: credentials.clientId, clientSecret: credentials.secret }),
    // Someone is waiting at the settings screen for this one answer: they press again rather
    // than wait through retries, and see exactly what Leyr said the first time.
    retry: { attempts: 1, baseDelayMs: 0 },
    log: options.log,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
  let units: CareUnitOption[];
  try {
    units = await client.listCareUnits();
  } catch (error) {
    throw error instanceof LeyrError ? new ConnectionCheckError(error) : error;
  }
  return units.map((unit) => ({ id: unit.id, name: unit.name })).sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id, 'sv'));
}

export function connectionCheck(careUnits: CareUnitOption[], checkedAt: string): ConnectionCheck {
  const message =
    careUnits.length === 0
      ? 'Leyr accepted the credentials, but they reach no care unit. Ask Leyr to give this app access to the clinic.'
      : `Leyr accepted the credentials. ${careUnits.length === 1 ? 'One care unit is' : `${careUnits.length} care units are`} available.`;
  return { message, careUnits, checkedAt };
}

/**
 * A failed check: the LeyrError itself (same fields, still a LeyrError for whoever looks at
 * its status or code), saying in addition, unless Leyr's code was UNAUTHORIZED, that the
 * credentials were not checked, so an EHR's failure never reads as wrong credentials.
 */
export class ConnectionCheckError extends LeyrError {
  constructor(error: LeyrError) {
    super({ ...error.fields(), cause: error });
    this.name = 'ConnectionCheckError';
  }

  override toAppError(): AppError {
    const error = super.toAppError();
    if (this.kind === 'invalid-request' || this.kind === 'invalid-response' || this.code === 'UNAUTHORIZED') return error;
    return { ...error, message: `${error.message} The credentials were neither accepted nor refused; test the connection again later.` };
  }
}

/** A failure that says one sentence more than its cause (e.g. "Nothing was saved."). */
export class NotedFailure extends Failure {
  override name = 'NotedFailure';
  readonly failure: Failure;
  readonly note: string;

  constructor(failure: Failure, note: string) {
    super(failure.message, { cause: failure });
    this.failure = failure;
    this.note = note;
  }

  override toAppError(): AppError {
    const error = this.failure.toAppError();
    return { ...error, message: `${error.message} ${this.note}` };
  }
}

/** The error of a check whose credentials were then not saved: it says so. Anything not a Failure is a bug, passed on. */
export const nothingSaved = (error: unknown): unknown => (error instanceof Failure ? new NotedFailure(error, 'Nothing was saved.') : error);

/** The care units each set of credentials reached last, to check a choice without calling Leyr again. */
export class CareUnitsSeen {
  private readonly seen = new Map<string, CareUnitOption[]>();

  private static key(account: { baseUrl?: string | undefined; emr: string; clientId: string }): string {
    return `${leyrUrl(account.baseUrl)}\n${account.emr}\n${account.clientId}`;
  }

  get(account: { baseUrl?: string | undefined; emr: string; clientId: string }): CareUnitOption[] | undefined {
    return this.seen.get(CareUnitsSeen.key(account));
  }

  set(account: { baseUrl?: string | undefined; emr: string; clientId: string }, units: CareUnitOption[]): void {
    this.seen.set(CareUnitsSeen.key(account), units);
  }
}
