// The local copy of a day as the receptionist sees it: the server copy with the pending
// overlay laid over it, with patient names joined in, and the day's free slots.
import type { Database } from '../database.ts';
import { APPOINTMENT_COLUMNS, appointmentFromRow, text, textOrNull, type AppointmentRecord, type TimeslotRecord } from '../records.ts';

/** One appointment of the local view of a day. */
export interface DayViewRow extends AppointmentRecord {
  /** A change Leyr has not accepted yet shapes this appointment. */
  pending: boolean;
  /** The newest such change. */
  changeId: string | null;
  patientFirstName: string | null;
  patientLastName: string | null;
  /** Leyr has answered for the patient (a name, or "no such patient"); false while the name is still to come. */
  patientAnswered: boolean;
}

export interface LocalAppointment {
  record: AppointmentRecord;
  pending: boolean;
  /** The newest pending change that shapes it. */
  changeId: string | null;
}

export interface LocalView {
  /** The local copy (overlay over server copy) of these appointments; absent ids are unknown. */
  localAppointments(accountId: number, ids: readonly string[]): Map<string, LocalAppointment>;
  /** `resourceIds`: these resources' only (the week view); every resource's when absent. */
  dayView(accountId: number, date: string, resourceIds?: readonly string[]): DayViewRow[];
  timeslots(accountId: number, date: string, resourceIds?: readonly string[]): TimeslotRecord[];
}

export function createLocalView({ db }: Database): LocalView {
  const selectServerByIds = db.prepare(`SELECT ${APPOINTMENT_COLUMNS} FROM appointments WHERE account_id = ? AND id IN (SELECT value FROM json_each(?))`);
  const selectOverlayByIds = db.prepare(`SELECT ${APPOINTMENT_COLUMNS}, change_id FROM appointment_overlay WHERE account_id = ? AND id IN (SELECT value FROM json_each(?))`);
  // `onlyResources`: a resource clause for the week view, which shows a few of a big clinic's
  // eighty resources: rows of the others are never read into JavaScript (most of a day's cost).
  const timeslotsQuery = (onlyResources: string) =>
    `SELECT resource_id, service_id, start, end FROM timeslots WHERE account_id = :account AND date = :date ${onlyResources} ORDER BY start_ms, resource_id`;
  // The local view of a day in one statement: server rows without an overlay, plus the
  // overlay rows, each with the patient's name from the store.
  const dayViewQuery = (onlyResources: (table: string) => string) => `
    SELECT a.id AS id, a.date AS date, a.start AS start, a.end AS end, a.start_ms AS start_ms, a.resource_id AS resource_id,
           a.patient_id AS patient_id, a.service_id AS service_id, a.status AS status, a.comment AS comment, a.care_unit_id AS care_unit_id,
           0 AS pending, NULL AS change_id, p.first_name, p.last_name, p.id AS answered_id
      FROM appointments a
      LEFT JOIN patients p ON p.account_id = a.account_id AND p.id = a.patient_id
     WHERE a.account_id = :account AND a.date = :date ${onlyResources('a')}
       AND NOT EXISTS (SELECT 1 FROM appointment_overlay o WHERE o.account_id = a.account_id AND o.id = a.id)
    UNION ALL
    SELECT o.id, o.date, o.start, o.end, o.start_ms, o.resource_id, o.patient_id, o.service_id, o.status, o.comment, o.care_unit_id,
           1 AS pending, o.change_id, p.first_name, p.last_name, p.id AS answered_id
      FROM appointment_overlay o
      LEFT JOIN patients p ON p.account_id = o.account_id AND p.id = o.patient_id
     WHERE o.account_id = :account AND o.date = :date ${onlyResources('o')}
    ORDER BY start_ms, resource_id, id`;
  const inResources = (table: string): string => `AND ${table}.resource_id IN (SELECT value FROM json_each(:resources))`;
  const selectTimeslots = db.prepare(timeslotsQuery(''));
  const selectTimeslotsOf = db.prepare(timeslotsQuery(inResources('timeslots')));
  const selectDayView = db.prepare(dayViewQuery(() => ''));
  const selectDayViewOf = db.prepare(dayViewQuery(inResources));
  const dayRows = (statement: typeof selectDayView, statementOf: typeof selectDayView, accountId: number, date: string, resourceIds: readonly string[] | undefined) =>
    resourceIds === undefined ? statement.all({ account: accountId, date }) : statementOf.all({ account: accountId, date, resources: JSON.stringify(resourceIds) });

  return {
    localAppointments(accountId, ids) {
      const out = new Map<string, LocalAppointment>();
      if (ids.length === 0) return out;
      const list = JSON.stringify(ids);
      for (const row of selectServerByIds.all(accountId, list)) {
        const record = appointmentFromRow(row);
        out.set(record.id, { record, pending: false, changeId: null });
      }
      for (const row of selectOverlayByIds.all(accountId, list)) {
        const record = appointmentFromRow(row);
        out.set(record.id, { record, pending: true, changeId: textOrNull(row, 'change_id') });
      }
      return out;
    },
    dayView: (accountId, date, resourceIds) =>
      dayRows(selectDayView, selectDayViewOf, accountId, date, resourceIds).map((row) => ({
        ...appointmentFromRow(row),
        pending: row.pending === 1,
        changeId: textOrNull(row, 'change_id'),
        patientFirstName: textOrNull(row, 'first_name'),
        patientLastName: textOrNull(row, 'last_name'),
        patientAnswered: row.answered_id !== null,
      })),
    timeslots: (accountId, date, resourceIds) =>
      dayRows(selectTimeslots, selectTimeslotsOf, accountId, date, resourceIds).map((row) => ({
        resourceId: text(row, 'resource_id'),
        serviceId: textOrNull(row, 'service_id'),
        start: text(row, 'start'),
        end: text(row, 'end'),
      })),
  };
}
