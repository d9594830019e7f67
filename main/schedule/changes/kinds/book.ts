// Book a free slot for a known patient. The day view shows it under a local id until Leyr
// names it; an EHR may answer that it waits for the patient's code (see confirm.ts).
import { invalidArgument, notFound } from '../../../errors/failure.ts';
import { holdsSlot } from '../../../../preload/contract/appointment-status.ts';
import { changeRequestSchemas, type ChangeRequestOf } from '../../../store/outbox/change-requests.ts';
import type { AppointmentRecord } from '../../../store/records.ts';
import { dateOf } from '../../common/day-time.ts';
import type { ChangeArg, ChangeKindSpec } from '../change-kind.ts';
import { LOCAL_ID_PREFIX, requireResource, resourceName, shownAt, type PlanContext, type PlannedChange } from '../planning.ts';
import type { RemoteDays, Verdict } from '../reconcile.ts';
import { nothingToUndo, seenFacts, type UndoPlan, type UndoSource } from '../undo-plan.ts';

export function planBook(ctx: PlanContext, arg: ChangeArg<'book'>): PlannedChange<'book'> {
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
    summary: `Book ${shownAt(ctx, expected)}, ${resourceName(ctx, arg.resourceId)}`,
    targets: [{ appointmentId: localId, base: null, expected }],
  };
}

const sameInstant = (a: string, b: string): boolean => Date.parse(a) === Date.parse(b);

/** Made when the patient has an appointment holding exactly that slot. */
function judgeBooking(remote: RemoteDays, request: ChangeRequestOf<'book'>): Verdict {
  const made = [...remote.byId.values()].find(
    (a) =>
      a.patient_id === request.patientId &&
      a.resource_id === request.resourceId &&
      sameInstant(a.start, request.start) &&
      sameInstant(a.end, request.end) &&
      (request.serviceId === undefined || a.healthcare_service_id === request.serviceId) &&
      holdsSlot(a.status),
  );
  return made === undefined ? { outcome: 'not-applied' } : { outcome: 'applied', remote: [made] };
}

/** The booking Leyr made (found by patient, resource and time: Leyr named it) cancelled, with the undo's reason. */
export function undoBook(source: UndoSource<'book'>): UndoPlan {
  const { request } = source;
  if (source.status !== 'applied') return nothingToUndo('in-flight', request.localId);
  const made = source
    .day(dateOf(request.start, source.zone))
    .find((a) => a.patientId === request.patientId && a.resourceId === request.resourceId && sameInstant(a.start, request.start) && sameInstant(a.end, request.end) && holdsSlot(a.status) && !a.id.startsWith(LOCAL_ID_PREFIX));
  if (made === undefined) return nothingToUndo('changed-since', request.localId);
  return { inverses: [{ kind: 'cancel', arg: { ids: [made.id], reason: source.reason, seen: [seenFacts(made)] }, appointmentIds: [made.id] }], blocked: [] };
}

export const bookChange: ChangeKindSpec<'book'> = {
  kind: 'book',
  schema: changeRequestSchemas.book,
  plan: planBook,
  replay: ({ patientId, resourceId, start, end, serviceId, comment }) => ({ patientId, resourceId, start, end, serviceId, comment }),
  send: (api, request) =>
    api.createAppointment({
      start: request.start,
      end: request.end,
      patient_id: request.patientId,
      resource_id: request.resourceId,
      ...(request.serviceId !== undefined && { healthcare_service_id: request.serviceId }),
      ...(request.comment !== undefined && { comment: request.comment }),
    }),
  listedPatient: (request) => request.patientId,
  judge: judgeBooking,
  undo: undoBook,
};
