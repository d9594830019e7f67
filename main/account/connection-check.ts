// "Test connection": one real call to Leyr with a set of credentials (listing the care units
// they reach), and its outcome in plain words. Used before credentials are saved, and to
// check the saved ones.
import type { AppError, CareUnitOption, ConnectionCheck } from '../../preload/contract/index.ts';
import { createLeyrClient } from '../leyr/client.ts';
import { LeyrError, toAppError } from '../leyr/errors.ts';
import type { Logger } from '../log/logger.ts';
import type { LeyrCredentials } from '../secrets/credential-holder.ts';
import { isSecretStoreError, secretStoreErrorToAppError } from '../secrets/secret-store-error.ts';

export interface ConnectionTarget {
  baseUrl: string;
  emr: string;
}

export interface ConnectionCheckOptions {
  log: Logger;
  /** Per attempt; the client's default when absent. */
  timeoutMs?: number;
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
  const units = await client.listCareUnits();
  return units.map((unit) => ({ id: unit.id, name: unit.name })).sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id, 'sv'));
}

export function connectionCheck(careUnits: CareUnitOption[], checkedAt: string): ConnectionCheck {
  const message =
    careUnits.length === 0
      ? 'Leyr accepted the credentials, but they reach no care unit. Ask Leyr to give this app access to the clinic.'
      : `Leyr accepted the credentials. ${careUnits.length === 1 ? 'One care unit is' : `${careUnits.length} care units are`} available.`;
  return { message, careUnits, checkedAt };
}

/** A failed check in plain words: wrong credentials, no network, the EHR's error with Leyr's reference. */
export function connectionFailure(error: unknown, nothingSaved = false): AppError {
  const appError = error instanceof LeyrError ? toAppError(error) : isSecretStoreError(error) ? secretStoreErrorToAppError(error) : toAppError(error);
  return nothingSaved ? { ...appError, message: `${appError.message} Nothing was saved.` } : appError;
}
