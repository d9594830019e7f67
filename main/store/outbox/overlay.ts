// The local overlay: for each appointment that changes Leyr has not accepted yet touch, the
// state the newest of them expects (or nothing, when that change removes it). Laid anew
// whenever a change of the appointment is queued or ends.
import type { Database } from '../database.ts';
import { appointmentRecordSchema, instantMs, jsonOrNull, text } from '../records.ts';

export interface Overlay {
  /** Lays the overlay of these appointments anew from the active changes that touch them. */
  rebuild(accountId: number, appointmentIds: readonly string[]): void;
}

const recordOrNull = appointmentRecordSchema.nullable();

export function createOverlay({ db }: Database): Overlay {
  const selectNewestActiveTarget = db.prepare(`
    SELECT t.expected, o.change_id FROM outbox_targets t JOIN outbox o ON o.seq = t.seq
     WHERE t.account_id = ? AND t.appointment_id = ? AND o.status IN ('pending', 'sent') AND o.held_from IS NULL
     ORDER BY t.seq DESC LIMIT 1`);
  const deleteOverlay = db.prepare('DELETE FROM appointment_overlay WHERE account_id = ? AND id = ?');
  const upsertOverlay = db.prepare(`
    INSERT INTO appointment_overlay (account_id, id, date, start, end, start_ms, end_ms, resource_id, patient_id, service_id, status, comment, care_unit_id, change_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (account_id, id) DO UPDATE SET date = excluded.date, start = excluded.start, end = excluded.end,
      start_ms = excluded.start_ms, end_ms = excluded.end_ms, resource_id = excluded.resource_id, patient_id = excluded.patient_id,
      service_id = excluded.service_id, status = excluded.status, comment = excluded.comment, care_unit_id = excluded.care_unit_id,
      change_id = excluded.change_id`);

  return {
    rebuild(accountId, appointmentIds) {
      for (const id of new Set(appointmentIds)) {
        const row = selectNewestActiveTarget.get(accountId, id);
        const expected = row === undefined ? null : jsonOrNull(recordOrNull, row, 'expected');
        if (row === undefined || expected === null) {
          deleteOverlay.run(accountId, id);
          continue;
        }
        upsertOverlay.run(
          accountId,
          id,
          expected.date,
          expected.start,
          expected.end,
          instantMs(expected.start),
          instantMs(expected.end),
          expected.resourceId,
          expected.patientId,
          expected.serviceId,
          expected.status,
          expected.comment,
          expected.careUnitId,
          text(row, 'change_id'),
        );
      }
    },
  };
}
