// Lenient readers for Leyr's answers. Leyr documents only part of its shapes and the EHRs
// behind it differ, so the readers insist on what the app cannot work without (ids, times,
// a status) and are forgiving about the rest: extra fields are kept, statuses are open
// strings, descriptive fields that are missing or odd become null, numeric ids become
// strings, and a single object is accepted where an array is documented.
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Appointment, CareUnit, HealthcareService, Patient, Resource, Timeslot } from './api.ts';
import { LeyrError } from './errors.ts';

/** EHR ids are sometimes numbers on the wire; the app treats every id as a string. */
const id = z.union([z.string().min(1), z.number().transform(String)]);

/** An id that may be absent; absent, null or unreadable become null. */
const optionalId = id.nullish().catch(null).transform((value) => value ?? null);

/** Descriptive text (names, comments): absent, null or not text become null. */
const optionalText = z.string().nullish().catch(null).transform((value) => value ?? null);

/** An instant: any ISO 8601 date-time luxon can read; the raw text is kept as sent. */
const instant = z.string().refine((value) => DateTime.fromISO(value, { setZone: true }).isValid, {
  message: 'expected an ISO 8601 date-time',
});

/** A number that may be absent or sent as a numeric string. */
const optionalMinutes = z
  .union([z.number(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)])
  .nullish()
  .catch(null)
  .transform((value) => value ?? null);

export const careUnitSchema = z.looseObject({ id, name: optionalText });
export const resourceSchema = z.looseObject({ id, name: optionalText });
export const healthcareServiceSchema = z.looseObject({ id, name: optionalText, duration_minutes: optionalMinutes });
export const timeslotSchema = z.looseObject({
  start: instant,
  end: instant,
  resource_id: id,
  healthcare_service_id: optionalId,
});
export const patientSchema = z.looseObject({
  id,
  emr_id: optionalId,
  first_name: optionalText,
  last_name: optionalText,
  care_unit_id: optionalId,
  external_id: optionalId,
});
export const appointmentSchema = z.looseObject({
  id,
  // Open: a status Leyr adds later is surfaced as its raw text, never dropped.
  status: z.string().min(1),
  care_unit_id: optionalId,
  start: instant,
  end: instant,
  comment: optionalText,
  patient_id: optionalId,
  resource_id: optionalId,
  healthcare_service_id: optionalId,
});

const isObject = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value);

/** An array as documented, or a single object standing in for a one-item array. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (isObject(value) ? [value] : value), z.array(item));
}

/** One object as documented, or a one-item array standing in for it. */
export function oneOf<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (Array.isArray(value) && value.length === 1 ? value[0] : value), item);
}

export const careUnitList = listOf(careUnitSchema);
export const resourceList = listOf(resourceSchema);
export const healthcareServiceList = listOf(healthcareServiceSchema);
export const timeslotList = listOf(timeslotSchema);
export const patientList = listOf(patientSchema);
export const appointmentList = listOf(appointmentSchema);
export const onePatient = oneOf(patientSchema);
export const oneAppointment = oneOf(appointmentSchema);

// Compile-time check that the readers produce the entity types of api.ts.
type Produces<S extends z.ZodType, T> = z.output<S> extends T ? true : never;
const readersMatchApi: [
  Produces<typeof careUnitSchema, CareUnit>,
  Produces<typeof resourceSchema, Resource>,
  Produces<typeof healthcareServiceSchema, HealthcareService>,
  Produces<typeof timeslotSchema, Timeslot>,
  Produces<typeof patientSchema, Patient>,
  Produces<typeof appointmentSchema, Appointment>,
] = [true, true, true, true, true, true];
void readersMatchApi;

function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.length === 0 ? 'the answer' : issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
    return `${path.replace(/^\./, '')}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return shown.join('; ') + more;
}

/** Reads an answer body with a schema; anything unreadable becomes an 'invalid-response' LeyrError. */
export function readAnswer<S extends z.ZodType>(schema: S, body: unknown, context: { operation: string; status: number }): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  return invalidResponse(`Leyr's answer to ${context.operation} was not understood: ${describeIssues(result.error)}`, context);
}

export function invalidResponse(message: string, context: { operation: string; status: number }, cause?: unknown): never {
  throw new LeyrError({ kind: 'invalid-response', message, status: context.status, operation: context.operation, cause });
}
