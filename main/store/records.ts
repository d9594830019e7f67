// The shapes the local store keeps, and the readers that turn SQLite rows and JSON columns
// back into them. The file is ours, but it lives on a disk a user or a crash can touch:
// every value read is checked, and a row that does not fit is a StoreError, not a guess.
import type { SQLOutputValue } from 'node:sqlite';
import { z } from 'zod';
import { StoreError } from './database.ts';

/** One appointment as the store keeps it (server copy or local overlay). */
export interface AppointmentRecord {
  id: string;
  /** Local date of `start` in the care unit's zone (YYYY-MM-DD): the day it is shown on. */
  date: string;
  /** ISO 8601 with offset, as Leyr sent it (or as the app will send it). */
  start: string;
  end: string;
  resourceId: string | null;
  patientId: string | null;
  serviceId: string | null;
  status: string;
  comment: string | null;
  careUnitId: string | null;
}

export const appointmentRecordSchema = z.object({
  id: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  start: z.string().min(1),
  end: z.string().min(1),
  resourceId: z.string().nullable(),
  patientId: z.string().nullable(),
  serviceId: z.string().nullable(),
  status: z.string().min(1),
  comment: z.string().nullable(),
  careUnitId: z.string().nullable(),
}) satisfies z.ZodType<AppointmentRecord>;

export interface ResourceRecord {
  id: string;
  name: string | null;
}

export interface ServiceRecord {
  id: string;
  name: string | null;
  durationMinutes: number | null;
}

export interface TimeslotRecord {
  resourceId: string;
  serviceId: string | null;
  start: string;
  end: string;
}

export interface PatientRecord {
  id: string;
  emrId: string | null;
  firstName: string | null;
  lastName: string | null;
  /** The personal number (or other external id) where Leyr gave one. */
  externalId: string | null;
}

export type Row = Record<string, SQLOutputValue>;

export function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new StoreError(`The local store has a bad value in ${column}: expected text.`);
  return value;
}

export function textOrNull(row: Row, column: string): string | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new StoreError(`The local store has a bad value in ${column}: expected text or nothing.`);
  return value;
}

export function integer(row: Row, column: string): number {
  const value = row[column];
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new StoreError(`The local store has a bad value in ${column}: expected an integer.`);
  return value;
}

export function integerOrNull(row: Row, column: string): number | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  return integer(row, column);
}

/** Reads a JSON column with its schema. */
export function json<S extends z.ZodType>(schema: S, row: Row, column: string): z.output<S> {
  const raw = text(row, column);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new StoreError(`The local store has unreadable JSON in ${column}.`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new StoreError(`The local store has an unexpected value in ${column}: ${result.error.issues[0]?.message ?? 'bad shape'}.`);
  return result.data;
}

export function jsonOrNull<S extends z.ZodType>(schema: S, row: Row, column: string): z.output<S> | null {
  return row[column] === null || row[column] === undefined ? null : json(schema, row, column);
}

/** Columns of the appointments and appointment_overlay tables, in one order. */
export const APPOINTMENT_COLUMNS = 'id, date, start, end, resource_id, patient_id, service_id, status, comment, care_unit_id';

export function appointmentFromRow(row: Row): AppointmentRecord {
  return {
    id: text(row, 'id'),
    date: text(row, 'date'),
    start: text(row, 'start'),
    end: text(row, 'end'),
    resourceId: textOrNull(row, 'resource_id'),
    patientId: textOrNull(row, 'patient_id'),
    serviceId: textOrNull(row, 'service_id'),
    status: text(row, 'status'),
    comment: textOrNull(row, 'comment'),
    careUnitId: textOrNull(row, 'care_unit_id'),
  };
}

/** Milliseconds since the epoch of an ISO instant with offset; a StoreError when unreadable. */
export function instantMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new StoreError(`Not an instant: ${JSON.stringify(iso.slice(0, 40))}.`);
  return ms;
}

/**
 * Same booking: same id, time (compared as instants: offsets may be written differently),
 * resource, patient, service and status. The comment is left out on purpose: the app's
 * changes never depend on it, and an EHR may rewrite it (a cancel stores its reason there),
 * so counting it would report collisions that are not.
 */
export function sameAppointment(a: AppointmentRecord | null, b: AppointmentRecord | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.id === b.id &&
    Date.parse(a.start) === Date.parse(b.start) &&
    Date.parse(a.end) === Date.parse(b.end) &&
    a.resourceId === b.resourceId &&
    a.patientId === b.patientId &&
    a.serviceId === b.serviceId &&
    a.status === b.status
  );
}
