// One patient's appointments over a range of days, as this computer knows them: the local
// copy (the server copy with the pending overlay laid over it), for the find panel (issue 13)
// when Leyr cannot be reached, and to lay unsent changes over what Leyr listed.
//
// Read through the days index (account, date), then filtered by patient: a find covers four
// months, and the store holds the days a desk has opened and fetched ahead, so the scan stays
// within those days' rows (scripts/bench-find.ts measures it on the big clinic).
import type { Database } from '../database.ts';
import { APPOINTMENT_COLUMNS, appointmentFromRow, textOrNull } from '../records.ts';
import type { LocalAppointment } from './local-view.ts';

export interface ByPatient {
  /**
   * The local copy of the patient's appointments whose day is in [from, to] (YYYY-MM-DD,
   * inclusive), sorted by start: the overlay's version where a change is pending. An
   * appointment a pending change moved to another patient is left out.
   */
  patientAppointments(accountId: number, patientId: string, from: string, to: string): LocalAppointment[];
}

export function createByPatient({ db }: Database): ByPatient {
  const select = db.prepare(`
    SELECT ${APPOINTMENT_COLUMNS}, start_ms, 0 AS pending, NULL AS change_id
      FROM appointments a
     WHERE a.account_id = :account AND a.date BETWEEN :from AND :to AND a.patient_id = :patient
       AND NOT EXISTS (SELECT 1 FROM appointment_overlay o WHERE o.account_id = a.account_id AND o.id = a.id)
    UNION ALL
    SELECT ${APPOINTMENT_COLUMNS}, start_ms, 1 AS pending, change_id
      FROM appointment_overlay
     WHERE account_id = :account AND date BETWEEN :from AND :to AND patient_id = :patient
    ORDER BY start_ms, id`);
  return {
    patientAppointments: (accountId, patientId, from, to) =>
      select.all({ account: accountId, patient: patientId, from, to }).map((row) => ({
        record: appointmentFromRow(row),
        pending: row.pending === 1,
        changeId: textOrNull(row, 'change_id'),
      })),
  };
}
