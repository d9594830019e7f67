// Undo of one step (undoChanges): each change, newest first, is taken back as far as it can
// be. Not yet sent: withdrawn from the outbox, as if never made (the store's withdraw takes
// only a `pending` one, and the worker marks a change `sent` in the tick its request leaves,
// after its check, so a change on its way is never withdrawn under it). Sent or applied: its
// kind's inverse (changes/undo-plan.ts) is queued through `make`, the same path and checks as
// any change.
// Refused or in conflict: Leyr never made it; nothing to take back.
import type { ChangeKind, ChangeReceipt, UndoBlocked, UndoInverse, UndoReceipt } from '../../../preload/contract/index.ts';
import { Failure } from '../../errors/failure.ts';
import type { StoredEntry } from '../../store/outbox/entry.ts';
import type { AppointmentRecord } from '../../store/records.ts';
import type { ChangeArg } from '../changes/change-kind.ts';
import { changeKind } from '../changes/registry.ts';
import type { InverseChange, UndoPlan, UndoSource } from '../changes/undo-plan.ts';
import { appointmentViews } from '../common/appointment-view.ts';
import { datesOf } from '../common/change-dates.ts';
import type { ScheduleContext } from '../common/context.ts';
import { ChangedSinceSeenFailure } from './seen-check.ts';

export interface UndoDeps {
  ctx: ScheduleContext;
  make<K extends ChangeKind>(kind: K, arg: ChangeArg<K>): ChangeReceipt;
  /** These days' snapshots are due. */
  touch(dates: readonly string[]): void;
}

/** The reason an undone booking's cancel sends when the window gives none. */
export const UNDO_REASON = 'Undone';

const planUndo = <K extends ChangeKind>(kind: K, source: UndoSource<K>): UndoPlan => changeKind(kind).undo(source);

export function undoChanges(deps: UndoDeps, changeIds: readonly string[], reason = UNDO_REASON): UndoReceipt {
  const { ctx } = deps;
  const { store, accountId, actor } = ctx;
  const withdrawn: string[] = [];
  const inverses: UndoInverse[] = [];
  const blocked: UndoBlocked[] = [];
  const shown = new Set<string>();

  const local = (ids: readonly string[]): Map<string, AppointmentRecord> => new Map([...store.days.localAppointments(accountId, ids)].map(([id, found]) => [id, found.record]));
  const waiting = store.days.cancellationRequests(accountId);
  const days = new Map<string, AppointmentRecord[]>();
  const day = (date: string): AppointmentRecord[] => {
    let rows = days.get(date);
    if (rows === undefined) days.set(date, (rows = store.days.dayView(accountId, date)));
    return rows;
  };

  function withdraw(entry: StoredEntry): boolean {
    // A later unsent change of the same appointments was made on top of this one: it would
    // then be sent against a base that never was.
    const later = store.outbox.activeAfter(accountId, entry.seq, entry.targets.map((t) => t.appointmentId));
    if (later.length > 0) return false;
    const at = ctx.nowIso();
    const ids = store.transaction(() => {
      const taken = store.outbox.withdraw(accountId, entry.changeId);
      if (taken !== null) store.audit.write({ accountId, at, actor, action: 'change.withdrawn', changeId: entry.changeId, outcome: null, detail: entry.summary });
      return taken;
    });
    if (ids === null) return false;
    withdrawn.push(entry.changeId);
    for (const id of ids) shown.add(id);
    deps.touch(datesOf(entry.targets));
    return true;
  }

  function queueInverse(entry: StoredEntry, kind: ChangeKind, inverse: InverseChange): void {
    try {
      const receipt = deps.make(inverse.kind, inverse.arg as never);
      for (const id of [...inverse.appointmentIds, ...receipt.appointments.map((a) => a.id)]) shown.add(id);
      inverses.push({ changeId: receipt.changeId, kind: inverse.kind, undoes: entry.changeId, appointmentIds: inverse.appointmentIds });
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      const why = error instanceof ChangedSinceSeenFailure ? 'changed-since' : 'refused';
      for (const appointmentId of inverse.appointmentIds) blocked.push({ changeId: entry.changeId, kind, appointmentId, why, ...(why === 'refused' && { error: error.toAppError() }) });
    }
  }

  for (const changeId of [...changeIds].reverse()) {
    const entry = store.outbox.byChangeId(changeId);
    if (entry === null || entry.accountId !== accountId || entry.request === null) {
      blocked.push({ changeId, kind: entry?.request?.kind ?? null, appointmentId: null, why: 'not-here' });
      continue;
    }
    const { request } = entry;
    for (const target of entry.targets) shown.add(target.appointmentId);
    // Refused: Leyr never made it. In conflict: another desk changed its appointments (before
    // it was sent, or over it after): either way nothing of it is there to take back.
    if (entry.status === 'refused') {
      blocked.push({ changeId, kind: request.kind, appointmentId: null, why: 'not-done' });
      continue;
    }
    if (entry.status === 'conflict') {
      for (const target of entry.targets) blocked.push({ changeId, kind: request.kind, appointmentId: target.appointmentId, why: 'changed-since' });
      continue;
    }
    if (entry.status === 'pending' && withdraw(entry)) continue;
    if (entry.status === 'pending') {
      blocked.push({ changeId, kind: request.kind, appointmentId: null, why: 'changed-since' });
      continue;
    }
    const plan = planUndo(request.kind, {
      request,
      targets: entry.targets,
      status: entry.status === 'applied' ? 'applied' : 'sent',
      local,
      day,
      awaitingCancellation: (id) => waiting.has(id),
      zone: ctx.zone(),
      reason,
    } as UndoSource<typeof request.kind>);
    for (const block of plan.blocked) blocked.push({ changeId, kind: request.kind, ...block });
    for (const inverse of plan.inverses) queueInverse(entry, request.kind, inverse);
  }
  return { withdrawn, inverses, blocked, appointments: appointmentViews(store, accountId, [...shown]) };
}
