// What the API's answers look like: the strict or lenient profile's fields, and the
// response-shaping faults on top (faults.ts). The rules work on the sandbox's full records;
// only here do they become what a client sees.
//
// Strict (Leyr as documented, plus the [choice] fields the app cannot do without):
// - care unit {id, name}; resource {id, name}; healthcare service {id, name, duration_minutes}
// - timeslot {start, end, resource_id, healthcare_service_id}
// - patient {id, emr_id, first_name, last_name, care_unit_id}
// - appointment {id, status, care_unit_id, start, end, comment, patient_id, resource_id,
//   healthcare_service_id}: never `cancellation_of`.
// Lenient adds: care unit `time_zone`, `slot_minutes`; resource `care_unit_id`,
// `healthcare_service_ids`, `hsa_id`; patient `external_id`, `phones`, `emails`; and
// `cancellation_of` on a pending two-step cancellation.
import type { ChoiceField, Malformed, ResponseFaults } from './faults.ts';
import type { SeedCareUnit, SeedHealthcareService, SeedResource } from './seed.ts';
import type { StoredPatient, WireAppointment } from './state.ts';

export interface AnswerShape {
  strict: boolean;
  faults: ResponseFaults | null;
}

export interface WireTimeslot {
  start: string;
  end: string;
  resource_id: string;
  healthcare_service_id: string;
}

export type WireObject = Record<string, unknown>;

export function presentCareUnit(shape: AnswerShape, careUnit: SeedCareUnit): WireObject {
  const { id, name, time_zone, slot_minutes } = careUnit;
  return shape.strict ? { id, name } : { id, name, time_zone, slot_minutes };
}

export function presentResource(shape: AnswerShape, resource: SeedResource): WireObject {
  if (shape.strict) return { id: resource.id, name: resource.name };
  return {
    id: resource.id,
    name: resource.name,
    care_unit_id: resource.care_unit_id,
    healthcare_service_ids: [...resource.healthcare_service_ids],
    ...(resource.hsa_id !== undefined && { hsa_id: resource.hsa_id }),
  };
}

export function presentService(_shape: AnswerShape, service: SeedHealthcareService): WireObject {
  const { id, name, duration_minutes } = service;
  return { id, name, duration_minutes };
}

/** A patient as the API answers it (the control endpoint's full record is patients.ts's toWirePatient). */
export function presentPatient(shape: AnswerShape, patient: StoredPatient): WireObject {
  const base = { id: patient.id, emr_id: patient.emr_id, first_name: patient.first_name, last_name: patient.last_name, care_unit_id: patient.care_unit_id };
  if (shape.strict) return base;
  return { ...base, external_id: patient.external_id, phones: [...patient.phones], emails: [...patient.emails] };
}

const OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/;

/** The care unit's wall-clock time without its offset: what a careless server answers. */
const naive = (time: unknown): unknown => (typeof time === 'string' ? time.replace(OFFSET, '') : time);

function dropFields(record: WireObject, fields: readonly ChoiceField[]): void {
  for (const field of fields) delete record[field];
}

/** One appointment; the record is shared (cached), so anything changed is changed on a copy. */
export function presentAppointment(shape: AnswerShape, appointment: WireAppointment): WireObject {
  let out: WireObject = appointment as unknown as WireObject;
  if (shape.strict && appointment.cancellation_of !== undefined) {
    const { cancellation_of: _link, ...documented } = appointment;
    out = documented;
  }
  const faults = shape.faults;
  if (faults === null || (faults.omitFields.length === 0 && faults.nullFields.length === 0 && !faults.naiveTimes)) return out;
  const copy: WireObject = { ...out };
  dropFields(copy, faults.omitFields);
  for (const field of faults.nullFields) copy[field] = null;
  if (faults.naiveTimes) {
    copy.start = naive(copy.start);
    copy.end = naive(copy.end);
  }
  return copy;
}

export function presentTimeslot(shape: AnswerShape, slot: WireTimeslot): WireObject {
  if (shape.faults?.naiveTimes === true) return { ...slot, start: naive(slot.start), end: naive(slot.end) };
  return slot as unknown as WireObject;
}

function breakItem(items: WireObject[], malformed: Malformed): WireObject[] {
  if (items.length === 0) return items;
  const index = Math.min(malformed.index, items.length - 1);
  const broken: WireObject = { ...items[index] };
  if (malformed.value === undefined) delete broken[malformed.field];
  else broken[malformed.field] = malformed.value;
  const out = [...items];
  out[index] = broken;
  return out;
}

/** A list answer: its items, with one broken when the faults say so. */
export function presentList(shape: AnswerShape, list: 'appointments' | 'timeslots', items: WireObject[]): WireObject[] {
  const malformed = shape.faults?.malformed ?? null;
  return malformed !== null && malformed.list === list ? breakItem(items, malformed) : items;
}

/** How far list answers reach past the asked range on each side. */
export const rangeSlackMs = (shape: AnswerShape): number => shape.faults?.outOfRangeMs ?? 0;
