// The sandbox's in-memory EHR: the seed's clinic plus every change made through the API.
//
// Appointments are indexed by care unit and local day, and by resource and local day, so a
// day's list and a day's free slots touch only that day's appointments, whatever the size of
// the clinic. Records are immutable; a change puts a new record, which re-indexes it.
import { randomInt } from 'node:crypto';
import { SLOT_HOLDING_STATUSES, type KnownAppointmentStatus } from '../../preload/contract/appointment-status.ts';
import type { SeedCareUnit, SeedData, SeedHealthcareService, SeedPatient, SeedResource } from './seed.ts';
import { ScheduleBook, type Interval } from './slots.ts';
import { formatInstant, localDatesBetween, parseInstant } from './time.ts';

export interface StoredAppointment {
  readonly id: string;
  readonly careUnitId: string;
  readonly resourceId: string;
  readonly patientId: string;
  readonly serviceId: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly status: KnownAppointmentStatus;
  readonly comment: string | null;
  /**
   * Set on the record a two-step cancel creates: the id of the appointment it asks to
   * cancel. Such a record holds no slot and is not listed with the day's appointments.
   */
  readonly cancellationOf: string | null;
}

/** An appointment as the API answers it. */
export interface WireAppointment {
  id: string;
  status: KnownAppointmentStatus;
  care_unit_id: string;
  start: string;
  end: string;
  comment: string | null;
  patient_id: string;
  resource_id: string;
  healthcare_service_id: string;
  /** Only on a pending two-step cancellation: the appointment it cancels once confirmed. */
  cancellation_of?: string;
}

export type StoredPatient = SeedPatient;

/** A pending two-step cancellation is a record of its own and holds nothing. */
const holdsSlot = (appointment: StoredAppointment): boolean => appointment.cancellationOf === null && SLOT_HOLDING_STATUSES.has(appointment.status);

/** A fresh six-digit code, as an EHR would text it. */
export const newConfirmationCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

export class SandboxState {
  readonly emr: string;
  readonly careUnits = new Map<string, SeedCareUnit>();
  readonly services = new Map<string, SeedHealthcareService>();
  readonly resources = new Map<string, SeedResource>();
  readonly schedules: ScheduleBook;
  readonly #appointments = new Map<string, StoredAppointment>();
  readonly #wire = new WeakMap<StoredAppointment, WireAppointment>();
  readonly #byCareUnitDay = new Map<string, Set<string>>();
  readonly #byResourceDay = new Map<string, Set<string>>();
  readonly #patients = new Map<string, StoredPatient>();
  readonly #patientsByEmrId = new Map<string, StoredPatient>();
  readonly #patientsByExternalId = new Map<string, StoredPatient>();
  /** Codes "texted to the patient", by the id of the appointment awaiting confirmation. */
  readonly #codes = new Map<string, string>();
  /** Pending two-step cancellation record by the id of the appointment it cancels. */
  readonly #pendingCancellation = new Map<string, string>();
  #appointmentSeq = 0;
  #patientSeq = 0;

  constructor(seed: SeedData, emr: string = seed.emr) {
    this.emr = emr;
    for (const careUnit of seed.care_units) this.careUnits.set(careUnit.id, careUnit);
    for (const service of seed.healthcare_services) this.services.set(service.id, service);
    for (const resource of seed.resources) this.resources.set(resource.id, resource);
    const zones = new Map(seed.resources.map((resource) => [resource.id, this.careUnits.get(resource.care_unit_id)?.time_zone ?? 'UTC']));
    this.schedules = new ScheduleBook(seed.schedules, zones);
    for (const patient of seed.patients) this.addPatient({ ...patient, phones: [...patient.phones], emails: [...patient.emails] });
    for (const appointment of seed.appointments) {
      const start = parseInstant(appointment.start);
      const end = parseInstant(appointment.end);
      // parseSeed has checked both; a failure here is a programming error.
      if (!start.ok || !end.ok) throw new Error(`appointment ${appointment.id} has unreadable times`);
      this.put({
        id: appointment.id,
        careUnitId: appointment.care_unit_id,
        resourceId: appointment.resource_id,
        patientId: appointment.patient_id,
        serviceId: appointment.healthcare_service_id,
        startMs: start.ms,
        endMs: end.ms,
        status: appointment.status,
        comment: appointment.comment,
        cancellationOf: null,
      });
      if (appointment.status === 'awaiting_confirmation') this.#codes.set(appointment.id, newConfirmationCode());
    }
  }

