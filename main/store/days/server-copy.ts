// The server copy of each day: what Leyr last said about its appointments and free slots,
// when it was fetched (or failed to be), and the sequence numbers that order writes from
// Leyr's answers against background fetches that started earlier.
import type { Database } from '../database.ts';
import {
  APPOINTMENT_COLUMNS,
  appointmentFromRow,
  instantMs,
  integer,
  text,
  textOrNull,
  type AppointmentRecord,
  type Row,
  type TimeslotRecord,
} from '../records.ts';

export interface DayRecord {
  date: string;
  /** When the day was last fetched from Leyr in full; null when never. */
  fetchedAt: string | null;
  /** When the last attempt to fetch it failed (newer than fetchedAt while it keeps failing). */
  failedAt: string | null;
  failure: string | null;
  openedAt: string | null;
  /** Items of the last fetch that Leyr sent but could not be read (skipped); 0 when none. */
  unreadable: number;
}

export interface ServerCopy {
  day(accountId: number, date: string): DayRecord | null;
  markOpened(accountId: number, date: string, at: string): void;
  markFailed(accountId: number, date: string, at: string, failure: string): void;
  /**
   * Replaces a day's free slots and its server copy with a fresh fetch. Appointments written
   * from Leyr's answers after the fetch started (synced_seq > fetchSeq) are newer than the
   * fetch and are kept as they are. `unreadable`: items of the fetch that could not be read
   * (skipped); 0 when left out.
   */
  writeDay(accountId: number, date: string, fetched: { appointments: AppointmentRecord[]; timeslots: TimeslotRecord[]; fetchedAt: string; fetchSeq: number; unreadable?: number }): void;
  /** The server copy of a day, with the sequence number of the write that produced each. */
  serverDay(accountId: number, date: string): { record: AppointmentRecord; syncedSeq: number }[];
  serverAppointments(accountId: number, ids: readonly string[]): Map<string, AppointmentRecord>;
  /** Writes appointments from one of Leyr's answers, stamped with `seq`. */
  upsertServer(accountId: number, records: readonly AppointmentRecord[], seq: number): void;
  maxSyncedSeq(): number;
}

const dayFromRow = (row: Row): DayRecord => ({
  date: text(row, 'date'),
  fetchedAt: textOrNull(row, 'fetched_at'),
  failedAt: textOrNull(row, 'failed_at'),
  failure: textOrNull(row, 'failure'),
  openedAt: textOrNull(row, 'opened_at'),
  unreadable: integer(row, 'unreadable'),
});

