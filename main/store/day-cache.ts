// The cached days of an account: the catalog (resources, services), per day the free
// timeslots and the server copy of its appointments, and the local view of a day (the
// server copy with the pending overlay laid over it, with patient names joined in).
import type { Database } from './database.ts';
import {
  APPOINTMENT_COLUMNS,
  appointmentFromRow,
  instantMs,
  integer,
  integerOrNull,
  text,
  textOrNull,
  type AppointmentRecord,
  type ResourceRecord,
  type Row,
  type ServiceRecord,
  type TimeslotRecord,
} from './records.ts';

export interface DayRecord {
  date: string;
  /** When the day was last fetched from Leyr in full; null when never. */
  fetchedAt: string | null;
  /** When the last attempt to fetch it failed (newer than fetchedAt while it keeps failing). */
  failedAt: string | null;
  failure: string | null;
  openedAt: string | null;
}

/** One appointment of the local view of a day. */
export interface DayViewRow extends AppointmentRecord {
  /** A change Leyr has not accepted yet shapes this appointment. */
  pending: boolean;
  /** The newest such change. */
  changeId: string | null;
  patientFirstName: string | null;
  patientLastName: string | null;
}

export interface LocalAppointment {
  record: AppointmentRecord;
  pending: boolean;
  /** The newest pending change that shapes it. */
  changeId: string | null;
}

export interface DayCache {
  replaceCatalog(accountId: number, catalog: { resources: ResourceRecord[]; services: ServiceRecord[] }, fetchedAt: string): void;
  resources(accountId: number): ResourceRecord[];
  services(accountId: number): ServiceRecord[];
  resource(accountId: number, id: string): ResourceRecord | null;
  service(accountId: number, id: string): ServiceRecord | null;

  day(accountId: number, date: string): DayRecord | null;
  markOpened(accountId: number, date: string, at: string): void;
  markFailed(accountId: number, date: string, at: string, failure: string): void;
  /**
   * Replaces a day's free slots and its server copy with a fresh fetch. Appointments written
   * from Leyr's answers after the fetch started (synced_seq > fetchSeq) are newer than the
   * fetch and are kept as they are.
   */
  writeDay(accountId: number, date: string, fetched: { appointments: AppointmentRecord[]; timeslots: TimeslotRecord[]; fetchedAt: string; fetchSeq: number }): void;
  /** The server copy of a day, with the sequence number of the write that produced each. */
  serverDay(accountId: number, date: string): { record: AppointmentRecord; syncedSeq: number }[];
  serverAppointments(accountId: number, ids: readonly string[]): Map<string, AppointmentRecord>;
  /** Writes appointments from one of Leyr's answers, stamped with `seq`. */
  upsertServer(accountId: number, records: readonly AppointmentRecord[], seq: number): void;
  maxSyncedSeq(): number;

  /** The local copy (overlay over server copy) of these appointments; absent ids are unknown. */
  localAppointments(accountId: number, ids: readonly string[]): Map<string, LocalAppointment>;
  dayView(accountId: number, date: string): DayViewRow[];
  timeslots(accountId: number, date: string): TimeslotRecord[];

  /**
   * Forgets days before `date` (their slots and appointments, except appointments a pending
   * change still shows), and patients fetched before it whom no kept appointment names.
   * Answers how many appointments and patients were forgotten.
   */
  forgetBefore(accountId: number, date: string): { appointments: number; patients: number };

  /** Records that a two-step cancel of `appointmentId` waits for the code of Leyr's `recordId`. */
  setCancellationRequest(accountId: number, appointmentId: string, recordId: string, at: string): void;
  clearCancellationRequest(accountId: number, appointmentId: string): void;
  /** Pending two-step cancels: appointment id → Leyr's record id. */
  cancellationRequests(accountId: number): Map<string, string>;
}

const resourceFromRow = (row: Row): ResourceRecord => ({ id: text(row, 'id'), name: textOrNull(row, 'name') });
const serviceFromRow = (row: Row): ServiceRecord => ({ id: text(row, 'id'), name: textOrNull(row, 'name'), durationMinutes: integerOrNull(row, 'duration_minutes') });
const dayFromRow = (row: Row): DayRecord => ({
  date: text(row, 'date'),
  fetchedAt: textOrNull(row, 'fetched_at'),
  failedAt: textOrNull(row, 'failed_at'),
  failure: textOrNull(row, 'failure'),
  openedAt: textOrNull(row, 'opened_at'),
});

