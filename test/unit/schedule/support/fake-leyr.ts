// A Leyr in memory for the schedule's unit tests: one care unit in Stockholm, its
// appointments, and failures queued per call (a dropped connection, a refusal).
import type { Appointment, LeyrApi, Patient } from '../../../../main/leyr/api.ts';
import { LeyrError } from '../../../../main/leyr/errors.ts';
import type { AppointmentRecord } from '../../../../main/store/records.ts';

type Method = Exclude<keyof LeyrApi, 'emr' | 'careUnitId'>;

export interface FakeLeyr {
  api: LeyrApi;
  appointments: Map<string, Appointment>;
  patients: Map<string, Patient>;
  /** Calls made, by method, in order. */
  calls: { method: Method; args: unknown[] }[];
  /** The next call of `method` rejects with `error`. */
  failNext(method: Method, error: Error): void;
  /** Calls of `method` wait until the returned function is called. */
  hold(method: Method): () => void;
}

export const wire = (r: AppointmentRecord): Appointment => ({
  id: r.id,
  status: r.status,
  care_unit_id: r.careUnitId,
  start: r.start,
  end: r.end,
  comment: r.comment,
  patient_id: r.patientId,
  resource_id: r.resourceId,
  healthcare_service_id: r.serviceId,
});

export const networkError = (): LeyrError => new LeyrError({ kind: 'network', message: 'connection dropped' });
export const refusal = (code = 'NO_TIMESLOTS_AVAILABLE'): LeyrError => new LeyrError({ kind: 'http', status: 400, message: `Leyr refused: ${code}`, code: 'BAD_REQUEST', errorCodes: [code] });

export function fakeLeyr(records: AppointmentRecord[] = []): FakeLeyr {
  const appointments = new Map(records.map((r) => [r.id, wire(r)]));
  const patients = new Map<string, Patient>();
  const calls: FakeLeyr['calls'] = [];
  const failures = new Map<Method, Error[]>();
  const held = new Map<Method, Promise<void>>();
  let created = 0;

  const call = async <T>(method: Method, args: unknown[], answer: () => T): Promise<T> => {
    calls.push({ method, args });
    await held.get(method);
    const error = failures.get(method)?.shift();
    if (error !== undefined) throw error;
    return answer();
  };
  const update = (id: string, change: Partial<Appointment>): Appointment => {
    const found = appointments.get(id);
    if (found === undefined) throw new LeyrError({ kind: 'http', status: 404, message: 'no such appointment' });
    const next = { ...found, ...change };
    appointments.set(id, next);
    return next;
  };

  const api: LeyrApi = {
    emr: 'webdoc',
    careUnitId: 'L0_1',
    listCareUnits: () => call('listCareUnits', [], () => [{ id: 'L0_1', name: 'Vårdcentralen', time_zone: 'Europe/Stockholm' }]),
    listResources: () => call('listResources', [], () => [{ id: 'res-001', name: 'Dr. Åsa' }, { id: 'res-002', name: 'Dr. Per' }]),
    listHealthcareServices: () => call('listHealthcareServices', [], () => [{ id: 'svc-30', name: 'Besök', duration_minutes: 30 }]),
    listTimeslots: (query) => call('listTimeslots', [query], () => []),
    searchPatients: (query) => call('searchPatients', [query], () => [...patients.values()].filter((p) => (query.first_name === undefined || p.first_name === query.first_name) && (query.last_name === undefined || p.last_name === query.last_name))),
    getPatient: (id) =>
      call('getPatient', [id], () => {
        const plain = id.startsWith('emr_id:') ? id.slice('emr_id:'.length) : id;
        const patient = patients.get(plain) ?? [...patients.values()].find((p) => `se_personal_number:${p.external_id}` === id || `no_personal_number:${p.external_id}` === id);
        if (patient === undefined) throw new LeyrError({ kind: 'http', status: 400, message: 'unknown patient', errorCodes: ['INVALID_PATIENT_ID'] });
        return patient;
      }),
    // Idempotent on the personal number, as Leyr's: a patient already there is answered as registered.
    createPatient: (patient) =>
      call('createPatient', [patient], () => {
        const registered = [...patients.values()].find((p) => p.external_id === patient.external_id);
        if (registered !== undefined) return registered;
        const made: Patient = { id: `pat-new-${patients.size}`, emr_id: null, first_name: patient.first_name, last_name: patient.last_name, care_unit_id: 'L0_1', external_id: patient.external_id };
        patients.set(made.id, made);
        return made;
      }),
    listAppointments: (query) =>
      call('listAppointments', [query], () =>
        [...appointments.values()].filter(
          (a) =>
            Date.parse(a.start) >= Date.parse(query.start) &&
            Date.parse(a.start) < Date.parse(query.end) &&
            (query.patient_id === undefined || a.patient_id === query.patient_id) &&
            (query.resource_id === undefined || a.resource_id === query.resource_id),
        ),
      ),
    createAppointment: (appointment) =>
      call('createAppointment', [appointment], () => {
        created += 1;
        const made: Appointment = { id: `apt-new-${created}`, status: 'booked', care_unit_id: 'L0_1', start: appointment.start, end: appointment.end, comment: appointment.comment ?? null, patient_id: appointment.patient_id, resource_id: appointment.resource_id, healthcare_service_id: appointment.healthcare_service_id ?? null };
        appointments.set(made.id, made);
        return [made];
      }),
    updateAppointment: (id, change) => call('updateAppointment', [id, change], () => update(id, change)),
    bulkUpdateAppointments: (change) => call('bulkUpdateAppointments', [change], () => change.ids.map((id) => update(id, change.resource_id === undefined ? {} : { resource_id: change.resource_id }))),
    cancelAppointment: (id, comment) => call('cancelAppointment', [id, comment], () => update(id, { status: 'cancelled', comment })),
    cancelAppointments: (ids, comment) => call('cancelAppointments', [ids, comment], () => ids.map((id) => update(id, { status: 'cancelled', comment }))),
    confirmAppointment: (id, code) => call('confirmAppointment', [id, code], () => update(id, { status: 'booked' })),
  };

  return {
    api,
    appointments,
    patients,
    calls,
    failNext(method, error) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    hold(method) {
      let release: () => void = () => {};
      held.set(method, new Promise((resolve) => (release = resolve)));
      return () => {
        held.delete(method);
        release();
      };
    },
  };
}
