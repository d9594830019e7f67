// Leyr's continuous reschedule: one patient's back-to-back appointments (one resource, one
// appointment type) laid anew over a range. Leyr reuses as many as it can, creates the
// missing ones and cancels the extra ones; which goes where is Leyr's choice.
import { invalidArgument, rejected } from '../../../errors/failure.ts';
import type { Appointment } from '../../../leyr/api.ts';
import { changeRequestSchemas, type ChangeRequestOf } from '../../../store/outbox/change-requests.ts';
import type { OutboxTarget } from '../../../store/outbox/entry.ts';
import type { AppointmentRecord } from '../../../store/records.ts';
import { holdsSlot } from '../../../../preload/contract/appointment-status.ts';
import { dateOf, toZoneIso, wallClock } from '../../common/day-time.ts';
import type { ChangeArg, ChangeKindSpec } from '../change-kind.ts';
import { LOCAL_ID_PREFIX, requireChangeable, resourceName, shownAt, type PlanContext, type PlannedChange } from '../planning.ts';
import { basedTargets, conflictWith, stillAsBefore, type RemoteDays, type Verdict } from '../reconcile.ts';
import { nothingToUndo, seenFacts, type UndoPlan, type UndoSource } from '../undo-plan.ts';

/** Most appointments one continuous reschedule may produce. */
const MAX_RESCHEDULED = 500;

export function planReschedule(ctx: PlanContext, arg: ChangeArg<'reschedule'>): PlannedChange<'reschedule'> {
  const records = requireChangeable(ctx, arg.ids);
  const [first] = records as [AppointmentRecord];
  const mixed = records.some((r) => r.patientId !== first.patientId || r.resourceId !== first.resourceId || r.serviceId !== first.serviceId);
  if (mixed) throw rejected('A continuous reschedule needs appointments of one patient, with one resource and one appointment type.');
  const serviceMinutes = first.serviceId === null ? null : (ctx.service(first.serviceId)?.durationMinutes ?? null);
  const lengthMs = serviceMinutes !== null && serviceMinutes > 0 ? serviceMinutes * 60_000 : Date.parse(first.end) - Date.parse(first.start);
  const startMs = Date.parse(arg.start);
  const rangeMs = Date.parse(arg.end) - startMs;
  if (lengthMs <= 0 || rangeMs % lengthMs !== 0) {
    throw invalidArgument('end', `the range must hold a whole number of ${Math.round(lengthMs / 60_000)}-minute appointments`);
  }
  const count = rangeMs / lengthMs;
  if (count > MAX_RESCHEDULED) throw invalidArgument('end', `the range would hold more than ${MAX_RESCHEDULED} appointments`);

  // Leyr's answer replaces this guess of which appointment goes where.
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
    request: { kind: 'reschedule', ids: sorted.map((r) => r.id), start: arg.start, end: arg.end },
    summary: `Reschedule ${records.length} appointment${records.length === 1 ? '' : 's'} into ${shownAt(ctx, { date: dateOf(arg.start, ctx.zone), start: arg.start })}–${wallClock(arg.end, ctx.zone)}, ${resourceName(ctx, first.resourceId)}`,
    targets,
  };
}

/**
 * Applied when the patient's appointments with that resource tile the range exactly and
 * every original is either among them or cancelled (which ones Leyr reused is its choice).
 */
function judgeReschedule(remote: RemoteDays, request: ChangeRequestOf<'reschedule'>, targets: readonly OutboxTarget[]): Verdict {
  const first = basedTargets(targets)[0]?.base;
  if (first === undefined) return { outcome: 'not-applied' };
  const stillBase = stillAsBefore(remote, targets);
  const startMs = Date.parse(request.start);
  const endMs = Date.parse(request.end);
  const inRange = [...remote.byId.values()]
    .filter((a) => a.patient_id === first.patientId && a.resource_id === first.resourceId && holdsSlot(a.status))
    .filter((a) => Date.parse(a.start) < endMs && Date.parse(a.end) > startMs)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  let cursor = startMs;
  const tiled =
    inRange.every((a) => {
      const fits = Date.parse(a.start) === cursor;
      cursor = Date.parse(a.end);
      return fits;
    }) &&
    cursor === endMs &&
    inRange.length > 0;
  const inRangeIds = new Set(inRange.map((a) => a.id));
  const originalsSettled = request.ids.every((id) => inRangeIds.has(id) || remote.byId.get(id)?.status === 'cancelled');
  if (tiled && originalsSettled && !stillBase) {
    const others = request.ids.map((id) => remote.byId.get(id)).filter((a): a is Appointment => a !== undefined && !inRangeIds.has(a.id));
    return { outcome: 'applied', remote: [...inRange, ...others] };
  }
  if (stillBase) return { outcome: 'not-applied' };
  return conflictWith(remote, targets);
}

/**
 * The patient's appointments now tiling the range, laid back over the range the originals
 * held (one continuous reschedule, Leyr again choosing which it reuses). Only once Leyr has
 * answered, and while the range is still exactly as it left it.
 */
export function undoReschedule(source: UndoSource<'reschedule'>): UndoPlan {
  const originals = basedTargets(source.targets).map((t) => t.base).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const first = originals[0];
  const last = originals.at(-1);
  if (first === undefined || last === undefined) return nothingToUndo('irreversible');
  if (source.status !== 'applied') return nothingToUndo('in-flight', first.id);
  const startMs = Date.parse(source.request.start);
  const endMs = Date.parse(source.request.end);
  const now = source
    .day(dateOf(source.request.start, source.zone))
    .filter((a) => a.patientId === first.patientId && a.resourceId === first.resourceId && holdsSlot(a.status) && Date.parse(a.start) < endMs && Date.parse(a.end) > startMs)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  let cursor = startMs;
  const tiled = now.length > 0 && now.every((a) => (Date.parse(a.start) === cursor ? ((cursor = Date.parse(a.end)), true) : false)) && cursor === endMs;
  if (!tiled) return nothingToUndo('changed-since', first.id);
  return {
    inverses: [{ kind: 'reschedule', arg: { ids: now.map((a) => a.id), start: first.start, end: last.end, seen: now.map(seenFacts) }, appointmentIds: now.map((a) => a.id) }],
    blocked: [],
  };
}

export const rescheduleChange: ChangeKindSpec<'reschedule'> = {
  kind: 'reschedule',
  schema: changeRequestSchemas.reschedule,
  plan: planReschedule,
  replay: ({ ids, start, end }) => ({ ids, start, end }),
  send: (api, { ids, start, end }) => api.bulkUpdateAppointments({ ids, start, end }),
  listedPatient: (_request, targets) => basedTargets(targets)[0]?.base.patientId ?? undefined,
  judge: judgeReschedule,
  undo: undoReschedule,
};