export function createServerCopy({ db, transaction }: Database): ServerCopy {
  const selectDay = db.prepare('SELECT * FROM days WHERE account_id = ? AND date = ?');
  const upsertOpened = db.prepare('INSERT INTO days (account_id, date, opened_at) VALUES (?, ?, ?) ON CONFLICT (account_id, date) DO UPDATE SET opened_at = excluded.opened_at');
  const upsertFailed = db.prepare(
    'INSERT INTO days (account_id, date, failed_at, failure) VALUES (?, ?, ?, ?) ON CONFLICT (account_id, date) DO UPDATE SET failed_at = excluded.failed_at, failure = excluded.failure',
  );
  const upsertFetched = db.prepare(
    'INSERT INTO days (account_id, date, fetched_at, unreadable) VALUES (?, ?, ?, ?) ON CONFLICT (account_id, date) DO UPDATE SET fetched_at = excluded.fetched_at, failed_at = NULL, failure = NULL, unreadable = excluded.unreadable',
  );
  const deleteTimeslots = db.prepare('DELETE FROM timeslots WHERE account_id = ? AND date = ?');
  const insertTimeslot = db.prepare('INSERT INTO timeslots (account_id, date, resource_id, service_id, start, end, start_ms, end_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const upsertAppointment = db.prepare(`
    INSERT INTO appointments (account_id, id, date, start, end, start_ms, end_ms, resource_id, patient_id, service_id, status, comment, care_unit_id, synced_seq)
    VALUES (:account, :id, :date, :start, :end, :startMs, :endMs, :resourceId, :patientId, :serviceId, :status, :comment, :careUnitId, :seq)
    ON CONFLICT (account_id, id) DO UPDATE SET
      date = excluded.date, start = excluded.start, end = excluded.end, start_ms = excluded.start_ms, end_ms = excluded.end_ms,
      resource_id = excluded.resource_id, patient_id = excluded.patient_id, service_id = excluded.service_id,
      status = excluded.status, comment = excluded.comment, care_unit_id = excluded.care_unit_id, synced_seq = excluded.synced_seq
    WHERE appointments.synced_seq <= :guard`);
  const deleteMissing = db.prepare('DELETE FROM appointments WHERE account_id = ? AND date = ? AND synced_seq <= ? AND id NOT IN (SELECT value FROM json_each(?))');
  const selectServerDay = db.prepare(`SELECT ${APPOINTMENT_COLUMNS}, synced_seq FROM appointments WHERE account_id = ? AND date = ?`);
  const selectServerByIds = db.prepare(`SELECT ${APPOINTMENT_COLUMNS} FROM appointments WHERE account_id = ? AND id IN (SELECT value FROM json_each(?))`);
  const selectMaxSeq = db.prepare('SELECT coalesce(max(synced_seq), 0) AS seq FROM appointments');

  const writeAppointment = (accountId: number, record: AppointmentRecord, seq: number, guard: number): void => {
    upsertAppointment.run({
      account: accountId,
      id: record.id,
      date: record.date,
      start: record.start,
      end: record.end,
      startMs: instantMs(record.start),
      endMs: instantMs(record.end),
      resourceId: record.resourceId,
      patientId: record.patientId,
      serviceId: record.serviceId,
      status: record.status,
      comment: record.comment,
      careUnitId: record.careUnitId,
      seq,
      guard,
    });
  };

  return {
    day(accountId, date) {
      const row = selectDay.get(accountId, date);
      return row === undefined ? null : dayFromRow(row);
    },
    markOpened(accountId, date, at) {
      transaction(() => upsertOpened.run(accountId, date, at));
    },
    markFailed(accountId, date, at, failure) {
      transaction(() => upsertFailed.run(accountId, date, at, failure));
    },
    writeDay(accountId, date, fetched) {
      transaction(() => {
        deleteTimeslots.run(accountId, date);
        for (const slot of fetched.timeslots) {
          insertTimeslot.run(accountId, date, slot.resourceId, slot.serviceId, slot.start, slot.end, instantMs(slot.start), instantMs(slot.end));
        }
        deleteMissing.run(accountId, date, fetched.fetchSeq, JSON.stringify(fetched.appointments.map((a) => a.id)));
        for (const record of fetched.appointments) writeAppointment(accountId, record, fetched.fetchSeq, fetched.fetchSeq);
        upsertFetched.run(accountId, date, fetched.fetchedAt, Math.max(0, Math.round(fetched.unreadable ?? 0)));
      });
    },
    serverDay: (accountId, date) => selectServerDay.all(accountId, date).map((row) => ({ record: appointmentFromRow(row), syncedSeq: integer(row, 'synced_seq') })),
    serverAppointments(accountId, ids) {
      const out = new Map<string, AppointmentRecord>();
      if (ids.length === 0) return out;
      for (const row of selectServerByIds.all(accountId, JSON.stringify(ids))) {
        const record = appointmentFromRow(row);
        out.set(record.id, record);
      }
      return out;
    },
    upsertServer(accountId, records, seq) {
      transaction(() => {
        for (const record of records) writeAppointment(accountId, record, seq, Number.MAX_SAFE_INTEGER);
      });
    },
    maxSyncedSeq() {
      const row = selectMaxSeq.get();
      return row === undefined ? 0 : integer(row, 'seq');
    },
  };
}
