// The second half of "never silently overwrite another desk's change" (the first is
// change-queue/seen-check.ts): after Leyr accepted one of our changes, the refreshes of its
// day for a while check that Leyr still shows it. Leyr has no conditional update, so two
// desks can each check an appointment, find it as they saw it, and send: the later request
// wins and both desks are told "applied". The desk whose change was overwritten finds out
// here, at its next refresh (the overwrite lands within one request's time of the check, and
// the open day refreshes every few seconds while the window is in use): its change becomes a
// conflict with both versions, "changed at another desk after yours: 10:30 → 11:15", and the
// receptionist keeps theirs or applies ours again. Once a listing made after that window
// still shows our change, it is verified and left alone: a later difference is a change made
// by someone who saw ours.
//
// A booking is not checked: it made an appointment no other desk could have had on screen
// before, and Leyr's slot check keeps two bookings out of one slot; a later change to it was
// made by someone who saw it. A change of ours made later on the same appointment supersedes
// the check (we moved it again), and a status Leyr moves on by itself (awaiting confirmation → booked, booked →
// completed) is no overwrite: what a change is checked for is what it set.
import { DateTime } from 'luxon';
import { holdsSlot } from '../../../preload/contract/appointment-status.ts';
import type { OutboxEntry } from '../../store/outbox/entry.ts';
import type { AppointmentRecord } from '../../store/records.ts';
import { settleOverwritten } from '../changes/settle-failed.ts';
import type { Settled } from '../changes/settlement.ts';
import type { ScheduleContext } from '../common/context.ts';

/**
 * How long after Leyr accepted a change a request of another desk that was checked before it
 * can still land over it: that desk's send, waiting out a Retry-After (the client waits up to
 * 15 s) and then its timeout (10 s), with margin. A listing begun later than this that still
 * shows our change verifies it: a difference found after that is a change made by someone
 * who could see ours, not an overwrite, and is not reported as one.
 */
export const OVERWRITE_WINDOW_MS = 45_000;
/** The longest a change stays unverified (a day not refreshed meanwhile is not checked after). */
export const LANDED_WATCH_MS = 5 * 60_000;

/** The changes a listing verified, so that later refreshes leave them alone. */
export class VerifiedChanges {
  readonly #ids = new Map<string, number>();

  has(changeId: string): boolean {
    return this.#ids.has(changeId);
  }

  add(changeId: string, at: number): void {
    this.#ids.set(changeId, at);
    // Forget what the watch no longer covers.
    for (const [id, when] of this.#ids) if (at - when > LANDED_WATCH_MS) this.#ids.delete(id);
  }
}

const sameTime = (a: AppointmentRecord, b: AppointmentRecord): boolean => Date.parse(a.start) === Date.parse(b.start) && Date.parse(a.end) === Date.parse(b.end);
// Leyr does not document an appointment's resource (docs/leyr-api.md): one it leaves out is not a move.
const sameColumn = (a: AppointmentRecord, b: AppointmentRecord): boolean => a.resourceId === null || b.resourceId === null || a.resourceId === b.resourceId;

/** Leyr still shows what `entry` set on this appointment (`left`: as the change left it). */
function stillAsLeft(entry: OutboxEntry, left: AppointmentRecord, remote: AppointmentRecord | null): boolean {
  if (entry.request.kind === 'cancel') {
    // Cancelled, gone from the listing, or booked where it was while a two-step cancel waits for the patient's code.
    return remote === null || !holdsSlot(remote.status) || (sameTime(remote, left) && sameColumn(remote, left));
  }
  if (remote === null) return false;
  if (left.status === 'cancelled') return remote.status === 'cancelled';
  return remote.status !== 'cancelled' && sameTime(remote, left) && sameColumn(remote, left);
}

function placeWords(record: AppointmentRecord | null, zone: string): string {
  if (record === null) return 'no longer on this day';
  if (record.status === 'cancelled') return 'cancelled';
  const at = (iso: string): string => DateTime.fromISO(iso, { zone }).toFormat('HH:mm');
  return `${at(record.start)}–${at(record.end)}${record.resourceId === null ? '' : ` (${record.resourceId})`}`;
}

/**
 * Checks the changes Leyr accepted lately against a fresh listing of `date` (`fresh`: Leyr's
 * appointments of the day, by id; `listedAt`: when the listing was asked for), in the
 * refresh's transaction; answers what it settled.
 */
export function checkLanded(ctx: ScheduleContext, date: string, fresh: ReadonlyMap<string, AppointmentRecord>, listedAt: number, verified: VerifiedChanges): Settled[] {
  const { store, accountId } = ctx;
  const recent = store.outbox.appliedSince(accountId, new Date(ctx.now() - LANDED_WATCH_MS).toISOString());
  if (recent.length === 0) return [];
  const touched = recent.flatMap((entry) => entry.targets.map((t) => t.appointmentId));
  const active = store.outbox.activeTargets(accountId, touched);
  const settled: Settled[] = [];
  for (const entry of recent) {
    if (entry.request.kind === 'book' || verified.has(entry.changeId)) continue;
    const local: AppointmentRecord[] = [];
    const remote: AppointmentRecord[] = [];
    for (const target of entry.targets) {
      const left = target.expected;
      if (left === null || left.date !== date) continue;
      const id = target.appointmentId;
      const superseded = active.has(id) || recent.some((later) => later.seq > entry.seq && later.targets.some((t) => t.appointmentId === id));
      if (superseded) continue;
      const now = fresh.get(id) ?? null;
      if (stillAsLeft(entry, left, now)) continue;
      local.push(left);
      if (now !== null) remote.push(now);
    }
    if (local.length === 0) {
      const checked = entry.targets.some((t) => t.expected?.date === date);
      if (checked && listedAt - Date.parse(entry.updatedAt) > OVERWRITE_WINDOW_MS) verified.add(entry.changeId, listedAt);
      continue;
    }
    const zone = ctx.zone();
    const [first] = local;
    const firstNow = first === undefined ? null : (fresh.get(first.id) ?? null);
    const how = local.length === 1 && first !== undefined ? `: ${placeWords(first, zone)} → ${placeWords(firstNow, zone)}` : ` (${local.length} appointments)`;
    settled.push(settleOverwritten(ctx, entry, { local, remote }, `Changed at another desk after yours${how}. Leyr now holds theirs; keep it, or apply yours again.`));
  }
  return settled;
}
