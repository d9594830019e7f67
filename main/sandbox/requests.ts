// The shapes of request bodies and query strings, checked with zod before any rule runs. A
// check that fails becomes Leyr's 400 envelope with the documented `error_code` for the
// reason: a missing field is MISSING_REQUIRED_FIELD, a long comment INVALID_COMMENT_LENGTH,
// too many ids MAX_ITEMS_EXCEEDED, anything else malformed BAD_INPUT.
import { z } from 'zod';
import { badRequest, LeyrRefusal, type BadRequestCode, type ErrorItem } from './errors.ts';
import { nationalIdSchema } from './national-id.ts';
import { parseInstant } from './time.ts';

/** Longest comment the sandbox accepts (Leyr documents a limit exists, not its size). */
export const COMMENT_MAX_LENGTH = 1000;
/** Most ids a bulk PATCH may name. */
export const BULK_MAX_IDS = 500;
/** Longest range a timeslots query may span. */
export const TIMESLOT_RANGE_MAX_DAYS = 31;
/** Longest range an appointments query may span. */
export const APPOINTMENT_RANGE_MAX_DAYS = 92;

const id = z.string().min(1, 'must not be empty').max(200, 'is longer than 200 characters');

/** An instant with an explicit offset, read to epoch milliseconds. */
const instant = z.string().transform((text, ctx) => {
  const parsed = parseInstant(text);
  if (parsed.ok) return parsed.ms;
  ctx.addIssue({ code: 'custom', message: parsed.message });
  return z.NEVER;
});

const comment = z.string().max(COMMENT_MAX_LENGTH, `must be at most ${COMMENT_MAX_LENGTH} characters`);

export const createAppointmentBody = z.strictObject({
  start: instant,
  end: instant,
  patient_id: id,
  resource_id: id,
  healthcare_service_id: id.nullish(),
  comment: comment.nullish(),
});
export type CreateAppointmentBody = z.output<typeof createAppointmentBody>;

const cancelledOnly = z.string().refine((status) => status === 'cancelled', {
  message: 'may only be "cancelled"; other changes are made by their own fields',
});

export const updateAppointmentBody = z.strictObject({
  start: instant.optional(),
  end: instant.optional(),
  resource_id: id.optional(),
  comment: comment.nullable().optional(),
  status: cancelledOnly.optional(),
  confirmation: z.strictObject({ code: z.string().min(1, 'must not be empty').max(20, 'is longer than 20 characters') }).optional(),
});
export type UpdateAppointmentBody = z.output<typeof updateAppointmentBody>;

export const bulkUpdateBody = z.strictObject({
  ids: z
    .array(id)
    .min(1, 'must name at least one appointment')
    .max(BULK_MAX_IDS, `may name at most ${BULK_MAX_IDS} appointments`)
    .superRefine((ids, ctx) => {
      const seen = new Set<string>();
      ids.forEach((value, index) => {
        if (seen.has(value)) ctx.addIssue({ code: 'custom', message: `names "${value}" twice`, path: [index] });
        seen.add(value);
      });
    }),
  start: instant.optional(),
  end: instant.optional(),
  resource_id: id.optional(),
  comment: comment.nullable().optional(),
  status: cancelledOnly.optional(),
});
export type BulkUpdateBody = z.output<typeof bulkUpdateBody>;

const personName = z.string().trim().min(1, 'must not be empty').max(100, 'is longer than 100 characters');

export const newPatientBody = z.strictObject({
  first_name: personName,
  last_name: personName,
  external_id: nationalIdSchema,
  phones: z.array(z.string().trim().min(1).max(50)).max(10).optional(),
  emails: z.array(z.string().trim().min(1).max(200)).max(10).optional(),
});
export type NewPatientBody = z.output<typeof newPatientBody>;

export const timeslotQuery = z.object({
  start: instant,
  end: instant,
  resource_id: id.optional(),
  healthcare_service_id: id.optional(),
});
export const appointmentQuery = z.object({
  start: instant,
  end: instant,
  patient_id: id.optional(),
  resource_id: id.optional(),
});
export const patientQuery = z.object({
  first_name: z.string().max(100).optional(),
  last_name: z.string().max(100).optional(),
});

// ---------------------------------------------------------------------------------------

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out === '' ? String(part) : `${out}.${String(part)}`), '');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

function errorCodeFor(issue: z.core.$ZodIssue, input: unknown): BadRequestCode {
  const [head] = issue.path;
  if (issue.code === 'invalid_type' && issue.path.length > 0 && valueAt(input, issue.path) === undefined) return 'MISSING_REQUIRED_FIELD';
  if (issue.code === 'too_big' && head === 'comment') return 'INVALID_COMMENT_LENGTH';
  if (issue.code === 'too_big' && head === 'ids' && issue.path.length === 1) return 'MAX_ITEMS_EXCEEDED';
  return 'BAD_INPUT';
}

/** Reads `input` with `schema`, or throws the 400 that names every problem. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const items: ErrorItem[] = parsed.error.issues.map((issue) => {
    const path = formatPath(issue.path);
    const message = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}` : issue.message;
    return { error_code: errorCodeFor(issue, input), details: path === '' ? `${what}: ${message}` : `${path}: ${message}`, emr_error: null, path: path === '' ? null : path };
  });
  // MISSING_REQUIRED_FIELD and the limits say more than a generic BAD_INPUT: lead with them.
  items.sort((a, b) => Number(a.error_code === 'BAD_INPUT') - Number(b.error_code === 'BAD_INPUT'));
  const first = items[0];
  const more = items.length > 1 ? ` (and ${items.length - 1} more)` : '';
  return fail(new LeyrRefusal('BAD_REQUEST', 400, `${first?.details ?? `${what} is invalid`}${more}`, items));
}

function fail(refusal: LeyrRefusal): never {
  throw refusal;
}

/**
 * A query string as a plain object: each parameter once, and only the ones the endpoint
 * knows, so a typo is an error instead of a silently ignored filter.
 */
export function readQuery(params: URLSearchParams, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!allowed.includes(key)) throw badRequest('BAD_INPUT', `Unknown query parameter "${key}"; this endpoint takes ${allowed.join(', ')}.`, key);
    if (Object.hasOwn(out, key)) throw badRequest('BAD_INPUT', `Query parameter "${key}" is given more than once.`, key);
    out[key] = value;
  }
  return out;
}

/** Checks that a range runs forwards and is not longer than `maxDays` (in elapsed time). */
export function checkRange(startMs: number, endMs: number, maxDays: number): void {
  if (endMs <= startMs) throw badRequest('BAD_INPUT', 'end must be after start.', 'end');
  // A calendar day is at most 25 hours; the limit is generous by that hour per day.
  if (endMs - startMs > maxDays * 25 * 3_600_000) throw badRequest('BAD_INPUT', `The range may span at most ${maxDays} days.`, 'end');
}
