// The changes a receptionist can make, planned against the local copy: what will be sent
// to Leyr (the request, kept in the outbox), what each touched appointment looks like now
// (base) and once Leyr has accepted it (expected: the optimistic copy shown meanwhile).
// Planning checks everything the local copy can tell; Leyr judges the rest (free slots).
import { z } from 'zod';
import type { CallParsedArg, ChangeKind } from '../../preload/contract/index.ts';
import { sameAppointment, type AppointmentRecord, type ResourceRecord, type ServiceRecord } from '../store/records.ts';
import type { LocalAppointment } from '../store/day-cache.ts';
import type { OutboxTarget } from '../store/outbox.ts';
import { dateOf, toZoneIso, wallClock } from './day-time.ts';
import { invalidArgument, notFound, rejected } from '../errors/failure.ts';

const id = z.string().min(1);
const instant = z.string().min(1);

/** The outbox's copy of a change, read back from the store with this schema. */
export const changeRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('move'), appointmentId: id, start: instant.optional(), end: instant.optional(), resourceId: id.optional() }),
  z.object({ kind: z.literal('cancel'), ids: z.array(id).min(1), reason: z.string() }),
  z.object({ kind: z.literal('move-to-resource'), ids: z.array(id).min(1), resourceId: id }),
  z.object({ kind: z.literal('reschedule'), ids: z.array(id).min(1), start: instant, end: instant }),
  z.object({
    kind: z.literal('book'),
    localId: id,
    patientId: id,
    resourceId: id,
    serviceId: id.optional(),
    start: instant,
    end: instant,
    comment: z.string().optional(),
  }),
  z.object({
    kind: z.literal('confirm'),
    /** The id the code is sent for: the booking, or Leyr's record of a two-step cancel. */
    appointmentId: id,
    /** The appointment of the day view it concerns. */
    shownId: id,
    purpose: z.enum(['booking', 'cancellation']),
    code: z.string(),
  }),
]);
export type ChangeRequest = z.output<typeof changeRequestSchema>;

export const CHANGE_KINDS: readonly ChangeKind[] = ['move', 'cancel', 'move-to-resource', 'reschedule', 'book', 'confirm'];
export const isChangeKind = (kind: string): kind is ChangeKind => (CHANGE_KINDS as readonly string[]).includes(kind);

export interface PlannedChange {
  kind: ChangeKind;
  request: ChangeRequest;
  summary: string;
  targets: OutboxTarget[];
}

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

const listed = (ids: readonly string[]): string => (ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more`);

/** The local copies of appointments a change may touch: known, already in Leyr, not ended. */
function requireChangeable(ctx: PlanContext, ids: readonly string[]): AppointmentRecord[] {
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

function resourceName(ctx: PlanContext, resourceId: string | null): string {
  if (resourceId === null) return 'no resource';
  return ctx.resource(resourceId)?.name ?? resourceId;
}

function requireResource(ctx: PlanContext, resourceId: string): ResourceRecord {
  const resource = ctx.resource(resourceId);
  if (resource === null) throw notFound(`No such resource: ${resourceId}.`);
  return resource;
}

const at = (ctx: PlanContext, record: Pick<AppointmentRecord, 'date' | 'start'>): string => `${record.date} ${wallClock(record.start, ctx.zone)}`;

export function planMove(ctx: PlanContext, arg: CallParsedArg<'moveAppointment'>): PlannedChange {
  const [base] = requireChangeable(ctx, [arg.appointmentId]) as [AppointmentRecord];
  if (arg.resourceId !== undefined) requireResource(ctx, arg.resourceId);
  const start = arg.start ?? base.start;
  const end = arg.end ?? base.end;
  const expected: AppointmentRecord = { ...base, start, end, resourceId: arg.resourceId ?? base.resourceId, date: dateOf(start, ctx.zone) };
  if (sameAppointment(base, expected)) throw rejected(`Appointment ${base.id} is already there.`);
  return {
    kind: 'move',
    request: {
      kind: 'move',
      appointmentId: base.id,
      ...(arg.start !== undefined && arg.end !== undefined && { start: arg.start, end: arg.end }),
      ...(arg.resourceId !== undefined && { resourceId: arg.resourceId }),
    },
    summary: `Move ${base.id} to ${at(ctx, expected)}, ${resourceName(ctx, expected.resourceId)}`,
    targets: [{ appointmentId: base.id, base, expected }],
  };
}

export function planCancel(ctx: PlanContext, arg: CallParsedArg<'cancelAppointments'>): PlannedChange {
  const records = requireChangeable(ctx, arg.ids);
  const waiting = ctx.cancellationRequests();
  const alreadyAsked = records.filter((record) => waiting.has(record.id)).map((record) => record.id);
  if (alreadyAsked.length > 0) throw rejected(`A cancel of ${listed(alreadyAsked)} already waits for the patient's code.`);
  return {
    kind: 'cancel',
    request: { kind: 'cancel', ids: records.map((r) => r.id), reason: arg.reason },
    summary: records.length === 1 ? `Cancel ${records[0]?.id} at ${at(ctx, records[0] as AppointmentRecord)}` : `Cancel ${records.length} appointments`,
    targets: records.map((base) => ({ appointmentId: base.id, base, expected: { ...base, status: 'cancelled', comment: arg.reason } })),
  };
}

