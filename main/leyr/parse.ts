// Lenient readers for Leyr's answers. Leyr documents only part of its shapes and the EHRs
// behind it differ, so the readers insist on what the app cannot work without (ids, times,
// a status) and are forgiving about the rest: extra fields are kept, statuses are open
// strings, descriptive fields that are missing or odd become null, numeric ids become
// strings, and a single object is accepted where an array is documented. List answers are
// read item by item (readListItems): one item that cannot be read is skipped and counted,
// never the end of the whole answer. Times without an offset are the care unit's wall-clock
// time (instantIn).
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Appointment, CareUnit, HealthcareService, Patient, Resource, Timeslot } from './api.ts';
import { LeyrError } from './errors.ts';
import { offsetInstantMs } from './lists.ts';

/** EHR ids are sometimes numbers on the wire; the app treats every id as a string. */
const id = z.union([z.string().min(1), z.number().transform(String)]);

/** An id that may be absent; absent, null or unreadable become null. */
const optionalId = id.nullish().catch(null).transform((value) => value ?? null);

/** Descriptive text (names, comments): absent, null or not text become null. */
const optionalText = z.string().nullish().catch(null).transform((value) => value ?? null);

/** A time with an explicit offset at its end: `Z`, `+01`, `+0100` or `+01:00`. */
const WITH_OFFSET = /T.*(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * An instant: any ISO 8601 date-time luxon can read. One with an offset is kept as sent; one
 * without is the care unit's wall-clock time (`zone`), never the computer's, and is rewritten
 * with its offset (`2026-03-23T08:00:00` → `2026-03-23T08:00:00+01:00`), so that everything
 * downstream (Date.parse included) reads the same instant.
 */
const instantIn = (zone: string) =>
  z
    .string()
    .refine((value) => offsetInstantMs(value) !== null || DateTime.fromISO(value, { setZone: true }).isValid, { message: 'expected an ISO 8601 date-time' })
    .transform((value) => {
      if (WITH_OFFSET.test(value)) return value;
      const local = DateTime.fromISO(value, { zone });
      return local.toISO({ suppressMilliseconds: true }) ?? value;
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
export const timeslotSchemaIn = (zone: string) =>
  z.looseObject({
    start: instantIn(zone),
    end: instantIn(zone),
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
export const appointmentSchemaIn = (zone: string) =>
  z.looseObject({
    id,
    // Open: a status Leyr adds later is surfaced as its raw text, never dropped.
    status: z.string().min(1),
    care_unit_id: optionalId,
    start: instantIn(zone),
    end: instantIn(zone),
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

/** The readers of one client: times without an offset are read in its care unit's `zone`. */
export function answerReaders(zone: string) {
  const timeslot = timeslotSchemaIn(zone);
  const appointment = appointmentSchemaIn(zone);
  return {
    careUnit: careUnitSchema,
    resource: resourceSchema,
    healthcareService: healthcareServiceSchema,
    timeslot,
    patient: patientSchema,
    appointment,
    onePatient: oneOf(patientSchema),
    oneAppointment: oneOf(appointment),
    /** Write answers: read whole (their items are paired with what was sent). */
    appointmentList: listOf(appointment),
  };
}

// Compile-time check that the readers produce the entity types of api.ts.
type Produces<S extends z.ZodType, T> = z.output<S> extends T ? true : never;
const readersMatchApi: [
  Produces<typeof careUnitSchema, CareUnit>,
  Produces<typeof resourceSchema, Resource>,
  Produces<typeof healthcareServiceSchema, HealthcareService>,
  Produces<ReturnType<typeof timeslotSchemaIn>, Timeslot>,
  Produces<typeof patientSchema, Patient>,
  Produces<ReturnType<typeof appointmentSchemaIn>, Appointment>,
] = [true, true, true, true, true, true];
void readersMatchApi;

function describeIssues(error: z.ZodError, whole = 'the answer'): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.length === 0 ? whole : issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
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

/** An item of a list answer that could not be read: where it was and which fields failed (never their values). */
export interface UnreadableItem {
  index: number;
  problems: string;
}

/**
 * Reads a list answer item by item: the answer must be a list (or one object standing in for
 * a one-item list), else the whole answer is an 'invalid-response' LeyrError; an item that
 * cannot be read is left out and reported, and the rest are kept. `prepare` may complete a raw
 * item before it is read (a field the request's filter implies).
 */
export function readListItems<S extends z.ZodType>(
  item: S,
  body: unknown,
  context: { operation: string; status: number },
  prepare: (raw: unknown) => unknown = (raw) => raw,
): { items: z.output<S>[]; unreadable: UnreadableItem[] } {
  const list = isObject(body) ? [body] : body;
  if (!Array.isArray(list)) return invalidResponse(`Leyr's answer to ${context.operation} was not understood: the answer: expected a list`, context);
  const items: z.output<S>[] = [];
  const unreadable: UnreadableItem[] = [];
  list.forEach((raw: unknown, index) => {
    const result = item.safeParse(prepare(raw));
    if (result.success) items.push(result.data);
    else unreadable.push({ index, problems: describeIssues(result.error, 'the item') });
  });
  return { items, unreadable };
}

export function invalidResponse(message: string, context: { operation: string; status: number }, cause?: unknown): never {
  throw new LeyrError({ kind: 'invalid-response', message, status: context.status, operation: context.operation, cause });
}
