// Planning a change against the local copy: what each touched appointment looks like now
// (base) and once Leyr has accepted it (expected: the optimistic copy shown meanwhile), and
// the request that will carry it. Planning checks everything the local copy can tell; Leyr
// judges the rest (free slots). The planners themselves live with their kinds (kinds/).
import type { ChangeKind } from '../../../preload/contract/index.ts';
import { notFound, rejected } from '../../errors/failure.ts';
import type { LocalAppointment } from '../../store/days/local-view.ts';
import type { ChangeRequestOf } from '../../store/outbox/change-requests.ts';
import type { OutboxTarget } from '../../store/outbox/entry.ts';
import type { AppointmentRecord, ResourceRecord, ServiceRecord } from '../../store/records.ts';
import { wallClock } from '../common/day-time.ts';

export interface PlannedChange<K extends ChangeKind = ChangeKind> {
  /** What is sent to Leyr (and kept in the outbox until Leyr has answered). */
  request: ChangeRequestOf<K>;
  /** Plain words for the list of changes and the audit log: ids and times, no patient data. */
  summary: string;
  targets: OutboxTarget[];
}

/** What a planner may know: the local copy, the catalog, the patients seen on this computer. */
export interface PlanContext {
  changeId: string;
  zone: string;
  careUnitId: string;
  local(ids: readonly string[]): Map<string, LocalAppointment>;
  resource(id: string): ResourceRecord | null;
  service(id: string): ServiceRecord | null;
  patientKnown(id: string): boolean;
  /** Pending two-step cancels: appointment id → Leyr's record id. */
  cancellationRequests(): Map<string, string>;
}

/** Ids the app gives appointments it has asked Leyr to create, until Leyr names them. */
export const LOCAL_ID_PREFIX = 'local:';
export const isLocalId = (appointmentId: string): boolean => appointmentId.startsWith(LOCAL_ID_PREFIX);

export const listed = (ids: readonly string[]): string => (ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more`);

/** The local copies of appointments a change may touch: known, already in Leyr, not ended. */
export function requireChangeable(ctx: PlanContext, ids: readonly string[]): AppointmentRecord[] {
  const found = ctx.local(ids);
  const missing = ids.filter((appointmentId) => !found.has(appointmentId));
  if (missing.length > 0) throw notFound(`No such appointment on this computer: ${listed(missing)}. Open its day first.`);
  return ids.map((appointmentId) => {
    const record = (found.get(appointmentId) as LocalAppointment).record;
    if (isLocalId(record.id)) throw rejected(`Appointment ${record.id} is still being booked; wait until Leyr has accepted the booking.`);
    if (record.status === 'cancelled') throw rejected(`Appointment ${record.id} is cancelled.`);
    if (record.status === 'completed') throw rejected(`Appointment ${record.id} has already taken place.`);
    return record;
  });
}

/** One appointment that a change may touch (see requireChangeable). */
export const requireOneChangeable = (ctx: PlanContext, id: string): AppointmentRecord => requireChangeable(ctx, [id])[0] as AppointmentRecord;

export function resourceName(ctx: PlanContext, resourceId: string | null): string {
  if (resourceId === null) return 'no resource';
  return ctx.resource(resourceId)?.name ?? resourceId;
}

export function requireResource(ctx: PlanContext, resourceId: string): ResourceRecord {
  const resource = ctx.resource(resourceId);
  if (resource === null) throw notFound(`No such resource: ${resourceId}.`);
  return resource;
}

/** "2026-03-23 09:30" in the care unit's zone, for summaries. */
export const shownAt = (ctx: PlanContext, record: Pick<AppointmentRecord, 'date' | 'start'>): string => `${record.date} ${wallClock(record.start, ctx.zone)}`;
