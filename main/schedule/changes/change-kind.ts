// What the app knows about one kind of change, in one place (Replicache registers its
// mutators this way: a change is replayed by its name). The registry (registry.ts) holds
// one of these per kind; queueing, sending, retrying and reconciling look the kind up there.
import type { CallParsedArg, ChangeKind } from '../../../preload/contract/index.ts';
import type { Appointment, LeyrApi } from '../../leyr/api.ts';
import type { changeRequestSchemas, ChangeRequestOf } from '../../store/outbox/change-requests.ts';
import type { OutboxTarget } from '../../store/outbox/entry.ts';
import type { AnswerReading } from './answer-reading.ts';
import type { PlanContext, PlannedChange } from './planning.ts';
import type { RemoteDays, Verdict } from './reconcile.ts';
import type { UndoPlan, UndoSource } from './undo-plan.ts';

/** The contract call that makes each kind of change. */
interface CallOfKind {
  move: 'moveAppointment';
  cancel: 'cancelAppointments';
  'move-to-resource': 'moveAppointmentsToResource';
  reschedule: 'rescheduleContinuous';
  book: 'bookAppointment';
  confirm: 'confirmAppointment';
  comment: 'editComment';
}

/** The argument of the call that makes a change of kind K. */
export type ChangeArg<K extends ChangeKind> = CallParsedArg<CallOfKind[K]>;

export interface ChangeKindSpec<K extends ChangeKind> {
  readonly kind: K;
  /** How the outbox keeps its request (read back with it once, where it leaves SQLite). */
  readonly schema: (typeof changeRequestSchemas)[K];
  /** Plans it against the local copy: what it touches, what is shown meanwhile, what is sent. */
  plan(ctx: PlanContext, arg: ChangeArg<K>): PlannedChange<K>;
  /** The call's argument that makes the same change again (a retry plans it anew on today's copy). */
  replay(request: ChangeRequestOf<K>): ChangeArg<K>;
  /** The one Leyr request that carries it (one bulk request for a bulk change); answers Leyr's appointments. */
  send(api: LeyrApi, request: ChangeRequestOf<K>): Promise<Appointment[]>;
  /** The patient whose appointments are listed to judge a lost answer; undefined lists whole days. */
  listedPatient?(request: ChangeRequestOf<K>, targets: readonly OutboxTarget[]): string | undefined;
  /** Whether a change whose answer was lost took effect, from Leyr's appointments of its days. */
  judge(remote: RemoteDays, request: ChangeRequestOf<K>, targets: readonly OutboxTarget[]): Verdict;
  /**
   * Reads Leyr's answer with the request that carried it (answer-reading.ts): a two-step
   * cancel's records are paired with the appointments sent. Null when the answer is
   * ambiguous: Leyr's state is then read and `resolveAnswer` settles it. Left out: every item
   * of the answer is an appointment.
   */
  readAnswer?(request: ChangeRequestOf<K>, answer: readonly Appointment[]): AnswerReading | null;
  /** Settles an ambiguous answer from Leyr's appointments of the change's days (records included). */
  resolveAnswer?(request: ChangeRequestOf<K>, answer: readonly Appointment[], listed: ReadonlyMap<string, Appointment>): AnswerReading;
  /** The appointment whose waiting two-step cancel this change confirms, if it does. */
  confirmsCancellationOf?(request: ChangeRequestOf<K>): string | null;
  /**
   * How a change of this kind that left is taken back (undo-plan.ts): its inverse changes, and
   * what cannot be undone. Required: a new kind says how it is undone, or that it cannot be.
   */
  undo(source: UndoSource<K>): UndoPlan;
}
