// The receptionist's intents, sent to main. Each shows its effect at once (an optimistic
// patch, marked pending), then takes main's receipt as the truth; a refusal puts things back
// and says why. Leyr's later verdict arrives as `day.snapshot` / `change.status` events.
import type { AppError, ChangeReceipt, Result, SeenAppointment } from '../../../preload/contract/index.ts';
import { toZoneIso } from '../../i18n/format.ts';
import { useLocale } from '../../i18n/i18n.ts';
import type { Translate } from '../../i18n/translate.ts';
import { frontdesk } from '../../common/frontdesk.ts';
import { useNotices } from '../../common/notices.ts';
import { changeTitle, failureSentence, placeWords } from '../model/change-words.ts';
import { describeAppointment } from '../model/day-model.ts';
import { useDay, type OptimisticPatch } from './day-store.ts';
import { useUi } from './ui-store.ts';
import { useUndo, type UndoStep } from './undo-store.ts';
// undo-actions uses errorText from here, this its notice's Undo: each only inside functions.
import { dismissStaleUndo, undoAction } from './undo-actions.ts';

/** What makes a change undoable: all of its step but what `send` knows itself. */
type Undoable = Omit<UndoStep, 'changeIds' | 'before' | 'after' | 'appointmentIds' | 'labels'> & {
  /** Default: the appointments of main's receipt. */
  appointmentIds?: readonly string[];
  labels?: Readonly<Record<string, string>>;
  /** The caller says it was done itself (the booking dialog), with the Undo. */
  quiet?: boolean;
};

/** Where these appointments are shown now (before a change moves them): an undo shows them back there at once. */
function placesOf(ids: readonly string[]): Map<string, OptimisticPatch> {
  const model = useDay.getState().model;
  const places = new Map<string, OptimisticPatch>();
  for (const id of ids) {
    const view = model?.appointments.get(id)?.view;
    if (view !== undefined) places.set(id, { start: view.start, end: view.end, resourceId: view.resourceId, status: view.status });
  }
  return places;
}

/**
 * The step an undo takes back, kept with its Undo on the notice (confirmations cannot be
 * undone: none). Said in a notice with the Undo button.
 */
function recordStep(undoable: Undoable, receipt: ChangeReceipt, before: ReadonlyMap<string, OptimisticPatch>, after: ReadonlyMap<string, OptimisticPatch>): void {
  const { quiet, ...kept } = undoable;
  const appointmentIds = [...(undoable.appointmentIds ?? receipt.appointments.map((a) => a.id))];
  const step: UndoStep = { ...kept, labels: { ...labelsOf(appointmentIds), ...undoable.labels }, appointmentIds, changeIds: [receipt.changeId], before, after };
  useUndo.getState().record(step);
  // While a redo makes the change again, the redo says so itself.
  if (useUndo.getState().replaying || quiet === true) return;
  const model = useDay.getState().model;
  const what = changeTitle(step, (id) => step.labels[id] ?? describeAppointment(model, id), t);
  dismissStaleUndo();
  useNotices.getState().notify('info', t('undo.made', { what }), undoAction());
}

/** Says it in the language shown when it is said. */
const t: Translate = (key, options) => useLocale.getState().t(key, options);

/** A failed call in the receptionist's language, with Leyr's reference when it gave one. */
export function errorText(error: AppError): string {
  if (error.code === 'NETWORK') return t('reasons.network');
  if (error.code === 'CONFLICT' && error.changed !== undefined) {
    const { zone, model } = useDay.getState();
    const [only] = error.changed;
    const now = only?.now == null ? t('reasons.goneWord') : placeWords(only.now, zone, model?.locale ?? 'en', (id) => model?.resourceNames.get(id) ?? null, t);
    return t('reasons.changedSinceSeen', { count: error.changed.length, now });
  }
  if (error.code === 'DISK_FULL') return t('reasons.diskFull');
  if (error.code === 'BUSY') return t('reasons.busy');
  if (error.code === 'DISCONNECTED') return t('reasons.disconnected');
  // Every form checks its fields with the call's own schema before sending: what main still
  // refuses as an invalid argument is a fault of the app, never said as main's raw words.
  if (error.code === 'INVALID_ARGUMENT') return t('fixes.appFault');
  if (error.leyr === undefined) return error.message;
  return failureSentence({ reason: error.message, code: error.leyr.errorCodes[0] ?? error.leyr.code, leyr: error.leyr }, null, t);
}