export function planMoveToResource(ctx: PlanContext, arg: CallParsedArg<'moveAppointmentsToResource'>): PlannedChange {
  const records = requireChangeable(ctx, arg.ids);
  requireResource(ctx, arg.resourceId);
  const already = records.filter((record) => record.resourceId === arg.resourceId).map((record) => record.id);
  if (already.length > 0) throw rejected(`Already with ${resourceName(ctx, arg.resourceId)}: ${listed(already)}.`);
  return {
    kind: 'move-to-resource',
    request: { kind: 'move-to-resource', ids: records.map((r) => r.id), resourceId: arg.resourceId },
    summary: `Move ${records.length === 1 ? records[0]?.id : `${records.length} appointments`} to ${resourceName(ctx, arg.resourceId)}`,
    targets: records.map((base) => ({ appointmentId: base.id, base, expected: { ...base, resourceId: arg.resourceId } })),
  };
}

/** Most appointments one continuous reschedule may produce. */
const MAX_RESCHEDULED = 500;

export function planReschedule(ctx: PlanContext, arg: CallParsedArg<'rescheduleContinuous'>): PlannedChange {
  const records = requireChangeable(ctx, arg.ids);
  const [first] = records as [AppointmentRecord];
  const mixed = records.some((r) => r.patientId !== first.patientId || r.resourceId !== first.resourceId || r.serviceId !== first.serviceId);
  if (mixed) throw rejected('A continuous reschedule needs appointments of one patient, with one resource and one appointment type.');
  const serviceMinutes = first.serviceId === null ? null : ctx.service(first.serviceId)?.durationMinutes ?? null;
  const lengthMs = serviceMinutes !== null && serviceMinutes > 0 ? serviceMinutes * 60_000 : Date.parse(first.end) - Date.parse(first.start);
  const startMs = Date.parse(arg.start);
  const rangeMs = Date.parse(arg.end) - startMs;
  if (lengthMs <= 0 || rangeMs % lengthMs !== 0) {
    throw invalidArgument('end', `the range must hold a whole number of ${Math.round(lengthMs / 60_000)}-minute appointments`);
  }
  const count = rangeMs / lengthMs;
  if (count > MAX_RESCHEDULED) throw invalidArgument('end', `the range would hold more than ${MAX_RESCHEDULED} appointments`);

  // Leyr reuses as many appointments as it can, creates the missing ones and cancels the
  // extra ones; which goes where is Leyr's choice, and its answer replaces this guess.
  const sorted = [...records].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const slot = (index: number): Pick<AppointmentRecord, 'start' | 'end' | 'date'> => {
    const start = toZoneIso(startMs + index * lengthMs, ctx.zone);
    return { start, end: toZoneIso(startMs + (index + 1) * lengthMs, ctx.zone), date: dateOf(start, ctx.zone) };
  };
  const targets: OutboxTarget[] = sorted.map((base, index) => ({
    appointmentId: base.id,
    base,
    expected: index < count ? { ...base, ...slot(index) } : { ...base, status: 'cancelled' },
  }));
  for (let index = sorted.length; index < count; index += 1) {
    const appointmentId = `${LOCAL_ID_PREFIX}${ctx.changeId}:${index}`;
    targets.push({ appointmentId, base: null, expected: { ...first, id: appointmentId, ...slot(index), status: 'booked', comment: null } });
  }
  return {
    kind: 'reschedule',
    request: { kind: 'reschedule', ids: sorted.map((r) => r.id), start: arg.start, end: arg.end },
    summary: `Reschedule ${records.length} appointment${records.length === 1 ? '' : 's'} into ${at(ctx, { date: dateOf(arg.start, ctx.zone), start: arg.start })}–${wallClock(arg.end, ctx.zone)}, ${resourceName(ctx, first.resourceId)}`,
    targets,
  };
}

