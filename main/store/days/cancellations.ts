// Two-step cancels (Leyr's documented answer shape: a NEW record, awaiting_confirmation, that
// names nothing). The app pairs each record with the appointment it asked to cancel, from the
// request it sent, and keeps the pair here:
// - waiting: the cancel of the appointment waits for the patient's code, which is sent to
//   the record;
// - closed: confirmed, withdrawn, or seen settled at Leyr. The record's id stays known, so that
//   Leyr's listings (which hold the record, first awaiting_confirmation, then cancelled) never
//   show it as an appointment of the day.
import type { Database } from '../database.ts';
import { text, type Row } from '../records.ts';

export interface WaitingCancellation {
  appointmentId: string;
  /** Leyr's record that the patient's code confirms. */
  recordId: string;
  requestedAt: string;
}

export interface Cancellations {
  /**
   * A two-step cancel of `appointmentId` now waits for the code of Leyr's `recordId`. An
   * earlier waiting record of the same appointment is closed; a record stored as an
   * appointment (a listing met it before the answer was read) is removed from the server copy.
   */
  setCancellationRequest(accountId: number, appointmentId: string, recordId: string, at: string): void;
  /** The cancel of `appointmentId` no longer waits (confirmed, withdrawn, settled); its record stays known. */
  clearCancellationRequest(accountId: number, appointmentId: string, at?: string): void;
  /** Records Leyr made for our cancels that are known to have no appointment to pair with (an ambiguous answer): kept out of the day. */
  rememberCancellationRecords(accountId: number, recordIds: readonly string[], at: string): void;
  /** Pending two-step cancels: appointment id → Leyr's record id. */
  cancellationRequests(accountId: number): Map<string, string>;
  /** The same, with when each was asked. */
  waitingCancellations(accountId: number): WaitingCancellation[];
  /** Every record id of a two-step cancel this account knows, waiting or closed: never an appointment. */
  cancellationRecordIds(accountId: number): Set<string>;
}

/** The appointment id a record without one is kept under (its pair is not known). */
const UNPAIRED = '';

export function createCancellations({ db, transaction }: Database): Cancellations {
  const closeWaiting = db.prepare('UPDATE cancellation_records SET closed_at = :at WHERE account_id = :account AND appointment_id = :appointment AND closed_at IS NULL');
  const upsertRecord = db.prepare(`
    INSERT INTO cancellation_records (account_id, record_id, appointment_id, requested_at, closed_at) VALUES (:account, :record, :appointment, :at, NULL)
    ON CONFLICT (account_id, record_id) DO UPDATE SET appointment_id = excluded.appointment_id, requested_at = excluded.requested_at, closed_at = NULL`);
  const insertClosed = db.prepare(`
    INSERT INTO cancellation_records (account_id, record_id, appointment_id, requested_at, closed_at) VALUES (:account, :record, :appointment, :at, :at)
    ON CONFLICT (account_id, record_id) DO NOTHING`);
  const deleteAppointment = db.prepare('DELETE FROM appointments WHERE account_id = ? AND id = ?');
  const selectWaiting = db.prepare('SELECT appointment_id, record_id, requested_at FROM cancellation_records WHERE account_id = ? AND closed_at IS NULL ORDER BY requested_at, record_id');
  const selectRecordIds = db.prepare('SELECT record_id FROM cancellation_records WHERE account_id = ?');

  const waitingOf = (row: Row): WaitingCancellation => ({ appointmentId: text(row, 'appointment_id'), recordId: text(row, 'record_id'), requestedAt: text(row, 'requested_at') });

  return {
    setCancellationRequest(accountId, appointmentId, recordId, at) {
      transaction(() => {
        closeWaiting.run({ account: accountId, appointment: appointmentId, at });
        upsertRecord.run({ account: accountId, record: recordId, appointment: appointmentId, at });
        deleteAppointment.run(accountId, recordId);
      });
    },
    clearCancellationRequest(accountId, appointmentId, at = new Date().toISOString()) {
      transaction(() => closeWaiting.run({ account: accountId, appointment: appointmentId, at }));
    },
    rememberCancellationRecords(accountId, recordIds, at) {
      transaction(() => {
        for (const record of recordIds) {
          insertClosed.run({ account: accountId, record, appointment: UNPAIRED, at });
          deleteAppointment.run(accountId, record);
        }
      });
    },
    cancellationRequests(accountId) {
      const out = new Map<string, string>();
      for (const row of selectWaiting.all(accountId)) out.set(text(row, 'appointment_id'), text(row, 'record_id'));
      return out;
    },
    waitingCancellations: (accountId) => selectWaiting.all(accountId).map(waitingOf),
    cancellationRecordIds(accountId) {
      return new Set(selectRecordIds.all(accountId).map((row) => text(row, 'record_id')));
    },
  };
}