async function send(
  patches: ReadonlyMap<string, OptimisticPatch>,
  call: () => Promise<Result<ChangeReceipt>>,
  track: (receipt: ChangeReceipt) => void,
  undoable?: Undoable,
): Promise<Result<ChangeReceipt>> {
  const day = useDay.getState();
  const before = placesOf(undoable?.appointmentIds ?? [...patches.keys()]);
  const revert = day.patch(patches);
  const result = await call();
  if (result.ok) {
    useDay.getState().receipt(result.value.appointments, [...patches.keys()]);
    track(result.value);
    if (undoable !== undefined) recordStep(undoable, result.value, before, patches);
  } else {
    revert();
    useNotices.getState().notify('error', t('result.callFailed', { message: errorText(result.error) }));
  }
  return result;
}

/**
 * The appointments as this screen shows them now, taken before the optimistic patch: every
 * change carries them, and main
 * refuses a change made on a screen that is out of date (a CONFLICT) instead of applying it
 * over a version nobody saw.
 */
function seenOf(ids: readonly string[]): SeenAppointment[] {
  const { model, lens } = useDay.getState();
  return ids.flatMap((id) => {
    const shown = model?.appointments.get(id)?.view;
    const view = shown === undefined || lens === null ? shown : lens.toReal(shown);
    return view === undefined ? [] : [{ id, start: view.start, end: view.end, resourceId: view.resourceId, status: view.status }];
  });
}

/**
 * Each appointment's name and time as this screen shows them now ("Sara Gustafsson 13:45–14:15"),
 * kept with the operation: its results still name it once it has moved off the open day.
 */
function labelsOf(ids: readonly string[]): Record<string, string> {
  const model = useDay.getState().model;
  const labels: Record<string, string> = {};
  for (const id of ids) {
    const label = describeAppointment(model, id);
    if (label !== null) labels[id] = label;
  }
  return labels;
}

const pendingPatches = (ids: readonly string[], patch: OptimisticPatch = {}): Map<string, OptimisticPatch> =>
  new Map(ids.map((id) => [id, { ...patch, pending: true }]));

/** `labels`: the appointment's name and time as the caller showed them, when it knows them better than the grid (the rebook dialog). */
export async function moveAppointment(id: string, target: { resourceId: string; startMs: number; endMs: number }, labels: Record<string, string> = labelsOf([id])): Promise<Result<ChangeReceipt>> {
  const { zone, model, lens } = useDay.getState();
  const current = model?.appointments.get(id);
  const start = toZoneIso(target.startMs, zone);
  const end = toZoneIso(target.endMs, zone);
  // On a composed grid (the week) the column is a resource on a day: main is told the real ones.
  const real = lens === null ? target : lens.toRealPlace(target);
  const now = current === undefined || lens === null ? current?.view : lens.toReal(current.view);
  const sameTime = now !== undefined && Date.parse(now.start) === real.startMs && Date.parse(now.end) === real.endMs;
  const sameResource = now?.resourceId === real.resourceId;
  const seen = seenOf([id]);
  return send(
    new Map([[id, { start, end, resourceId: target.resourceId, pending: true }]]),
    () =>
      frontdesk().moveAppointment({
        appointmentId: id,
        ...(!sameTime && { start: toZoneIso(real.startMs, zone), end: toZoneIso(real.endMs, zone) }),
        ...(!sameResource && { resourceId: real.resourceId }),
        seen,
      }),
    (receipt) => useUi.getState().track({ changeId: receipt.changeId, kind: 'move', appointmentIds: [id], createdAt: Date.now(), labels }),
    { kind: 'move', appointmentIds: [id], labels, again: () => moveAppointment(id, target, labels) },
  );
}

export async function cancelAppointments(ids: readonly string[], reason: string): Promise<Result<ChangeReceipt>> {
  const seen = seenOf(ids);
  const labels = labelsOf(ids);
  return send(
    pendingPatches(ids),
    () => frontdesk().cancelAppointments({ ids: [...ids], reason, seen }),
    (receipt) => useUi.getState().track({ changeId: receipt.changeId, kind: 'cancel', appointmentIds: [...ids], createdAt: Date.now(), labels }),
    { kind: 'cancel', appointmentIds: ids, labels, reason, again: () => cancelAppointments(ids, reason) },
  );
}

export async function moveAppointmentsToResource(ids: readonly string[], resourceId: string, labels: Record<string, string> = labelsOf(ids)): Promise<Result<ChangeReceipt>> {
  const seen = seenOf(ids);
  const { lens } = useDay.getState();
  const real = lens === null ? resourceId : lens.toRealPlace({ resourceId, startMs: 0, endMs: 0 }).resourceId;
  return send(
    pendingPatches(ids, { resourceId }),
    () => frontdesk().moveAppointmentsToResource({ ids: [...ids], resourceId: real, seen }),
    (receipt) => useUi.getState().track({ changeId: receipt.changeId, kind: 'move-to-resource', appointmentIds: [...ids], createdAt: Date.now(), labels }),
    { kind: 'move-to-resource', appointmentIds: ids, labels, again: () => moveAppointmentsToResource(ids, resourceId, labels) },
  );
}

