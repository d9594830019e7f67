// Two-step cancels waiting for the patient's code: the appointment to cancel, and Leyr's
// record (awaiting_confirmation) that the code confirms.
import type { Database } from '../database.ts';
import { text } from '../records.ts';

export interface Cancellations {
  /** Records that a two-step cancel of `appointmentId` waits for the code of Leyr's `recordId`. */
  setCancellationRequest(accountId: number, appointmentId: string, recordId: string, at: string): void;
  clearCancellationRequest(accountId: number, appointmentId: string): void;
  /** Pending two-step cancels: appointment id → Leyr's record id. */
  cancellationRequests(accountId: number): Map<string, string>;
}

export function createCancellations({ db, transaction }: Database): Cancellations {
  const upsertCancellation = db.prepare(`
    INSERT INTO cancellation_requests (account_id, appointment_id, record_id, requested_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (account_id, appointment_id) DO UPDATE SET record_id = excluded.record_id, requested_at = excluded.requested_at`);
  const deleteCancellationByRecord = db.prepare('DELETE FROM cancellation_requests WHERE account_id = ? AND record_id = ? AND appointment_id <> ?');
  const deleteCancellation = db.prepare('DELETE FROM cancellation_requests WHERE account_id = ? AND appointment_id = ?');
  const selectCancellations = db.prepare('SELECT appointment_id, record_id FROM cancellation_requests WHERE account_id = ?');

  return {
    setCancellationRequest(accountId, appointmentId, recordId, at) {
      transaction(() => {
        deleteCancellationByRecord.run(accountId, recordId, appointmentId);
        upsertCancellation.run(accountId, appointmentId, recordId, at);
      });
    },
    clearCancellationRequest(accountId, appointmentId) {
      transaction(() => deleteCancellation.run(accountId, appointmentId));
    },
    cancellationRequests(accountId) {
      const out = new Map<string, string>();
      for (const row of selectCancellations.all(accountId)) out.set(text(row, 'appointment_id'), text(row, 'record_id'));
      return out;
    },
  };
}
