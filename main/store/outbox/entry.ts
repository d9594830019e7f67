// The outbox's shapes: an entry per change the receptionist made, with what it touches
// (targets) and how it ended. States carry the contract's names (ChangeState) from the table
// to the window: `sent` is a change in flight whose outcome is not known yet.
import { z } from 'zod';
import type { ChangeState } from '../../../preload/contract/schedule.ts';
import { appointmentRecordSchema, type AppointmentRecord } from '../records.ts';
import type { ChangeRequest } from './change-requests.ts';

export const CHANGE_STATES = ['pending', 'sent', 'applied', 'refused', 'conflict'] as const satisfies readonly ChangeState[];
export type OutboxStatus = (typeof CHANGE_STATES)[number];
// …and every state of the contract is one of the store's: one name per state, both ways.
const _everyContractState: [ChangeState] extends [OutboxStatus] ? true : never = true;
/** Still to be done by the outbox worker. */
export const ACTIVE_STATES = ['pending', 'sent'] as const satisfies readonly OutboxStatus[];
export type ActiveStatus = (typeof ACTIVE_STATES)[number];

const leyrInfoSchema = z.object({
  code: z.string().nullable(),
  status: z.number().nullable(),
  errorCodes: z.array(z.string()),
  instance: z.string().nullable(),
  detail: z.string().nullable(),
});

export const changeFailureSchema = z.object({
  /** Sentence for the receptionist. */
  reason: z.string(),
  /** Machine-readable cause: Leyr's first error code, or the app's own (DEPENDS_ON_FAILED, …). */
  code: z.string().nullable(),
  leyr: leyrInfoSchema.nullable(),
  /** A bulk move Leyr refused whole: the appointments that had no free slot (changes/bulk-refusal.ts). */
  blockers: z.array(z.string()).optional(),
});
export type ChangeFailure = z.output<typeof changeFailureSchema>;

export const changeConflictSchema = z.object({
  /** The appointments as this change would leave them. */
  local: z.array(appointmentRecordSchema),
  /** The appointments as Leyr has them now (missing ones are absent). */
  remote: z.array(appointmentRecordSchema),
});
export type ChangeConflict = z.output<typeof changeConflictSchema>;

export interface OutboxTarget {
  appointmentId: string;
  /** The appointment as the change found it in the local copy; null when the change creates it. */
  base: AppointmentRecord | null;
  /** The appointment as the change should leave it. */
  expected: AppointmentRecord | null;
}

/** What every outbox row has, whether its request can be read or not. */
export interface OutboxRecord {
  seq: number;
  accountId: number;
  changeId: string;
  summary: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  createdAt: string;
  updatedAt: string;
  actor: string;
  failure: ChangeFailure | null;
  conflict: ChangeConflict | null;
  dismissed: boolean;
  targets: OutboxTarget[];
}

/** A change as the outbox holds it, its request read back and typed. */
export interface OutboxEntry extends OutboxRecord {
  request: ChangeRequest;
}

/** A row whose request could not be read back: kept and marked, never sent (entry-reader.ts). */
export interface UnreadableEntry extends OutboxRecord {
  request: null;
  /** The kind column as stored (a kind this app may not know). */
  storedKind: string;
}

export type StoredEntry = OutboxEntry | UnreadableEntry;

export interface NewOutboxEntry {
  changeId: string;
  request: ChangeRequest;
  summary: string;
  actor: string;
  createdAt: string;
  targets: OutboxTarget[];
}

export type FailedSettlement = { status: 'refused'; failure: ChangeFailure } | { status: 'conflict'; failure: ChangeFailure; conflict: ChangeConflict };
export type Settlement = { status: 'applied' } | FailedSettlement;

/** Told once per row, when a row is first found unreadable (and marked so). */
export interface UnreadableReport {
  accountId: number;
  changeId: string;
  /** What could not be read, for the log. */
  problem: string;
  /** It was still to be sent: it is now refused, and its overlay is gone. */
  wasActive: boolean;
}

/** The failure an unreadable change is refused with. */
export const UNREADABLE_FAILURE: ChangeFailure = {
  reason: 'This change could not be read back from the computer’s copy of the schedule, so it was not sent; make it again.',
  code: 'UNREADABLE',
  leyr: null,
};