  zoneOfCareUnit(careUnitId: string): string {
    return this.careUnits.get(careUnitId)?.time_zone ?? 'UTC';
  }

  // -------------------------------------------------------------------------------------
  // Appointments.

  getAppointment(id: string): StoredAppointment | undefined {
    return this.#appointments.get(id);
  }

  /** Every appointment, cancelled and pending cancellations included, in id order of creation. */
  allAppointments(): StoredAppointment[] {
    return [...this.#appointments.values()];
  }

  /** Inserts or replaces a record and keeps the indexes in step. */
  put(appointment: StoredAppointment): void {
    const previous = this.#appointments.get(appointment.id);
    if (previous !== undefined) this.#unindex(previous);
    this.#appointments.set(appointment.id, appointment);
    this.#index(appointment);
  }

  #dayKeys(appointment: StoredAppointment): { careUnit: string[]; resource: string[] } {
    const dates = localDatesBetween(appointment.startMs, appointment.endMs, this.zoneOfCareUnit(appointment.careUnitId));
    return {
      careUnit: dates.map((date) => `${appointment.careUnitId}|${date}`),
      resource: dates.map((date) => `${appointment.resourceId}|${date}`),
    };
  }

  #index(appointment: StoredAppointment): void {
    if (appointment.cancellationOf !== null) {
      this.#pendingCancellation.set(appointment.cancellationOf, appointment.id);
      return;
    }
    const keys = this.#dayKeys(appointment);
    for (const key of keys.careUnit) addTo(this.#byCareUnitDay, key, appointment.id);
    for (const key of keys.resource) addTo(this.#byResourceDay, key, appointment.id);
  }

  #unindex(appointment: StoredAppointment): void {
    if (appointment.cancellationOf !== null) {
      if (this.#pendingCancellation.get(appointment.cancellationOf) === appointment.id) this.#pendingCancellation.delete(appointment.cancellationOf);
      return;
    }
    const keys = this.#dayKeys(appointment);
    for (const key of keys.careUnit) this.#byCareUnitDay.get(key)?.delete(appointment.id);
    for (const key of keys.resource) this.#byResourceDay.get(key)?.delete(appointment.id);
  }

  /**
   * Appointments of a care unit overlapping [startMs, endMs), every status, pending
   * cancellations left out; sorted by start, resource, id.
   */
  appointmentsInRange(careUnitId: string, startMs: number, endMs: number, filter: { patientId?: string; resourceId?: string } = {}): StoredAppointment[] {
    const zone = this.zoneOfCareUnit(careUnitId);
    const index = filter.resourceId === undefined ? this.#byCareUnitDay : this.#byResourceDay;
    const prefix = filter.resourceId ?? careUnitId;
    const seen = new Set<string>();
    const out: StoredAppointment[] = [];
    for (const date of localDatesBetween(startMs, endMs, zone)) {
      for (const id of index.get(`${prefix}|${date}`) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const appointment = this.#appointments.get(id);
        if (appointment === undefined || appointment.careUnitId !== careUnitId) continue;
        if (appointment.startMs >= endMs || appointment.endMs <= startMs) continue;
        if (filter.patientId !== undefined && appointment.patientId !== filter.patientId) continue;
        out.push(appointment);
      }
    }
    return out.sort(byStartResourceId);
  }

  /** What keeps a resource busy in [startMs, endMs): slot-holding appointments, sorted by start. */
  busyIntervals(resourceId: string, startMs: number, endMs: number, ignore: ReadonlySet<string> = new Set()): Interval[] {
    const zone = this.schedules.zoneOf(resourceId);
    const seen = new Set<string>();
    const out: Interval[] = [];
    for (const date of localDatesBetween(startMs, endMs, zone)) {
      for (const id of this.#byResourceDay.get(`${resourceId}|${date}`) ?? []) {
        if (seen.has(id) || ignore.has(id)) continue;
        seen.add(id);
        const appointment = this.#appointments.get(id);
        if (appointment === undefined || !holdsSlot(appointment)) continue;
        if (appointment.startMs >= endMs || appointment.endMs <= startMs) continue;
        out.push({ startMs: appointment.startMs, endMs: appointment.endMs });
      }
    }
    return out.sort((a, b) => a.startMs - b.startMs);
  }

  /** The pending two-step cancellation of an appointment, if one waits for its code. */
  pendingCancellationOf(appointmentId: string): StoredAppointment | undefined {
    const id = this.#pendingCancellation.get(appointmentId);
    return id === undefined ? undefined : this.#appointments.get(id);
  }

  newAppointmentId(): string {
    let id: string;
    do id = `sbx-apt-${String(++this.#appointmentSeq).padStart(6, '0')}`;
    while (this.#appointments.has(id));
    return id;
  }

  toWire(appointment: StoredAppointment): WireAppointment {
    let wire = this.#wire.get(appointment);
    if (wire === undefined) {
      const zone = this.zoneOfCareUnit(appointment.careUnitId);
      wire = {
        id: appointment.id,
        status: appointment.status,
        care_unit_id: appointment.careUnitId,
        start: formatInstant(appointment.startMs, zone),
        end: formatInstant(appointment.endMs, zone),
        comment: appointment.comment,
        patient_id: appointment.patientId,
        resource_id: appointment.resourceId,
        healthcare_service_id: appointment.serviceId,
        ...(appointment.cancellationOf !== null && { cancellation_of: appointment.cancellationOf }),
      };
      this.#wire.set(appointment, wire);
    }
    return wire;
  }

  // -------------------------------------------------------------------------------------
  // Confirmation codes.

  codeFor(appointmentId: string): string | undefined {
    return this.#codes.get(appointmentId);
  }

  setCode(appointmentId: string, code: string): void {
    this.#codes.set(appointmentId, code);
  }

  dropCode(appointmentId: string): void {
    this.#codes.delete(appointmentId);
  }

  // -------------------------------------------------------------------------------------
  // Patients.

  getPatient(id: string): StoredPatient | undefined {
    return this.#patients.get(id);
  }

  allPatients(): StoredPatient[] {
    return [...this.#patients.values()];
  }

  /** By Leyr id first, then by the EHR's own id; within one care unit. */
  findPatientByEmrId(careUnitId: string, value: string): StoredPatient | undefined {
    const byId = this.#patients.get(value);
    if (byId !== undefined && byId.care_unit_id === careUnitId) return byId;
    return this.#patientsByEmrId.get(`${careUnitId}|${value}`);
  }

  /** By personal number (12 digits) within one care unit; the first such record when a seed holds several. */
  findPatientByExternalId(careUnitId: string, externalId: string): StoredPatient | undefined {
    return this.#patientsByExternalId.get(`${careUnitId}|${externalId}`);
  }

  addPatient(patient: StoredPatient): void {
    this.#patients.set(patient.id, patient);
    if (patient.emr_id !== null) {
      const key = `${patient.care_unit_id}|${patient.emr_id}`;
      if (!this.#patientsByEmrId.has(key)) this.#patientsByEmrId.set(key, patient);
    }
    const key = `${patient.care_unit_id}|${patient.external_id}`;
    if (!this.#patientsByExternalId.has(key)) this.#patientsByExternalId.set(key, patient);
  }

  newPatientIds(): { id: string; emrId: string } {
    let n: number;
    do n = ++this.#patientSeq;
    while (this.#patients.has(`sbx-pat-${String(n).padStart(6, '0')}`));
    return { id: `sbx-pat-${String(n).padStart(6, '0')}`, emrId: `sbx-${String(n).padStart(6, '0')}` };
  }
}

function addTo(index: Map<string, Set<string>>, key: string, id: string): void {
  let set = index.get(key);
  if (set === undefined) {
    set = new Set();
    index.set(key, set);
  }
  set.add(id);
}

function byStartResourceId(a: StoredAppointment, b: StoredAppointment): number {
  return a.startMs - b.startMs || compare(a.resourceId, b.resourceId) || compare(a.id, b.id);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
