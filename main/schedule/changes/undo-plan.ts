// How a change that left is taken back: its inverse, a rule of its kind (each kind's `undo`,
// kinds/). The rule reads what the change found (each target's base), what it left (expected)
// and the local copy as it is now, and answers the inverse changes to make, as the calls'
// arguments, with `seen` = what the app showed after the change: queued through the same
// path and checks as any change (change-queue/undo.ts), so a change made since is a conflict,
// never overwritten. What cannot be undone is answered too, per appointment.
import type { ChangeKind, SeenAppointment, UndoBlock } from '../../../preload/contract/index.ts';
import { holdsSlot } from '../../../preload/contract/appointment-status.ts';
import type { ChangeRequestOf } from '../../store/outbox/change-requests.ts';
import type { OutboxTarget } from '../../store/outbox/entry.ts';
import type { AppointmentRecord } from '../../store/records.ts';
import type { ChangeArg } from './change-kind.ts';

/** An inverse change: a kind and the argument of its call. */
export type InverseChange = { [K in ChangeKind]: { kind: K; arg: ChangeArg<K>; appointmentIds: string[] } }[ChangeKind];

export interface UndoPlan {
  inverses: InverseChange[];
  blocked: { appointmentId: string | null; why: UndoBlock }[];
}

/** What an undo rule may know: the change, and the local copy now. */
export interface UndoSource<K extends ChangeKind> {
  request: ChangeRequestOf<K>;
  targets: readonly OutboxTarget[];
  /** `applied`: Leyr made it; `sent`: on its way, Leyr's answer not known yet. */
  status: 'applied' | 'sent';
  /** The local copy (server copy with unsent changes over it) of these appointments. */
  local(ids: readonly string[]): ReadonlyMap<string, AppointmentRecord>;
  /** The local copy of a day's appointments (every resource). */
  day(date: string): readonly AppointmentRecord[];
  /** Whether a two-step cancel of this appointment waits for the patient's code. */
  awaitingCancellation(id: string): boolean;
  /** The care unit's zone (days are its days). */
  zone: string;
  /** The reason an inverse cancel sends to the EHR. */
  reason: string;
}

export const seenFacts = (record: AppointmentRecord): SeenAppointment => ({ id: record.id, start: record.start, end: record.end, resourceId: record.resourceId, status: record.status });

export const nothingToUndo = (why: UndoBlock, appointmentId: string | null = null): UndoPlan => ({ inverses: [], blocked: [{ appointmentId, why }] });

/** True when another appointment holds a slot of `resourceId` overlapping [start, end). */
export function slotTaken(source: Pick<UndoSource<ChangeKind>, 'day'>, record: AppointmentRecord, except: ReadonlySet<string> = new Set()): boolean {
  const start = Date.parse(record.start);
  const end = Date.parse(record.end);
  return source
    .day(record.date)
    .some((other) => !except.has(other.id) && other.id !== record.id && other.resourceId === record.resourceId && holdsSlot(other.status) && Date.parse(other.start) < end && Date.parse(other.end) > start);
}

/**
 * The targets whose appointment is still as the change left it, and a block for each that is
 * not (moved since, gone from this computer).
 */
export function asLeft(source: UndoSource<ChangeKind>): { still: { target: OutboxTarget & { base: AppointmentRecord; expected: AppointmentRecord }; now: AppointmentRecord }[]; blocked: UndoPlan['blocked'] } {
  const based = source.targets.filter((t): t is OutboxTarget & { base: AppointmentRecord; expected: AppointmentRecord } => t.base !== null && t.expected !== null);
  const local = source.local(based.map((t) => t.appointmentId));
  const still: { target: (typeof based)[number]; now: AppointmentRecord }[] = [];
  const blocked: UndoPlan['blocked'] = [];
  for (const target of based) {
    const now = local.get(target.appointmentId);
    if (now === undefined) blocked.push({ appointmentId: target.appointmentId, why: 'not-here' });
    else if (!placedAs(now, target.expected)) blocked.push({ appointmentId: target.appointmentId, why: 'changed-since' });
    else still.push({ target, now });
  }
  return { still, blocked };
}

/** Same time, column and status (what the screen shows of a place). */
const placedAs = (a: AppointmentRecord, b: AppointmentRecord): boolean =>
  Date.parse(a.start) === Date.parse(b.start) && Date.parse(a.end) === Date.parse(b.end) && a.resourceId === b.resourceId && a.status === b.status;
