// A small clinic for "the first free time": two doctors who work every weekday morning and
// afternoon, and one (Dr. Sara Gles) who works only Wednesdays 08:00–09:00 and alone offers
// the hour-long visit: one free hour a week, the sparse case, so that ten of them take a
// search over more than one four-week window. Weekly schedules, so any "today" has free time.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FREE_CLINIC = {
  short: 'svc-30',
  long: 'svc-60',
  anna: 'res-a',
  bo: 'res-b',
  sara: 'res-s',
  patient: 'pat-1',
} as const;

export function freeTimeClinicSeed(): object {
  const workday = { weekdays: [1, 2, 3, 4, 5], start: '08:00', end: '16:00', breaks: [{ start: '12:00', end: '13:00' }] };
  return {
    emr: 'webdoc',
    care_units: [{ id: 'L0_1', name: 'Vårdcentralen Fri tid', time_zone: 'Europe/Stockholm', slot_minutes: 15 }],
    healthcare_services: [
      { id: FREE_CLINIC.short, name: 'Mottagningsbesök', duration_minutes: 30 },
      { id: FREE_CLINIC.long, name: 'Långt besök', duration_minutes: 60 },
    ],
    resources: [
      // Listed out of name order: results are sorted by name, not by how Leyr lists them.
      { id: FREE_CLINIC.sara, name: 'Dr. Sara Gles', care_unit_id: 'L0_1', healthcare_service_ids: [FREE_CLINIC.short, FREE_CLINIC.long] },
      { id: FREE_CLINIC.bo, name: 'Dr. Bo Lind', care_unit_id: 'L0_1', healthcare_service_ids: [FREE_CLINIC.short] },
      { id: FREE_CLINIC.anna, name: 'Dr. Anna Ek', care_unit_id: 'L0_1', healthcare_service_ids: [FREE_CLINIC.short] },
    ],
    schedules: [
      { resource_id: FREE_CLINIC.anna, ...workday },
      { resource_id: FREE_CLINIC.bo, ...workday },
      { resource_id: FREE_CLINIC.sara, weekdays: [3], start: '08:00', end: '09:00', breaks: [] },
    ],
    patients: [{ id: FREE_CLINIC.patient, emr_id: 'wd-1', first_name: 'Tolvan', last_name: 'Tolvansson', external_id: '191212121212', phones: ['+46701234567'], emails: [], care_unit_id: 'L0_1' }],
    appointments: [],
  };
}

/** Writes the seed to a file of its own (the harness and the web host read seed files). */
export function writeFreeTimeClinic(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'frontdesk-free-')), 'free-time-clinic.json');
  writeFileSync(file, JSON.stringify(freeTimeClinicSeed(), null, 2));
  return file;
}