export function planBook(ctx: PlanContext, arg: CallParsedArg<'bookAppointment'>): PlannedChange {
  if (!ctx.patientKnown(arg.patientId)) throw notFound(`No such patient on this computer: ${arg.patientId}. Search for the patient, or create them, first.`);
  requireResource(ctx, arg.resourceId);
  if (arg.serviceId !== undefined) {
    const service = ctx.service(arg.serviceId);
    if (service === null) throw notFound(`No such appointment type: ${arg.serviceId}.`);
    const minutes = (Date.parse(arg.end) - Date.parse(arg.start)) / 60_000;
    if (service.durationMinutes !== null && service.durationMinutes > 0 && minutes !== service.durationMinutes) {
      throw invalidArgument('end', `${service.name ?? arg.serviceId} takes ${service.durationMinutes} minutes`);
    }
  }
  const localId = `${LOCAL_ID_PREFIX}${ctx.changeId}`;
  const comment = arg.comment === undefined || arg.comment === '' ? undefined : arg.comment;
  const expected: AppointmentRecord = {
    id: localId,
    date: dateOf(arg.start, ctx.zone),
    start: arg.start,
    end: arg.end,
    resourceId: arg.resourceId,
    patientId: arg.patientId,
    serviceId: arg.serviceId ?? null,
    status: 'booked',
    comment: comment ?? null,
    careUnitId: ctx.careUnitId,
  };
  return {
    kind: 'book',
    request: {
      kind: 'book',
      localId,
      patientId: arg.patientId,
      resourceId: arg.resourceId,
      start: arg.start,
      end: arg.end,
      ...(arg.serviceId !== undefined && { serviceId: arg.serviceId }),
      ...(comment !== undefined && { comment }),
    },
    summary: `Book ${at(ctx, expected)}, ${resourceName(ctx, arg.resourceId)}`,
    targets: [{ appointmentId: localId, base: null, expected }],
  };
}

export function planConfirm(ctx: PlanContext, arg: CallParsedArg<'confirmAppointment'>): PlannedChange {
  const waiting = ctx.cancellationRequests();
  let shownId: string | null = null;
  let recordId: string | null = null;
  if (waiting.has(arg.appointmentId)) {
    shownId = arg.appointmentId;
    recordId = waiting.get(arg.appointmentId) ?? null;
  } else {
    for (const [appointmentId, record] of waiting) {
      if (record === arg.appointmentId) {
        shownId = appointmentId;
        recordId = record;
      }
    }
  }
  if (shownId !== null && recordId !== null) {
    const [base] = requireChangeable(ctx, [shownId]) as [AppointmentRecord];
    return {
      kind: 'confirm',
      request: { kind: 'confirm', appointmentId: recordId, shownId, purpose: 'cancellation', code: arg.code },
      summary: `Confirm the cancel of ${shownId} at ${at(ctx, base)}`,
      targets: [{ appointmentId: shownId, base, expected: { ...base, status: 'cancelled' } }],
    };
  }
  const [base] = requireChangeable(ctx, [arg.appointmentId]) as [AppointmentRecord];
  if (base.status !== 'awaiting_confirmation') throw rejected(`Appointment ${base.id} does not wait for a code.`);
  return {
    kind: 'confirm',
    request: { kind: 'confirm', appointmentId: base.id, shownId: base.id, purpose: 'booking', code: arg.code },
    summary: `Confirm the booking ${base.id} at ${at(ctx, base)}`,
    targets: [{ appointmentId: base.id, base, expected: { ...base, status: 'booked' } }],
  };
}
