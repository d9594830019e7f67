// Patient names for the day view. Appointments carry only a patient id; the name comes from
// the store, and a patient is fetched from Leyr at most once per day (the local date of the
// fetch): several days opened the same morning share one fetch, and a name changed in the
// EHR shows from the next day. Fetches run concurrently, a few at a time, and the same
// patient is never asked for twice at once. While Leyr asks to wait (429, 503: the client's
// wait gate is closed) none is asked for; they are fetched with the day's next refresh.
import type { LeyrApi } from '../../leyr/api.ts';
import { LeyrError } from '../../leyr/errors.ts';
import type { Logger } from '../../log/logger.ts';
import type { PatientStore } from '../../store/patients.ts';
import type { PatientRecord } from '../../store/records.ts';
import { mapBounded } from '../common/bounded.ts';
import { patientRecord } from '../common/leyr-records.ts';

/** A fetch not made: Leyr asked to wait (the client's wait gate is closed). */
class Paused extends Error {
  override name = 'Paused';
}

export interface PatientNameFetcher {
  /** Fetches the names of those of `patientIds` not fetched today; answers how many were stored. */
  ensure(accountId: number, patientIds: readonly string[], today: string): Promise<number>;
}

export function createPatientNameFetcher(options: { api: LeyrApi; patients: PatientStore; concurrency: number; log: Logger; isClosed: () => boolean }): PatientNameFetcher {
  const inFlight = new Map<string, Promise<void>>();
  return {
    async ensure(accountId, patientIds, today) {
      const distinct = [...new Set(patientIds)];
      const missing = options.patients.needingFetch(accountId, distinct, today);
      const waitFor: Promise<void>[] = [];
      const mine: string[] = [];
      for (const id of missing) {
        const running = inFlight.get(`${accountId}:${id}`);
        if (running !== undefined) waitFor.push(running);
        else mine.push(id);
      }
      if (mine.length === 0) {
        await Promise.all(waitFor);
        return 0;
      }
      let release: () => void = () => {};
      const done = new Promise<void>((resolve) => {
        release = resolve;
      });
      for (const id of mine) inFlight.set(`${accountId}:${id}`, done);
      try {
        // While Leyr asks to wait, no name is asked for: the rest are fetched once the wait is
        // over (the open day is refreshed then, names included).
        const gate = options.api.gate;
        const results = await mapBounded(mine, options.concurrency, (id) => (gate !== undefined && gate.waitUntil() !== null ? Promise.reject(new Paused('Leyr asked to wait')) : options.api.getPatient(id)));
        if (options.isClosed()) return 0;
        const found: PatientRecord[] = [];
        const unknown: string[] = [];
        let failures = 0;
        let paused = 0;
        results.forEach((result, index) => {
          if (result.status === 'fulfilled') found.push({ ...patientRecord(result.value), id: mine[index] as string });
          else if (result.reason instanceof Paused || (result.reason instanceof LeyrError && (result.reason.heldByGate || result.reason.retryAfterMs !== null))) paused += 1;
          else if (result.reason instanceof LeyrError && result.reason.kind === 'http' && result.reason.status !== null && result.reason.status < 500 && result.reason.status !== 429) {
            unknown.push(mine[index] as string);
          } else failures += 1;
        });
        options.patients.upsert(accountId, found, today);
        options.patients.markUnknown(accountId, unknown, today);
        if (failures > 0) options.log.info({ failures, fetched: found.length }, 'some patient names could not be fetched; they are tried again later');
        if (paused > 0) options.log.info({ paused, fetched: found.length }, 'patient names paused: Leyr asked to wait');
        await Promise.all(waitFor);
        return found.length;
      } finally {
        for (const id of mine) inFlight.delete(`${accountId}:${id}`);
        release();
      }
    },
  };
}