export function createDayCache({ db, transaction }: Database): DayCache {
  const deleteResources = db.prepare('DELETE FROM resources WHERE account_id = ?');
  const deleteServices = db.prepare('DELETE FROM services WHERE account_id = ?');
  const insertResource = db.prepare('INSERT INTO resources (account_id, id, name, position) VALUES (?, ?, ?, ?)');
  const insertService = db.prepare('INSERT INTO services (account_id, id, name, duration_minutes, position) VALUES (?, ?, ?, ?, ?)');
  const stampCatalog = db.prepare('UPDATE accounts SET catalog_fetched_at = ? WHERE id = ?');
  const selectResources = db.prepare('SELECT id, name FROM resources WHERE account_id = ? ORDER BY position');
  const selectServices = db.prepare('SELECT id, name, duration_minutes FROM services WHERE account_id = ? ORDER BY position');
  const selectResource = db.prepare('SELECT id, name FROM resources WHERE account_id = ? AND id = ?');
  const selectService = db.prepare('SELECT id, name, duration_minutes FROM services WHERE account_id = ? AND id = ?');

  const selectDay = db.prepare('SELECT * FROM days WHERE account_id = ? AND date = ?');
  const upsertOpened = db.prepare(
    'INSERT INTO days (account_id, date, opened_at) VALUES (?, ?, ?) ON CONFLICT (account_id, date) DO UPDATE SET opened_at = excluded.opened_at',
  );
  const upsertFailed = db.prepare(
    'INSERT INTO days (account_id, date, failed_at, failure) VALUES (?, ?, ?, ?) ON CONFLICT (account_id, date) DO UPDATE SET failed_at = excluded.failed_at, failure = excluded.failure',
  );
  const upsertFetched = db.prepare(
    'INSERT INTO days (account_id, date, fetched_at) VALUES (?, ?, ?) ON CONFLICT (account_id, date) DO UPDATE SET fetched_at = excluded.fetched_at, failed_at = NULL, failure = NULL',
  );

  const deleteTimeslots = db.prepare('DELETE FROM timeslots WHERE account_id = ? AND date = ?');
  const insertTimeslot = db.prepare(
    'INSERT INTO timeslots (account_id, date, resource_id, service_id, start, end, start_ms, end_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const selectTimeslots = db.prepare('SELECT resource_id, service_id, start, end FROM timeslots WHERE account_id = ? AND date = ? ORDER BY start_ms, resource_id');

  const upsertAppointment = db.prepare(`
    INSERT INTO appointments (account_id, id, date, start, end, start_ms, end_ms, resource_id, patient_id, service_id, status, comment, care_unit_id, synced_seq)
    VALUES (:account, :id, :date, :start, :end, :startMs, :endMs, :resourceId, :patientId, :serviceId, :status, :comment, :careUnitId, :seq)
    ON CONFLICT (account_id, id) DO UPDATE SET
      date = excluded.date, start = excluded.start, end = excluded.end, start_ms = excluded.start_ms, end_ms = excluded.end_ms,
      resource_id = excluded.resource_id, patient_id = excluded.patient_id, service_id = excluded.service_id,
      status = excluded.status, comment = excluded.comment, care_unit_id = excluded.care_unit_id, synced_seq = excluded.synced_seq
    WHERE appointments.synced_seq <= :guard`);
  const deleteMissing = db.prepare(
    'DELETE FROM appointments WHERE account_id = ? AND date = ? AND synced_seq <= ? AND id NOT IN (SELECT value FROM json_each(?))',
  );
  const selectServerDay = db.prepare(`SELECT ${APPOINTMENT_COLUMNS}, synced_seq FROM appointments WHERE account_id = ? AND date = ?`);
  const selectServerByIds = db.prepare(`SELECT ${APPOINTMENT_COLUMNS} FROM appointments WHERE account_id = ? AND id IN (SELECT value FROM json_each(?))`);
  const selectOverlayByIds = db.prepare(`SELECT ${APPOINTMENT_COLUMNS}, change_id FROM appointment_overlay WHERE account_id = ? AND id IN (SELECT value FROM json_each(?))`);
  const selectMaxSeq = db.prepare('SELECT coalesce(max(synced_seq), 0) AS seq FROM appointments');

  // The local view of a day in one statement: server rows without an overlay, plus the
  // overlay rows, each with the patient's name from the store.
  const selectDayView = db.prepare(`
    SELECT a.id AS id, a.date AS date, a.start AS start, a.end AS end, a.start_ms AS start_ms, a.resource_id AS resource_id,
           a.patient_id AS patient_id, a.service_id AS service_id, a.status AS status, a.comment AS comment, a.care_unit_id AS care_unit_id,
           0 AS pending, NULL AS change_id, p.first_name, p.last_name
      FROM appointments a
      LEFT JOIN patients p ON p.account_id = a.account_id AND p.id = a.patient_id
     WHERE a.account_id = :account AND a.date = :date
       AND NOT EXISTS (SELECT 1 FROM appointment_overlay o WHERE o.account_id = a.account_id AND o.id = a.id)
    UNION ALL
    SELECT o.id, o.date, o.start, o.end, o.start_ms, o.resource_id, o.patient_id, o.service_id, o.status, o.comment, o.care_unit_id,
           1 AS pending, o.change_id, p.first_name, p.last_name
      FROM appointment_overlay o
      LEFT JOIN patients p ON p.account_id = o.account_id AND p.id = o.patient_id
     WHERE o.account_id = :account AND o.date = :date
    ORDER BY start_ms, resource_id, id`);

  const upsertCancellation = db.prepare(`
    INSERT INTO cancellation_requests (account_id, appointment_id, record_id, requested_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (account_id, appointment_id) DO UPDATE SET record_id = excluded.record_id, requested_at = excluded.requested_at`);
  const deleteCancellationByRecord = db.prepare('DELETE FROM cancellation_requests WHERE account_id = ? AND record_id = ? AND appointment_id <> ?');
  const deleteCancellation = db.prepare('DELETE FROM cancellation_requests WHERE account_id = ? AND appointment_id = ?');
  const selectCancellations = db.prepare('SELECT appointment_id, record_id FROM cancellation_requests WHERE account_id = ?');

  const forgetTimeslots = db.prepare('DELETE FROM timeslots WHERE account_id = ? AND date < ?');
  const forgetDays = db.prepare('DELETE FROM days WHERE account_id = ? AND date < ?');
  const forgetAppointments = db.prepare(`
    DELETE FROM appointments WHERE account_id = :account AND date < :date
       AND NOT EXISTS (SELECT 1 FROM appointment_overlay o WHERE o.account_id = appointments.account_id AND o.id = appointments.id)`);
  const forgetPatients = db.prepare(`
    DELETE FROM patients WHERE account_id = :account AND fetched_on < :date
       AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.account_id = patients.account_id AND a.patient_id = patients.id)
       AND NOT EXISTS (SELECT 1 FROM appointment_overlay o WHERE o.account_id = patients.account_id AND o.patient_id = patients.id)`);

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
    replaceCatalog(accountId, catalog, fetchedAt) {
      transaction(() => {
        deleteResources.run(accountId);
        deleteServices.run(accountId);
        catalog.resources.forEach((resource, index) => insertResource.run(accountId, resource.id, resource.name, index));
        catalog.services.forEach((service, index) => insertService.run(accountId, service.id, service.name, service.durationMinutes, index));
        stampCatalog.run(fetchedAt, accountId);
      });
    },
    resources: (accountId) => selectResources.all(accountId).map(resourceFromRow),
    services: (accountId) => selectServices.all(accountId).map(serviceFromRow),
    resource(accountId, id) {
      const row = selectResource.get(accountId, id);
      return row === undefined ? null : resourceFromRow(row);
    },
    service(accountId, id) {
      const row = selectService.get(accountId, id);
      return row === undefined ? null : serviceFromRow(row);
    },

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
        upsertFetched.run(accountId, date, fetched.fetchedAt);
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
    dayView: (accountId, date) =>
      selectDayView.all({ account: accountId, date }).map((row) => ({
        ...appointmentFromRow(row),
        pending: row.pending === 1,
        changeId: textOrNull(row, 'change_id'),
        patientFirstName: textOrNull(row, 'first_name'),
        patientLastName: textOrNull(row, 'last_name'),
      })),
    timeslots: (accountId, date) =>
      selectTimeslots.all(accountId, date).map((row) => ({
        resourceId: text(row, 'resource_id'),
        serviceId: textOrNull(row, 'service_id'),
        start: text(row, 'start'),
        end: text(row, 'end'),
      })),

    forgetBefore(accountId, date) {
      return transaction(() => {
        forgetTimeslots.run(accountId, date);
        forgetDays.run(accountId, date);
        const appointments = Number(forgetAppointments.run({ account: accountId, date }).changes);
        const patients = Number(forgetPatients.run({ account: accountId, date }).changes);
        return { appointments, patients };
      });
    },

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