export async function rescheduleContinuous(ids: readonly string[], startMs: number, endMs: number): Promise<Result<ChangeReceipt>> {
  const { zone, lens, model } = useDay.getState();
  // On a composed grid the range is on the run's column (one resource on one day): main is told that day's instants.
  const column = model?.appointments.get(ids[0] ?? '')?.view.resourceId ?? '';
  const real = lens === null ? { startMs, endMs } : lens.toRealPlace({ resourceId: column, startMs, endMs });
  const seen = seenOf(ids);
  const labels = labelsOf(ids);
  return send(
    pendingPatches(ids),
    () => frontdesk().rescheduleContinuous({ ids: [...ids], start: toZoneIso(real.startMs, zone), end: toZoneIso(real.endMs, zone), seen }),
    (receipt) =>
      useUi.getState().track({
        changeId: receipt.changeId,
        kind: 'reschedule',
        appointmentIds: [...new Set([...ids, ...receipt.appointments.map((a) => a.id)])],
        createdAt: Date.now(),
        labels,
      }),
    { kind: 'reschedule', appointmentIds: ids, labels, again: () => rescheduleContinuous(ids, startMs, endMs) },
  );
}

interface BookingRequest {
  patientId: string;
  resourceId: string;
  serviceId: string | null;
  startMs: number;
  endMs: number;
  comment: string;
}

export async function bookAppointment(shown: BookingRequest): Promise<Result<ChangeReceipt>> {
  const { zone, lens } = useDay.getState();
  const booking = lens === null ? shown : { ...shown, ...lens.toRealPlace(shown) };
  const start = toZoneIso(booking.startMs, zone);
  return send(
    new Map(),
    () =>
      frontdesk().bookAppointment({
        patientId: booking.patientId,
        resourceId: booking.resourceId,
        start,
        end: toZoneIso(booking.endMs, zone),
        ...(booking.serviceId !== null && { serviceId: booking.serviceId }),
        ...(booking.comment.trim() !== '' && { comment: booking.comment.trim() }),
      }),
    (receipt) =>
      useUi.getState().track({
        changeId: receipt.changeId,
        kind: 'book',
        appointmentIds: receipt.appointments.map((a) => a.id),
        booking: { patientId: booking.patientId, resourceId: booking.resourceId, start },
        createdAt: Date.now(),
      }),
    { kind: 'book', quiet: true, again: () => bookAppointment(booking) },
  );
}

export async function confirmAppointment(appointmentId: string, code: string): Promise<Result<ChangeReceipt>> {
  const seen = seenOf([appointmentId]);
  return send(
    new Map(),
    () => frontdesk().confirmAppointment({ appointmentId, code, seen }),
    (receipt) => useUi.getState().track({ changeId: receipt.changeId, kind: 'confirm', appointmentIds: [appointmentId], createdAt: Date.now() }),
  );
}

export async function retryChange(changeId: string): Promise<void> {
  const result = await frontdesk().retryChange({ changeId });
  if (result.ok) useDay.getState().receipt(result.value.appointments, []);
  else useNotices.getState().notify('error', t('result.callFailed', { message: errorText(result.error) }));
}

export async function dismissChange(changeId: string): Promise<void> {
  const result = await frontdesk().dismissChange({ changeId });
  if (!result.ok) useNotices.getState().notify('error', t('result.callFailed', { message: errorText(result.error) }));
  useUi.getState().forget(changeId);
}

// — comments —
/** A booked appointment's new comment (empty clears it): shown at once, sent through the outbox. */
export async function editComment(appointmentId: string, comment: string): Promise<Result<ChangeReceipt>> {
  const seen = seenOf([appointmentId]);
  const labels = labelsOf([appointmentId]);
  const text = comment.trim();
  return send(
    pendingPatches([appointmentId], { comment: text === '' ? null : text }),
    () => frontdesk().editComment({ appointmentId, comment: text, seen }),
    (receipt) => useUi.getState().track({ changeId: receipt.changeId, kind: 'comment', appointmentIds: [appointmentId], createdAt: Date.now(), labels }),
    { kind: 'comment', appointmentIds: [appointmentId], labels, again: () => editComment(appointmentId, comment) },
  );
}
