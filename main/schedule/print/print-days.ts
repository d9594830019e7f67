// The days of a printout (a day of all or chosen resources, or a resource's week): each day
// from the store as the day view shows it, fetched from Leyr first when the stored copy is
// not fresh — through the day feed's own fetch (the refresher) and name fetch, never a
// second one. A day Leyr cannot give now is printed from the store and marked stale.
// Personal numbers leave main in full only when the receptionist asked for them.
import type { CallParsedArg, DaySnapshot, PrintDay, PrintDays } from '../../../preload/contract/index.ts';
import { maskPersonalNumber } from '../../../preload/contract/personal-number.ts';
import type { Logger } from '../../log/logger.ts';
import type { PatientStore } from '../../store/patients.ts';
import { addDays } from '../common/day-time.ts';

export interface PrintDaysOptions {
  snapshot(date: string): DaySnapshot;
  /** The day feed's fetch of one day (day-refresher.ts); rejects when Leyr cannot answer. */
  fetchDay(date: string): Promise<void>;
  /** The day feed's fetch of the day's patient names (patients.ts). */
  fetchNames(date: string): Promise<unknown>;
  patients: Pick<PatientStore, 'get'>;
  accountId: number;
  log: Logger;
}

// A Norwegian number (DDMMYY and five digits): the contract's mask knows Swedish ones.
const NORWEGIAN = /^(\d{6})[ -]?(\d{5})$/;
const masked = (value: string): string => {
  const norwegian = NORWEGIAN.exec(value.trim());
  return norwegian === null ? maskPersonalNumber(value) : `${norwegian[1] ?? ''} *****`;
};

export function createPrintDays(options: PrintDaysOptions): (arg: CallParsedArg<'readDaysForPrint'>) => Promise<PrintDays> {
  async function dayOf(date: string): Promise<DaySnapshot> {
    const stored = options.snapshot(date);
    if (!stored.stale) return stored;
    try {
      await options.fetchDay(date);
      await options.fetchNames(date);
    } catch {
      options.log.info({ date }, 'print: the day could not be fetched; printing the stored copy');
    }
    return options.snapshot(date);
  }

  return async (arg) => {
    const dates = Array.from({ length: arg.days }, (_, index) => addDays(arg.from, index));
    // One after the other: a week of a big clinic is seven big fetches, and Leyr's rate limit is shared.
    const snapshots: DaySnapshot[] = [];
    for (const date of dates) snapshots.push(await dayOf(date));
    const last = snapshots[snapshots.length - 1] as DaySnapshot;
    const wanted = arg.resourceIds === undefined ? null : new Set(arg.resourceIds);
    const resources = last.resources.filter((r) => wanted === null || wanted.has(r.id));
    const listed = new Set(resources.map((r) => r.id));
    const days: PrintDay[] = snapshots.map((s) => ({
      date: s.date,
      fetchedAt: s.fetchedAt,
      stale: s.stale,
      appointments: s.appointments.filter((a) => a.status !== 'cancelled' && a.resourceId !== null && listed.has(a.resourceId)),
    }));
    const personalNumbers: Record<string, string> = {};
    for (const day of days) {
      for (const { patientId } of day.appointments) {
        if (patientId === null || patientId in personalNumbers) continue;
        const number = options.patients.get(options.accountId, patientId)?.externalId ?? null;
        if (number !== null && number !== '') personalNumbers[patientId] = arg.showPersonalNumbers ? number : masked(number);
      }
    }
    return { careUnitName: last.careUnit.name, zone: last.careUnit.timeZone, resources, services: last.services, days, personalNumbers };
  };
}
