// The sandbox's seed: a whole clinic in the format of docs/seed-format.md. A seed is
// a trust boundary (a file anyone can edit), so it is checked in full before the sandbox
// starts: shapes with zod, then the references between entities. A bad seed is a SeedError
// naming the JSON path, e.g. `appointments[12].start: naive datetime …`.
import { readFile } from 'node:fs/promises';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { personalNumberSchema } from '../leyr/ids.ts';
import { nationalIdSchema } from './national-id.ts';
import { parseInstant } from './time.ts';

export class SeedError extends Error {
  override name = 'SeedError';
  readonly issues: { path: string; message: string }[];

  constructor(message: string, issues: { path: string; message: string }[] = []) {
    super(message);
    this.issues = issues;
  }
}

const id = z.string().min(1, 'must not be empty').max(200, 'is longer than 200 characters');
const name = z.string().max(200, 'is longer than 200 characters');
// Wall-clock time of day in the care unit's zone; 24:00 ends a day.
const clock = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time of day HH:MM');
const instant = z.string().superRefine((text, ctx) => {
  const parsed = parseInstant(text);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
});

const careUnitSchema = z.object({
  id,
  name,
  time_zone: z.string().refine((zone) => IANAZone.isValidZone(zone), 'is not an IANA time zone'),
  slot_minutes: z.number().int().min(5).max(240),
});

const healthcareServiceSchema = z.object({
  id,
  name,
  duration_minutes: z.number().int().min(5).max(24 * 60),
});

const resourceSchema = z.object({
  id,
  name,
  care_unit_id: id,
  healthcare_service_ids: z.array(id),
  /** Optional: lets the resource be found by `hsa_id:…` (a sandbox extension of the format). */
  hsa_id: z.string().min(1).optional(),
  /** Optional: lets the resource be found by `se_personal_number:…` where the EHR takes it (WebDoc). */
  se_personal_number: personalNumberSchema.optional(),
});

const scheduleSchema = z.object({
  resource_id: id,
  weekdays: z.array(z.number().int().min(1).max(7)).min(1),
  start: clock,
  end: clock,
  breaks: z.array(z.object({ start: clock, end: clock })).default([]),
});

const patientSchema = z.object({
  id,
  emr_id: id.nullable(),
  first_name: name,
  last_name: name,
  /** A Swedish personal number (12 digits once read) or a Norwegian one (11 digits). */
  external_id: nationalIdSchema,
  phones: z.array(z.string().max(50)).default([]),
  emails: z.array(z.string().max(200)).default([]),
  care_unit_id: id,
});

const appointmentSchema = z.object({
  id,
  care_unit_id: id,
  resource_id: id,
  patient_id: id,
  healthcare_service_id: id,
  start: instant,
  end: instant,
  status: z.enum(['booked', 'awaiting_confirmation', 'completed', 'cancelled']),
  comment: z.string().max(10_000).nullable().default(null),
});

const seedSchema = z.object({
  emr: z.string().regex(/^[a-z0-9_-]{1,50}$/, 'must be a lowercase EHR code like "webdoc"'),
  /** Optional: the sandbox plays Leyr strictly (true) or leniently (false); the server's option wins. */
  strict: z.boolean().optional(),
  care_units: z.array(careUnitSchema).min(1, 'needs at least one care unit'),
  healthcare_services: z.array(healthcareServiceSchema),
  resources: z.array(resourceSchema),
  schedules: z.array(scheduleSchema),
  patients: z.array(patientSchema),
  appointments: z.array(appointmentSchema),
});

export type SeedData = z.output<typeof seedSchema>;
export type SeedCareUnit = SeedData['care_units'][number];
export type SeedHealthcareService = SeedData['healthcare_services'][number];
export type SeedResource = SeedData['resources'][number];
export type SeedSchedule = SeedData['schedules'][number];
export type SeedPatient = SeedData['patients'][number];
export type SeedAppointment = SeedData['appointments'][number];
/** What a seed looks like before parsing (the JSON a file or a test writes). */
export type SeedInput = z.input<typeof seedSchema>;

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out === '' ? String(part) : `${out}.${String(part)}`), '');
}

function fail(issues: { path: string; message: string }[]): never {
  const shown = issues.slice(0, 5).map((issue) => `${issue.path}: ${issue.message}`);
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  throw new SeedError(`Invalid seed: ${shown.join('; ')}${more}`, issues);
}

/** Minutes since midnight of an HH:MM wall-clock time. */
export function clockMinutes(text: string): number {
  const [hours = '0', minutes = '0'] = text.split(':');
  return Number(hours) * 60 + Number(minutes);
}

// The references and rules zod cannot see: unique ids, ids that point somewhere, shifts
// whose breaks lie inside them, appointments that end after they start.
function checkReferences(seed: SeedData): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const add = (path: string, message: string): void => {
    if (issues.length < 50) issues.push({ path, message });
  };
  const unique = <T extends { id: string }>(items: T[], key: string): Map<string, T> => {
    const byId = new Map<string, T>();
    items.forEach((item, index) => {
      if (byId.has(item.id)) add(`${key}[${index}].id`, `duplicate id "${item.id}"`);
      else byId.set(item.id, item);
    });
    return byId;
  };
  const careUnits = unique(seed.care_units, 'care_units');
  const services = unique(seed.healthcare_services, 'healthcare_services');
  const resources = unique(seed.resources, 'resources');
  const patients = unique(seed.patients, 'patients');
  unique(seed.appointments, 'appointments');

  seed.resources.forEach((resource, index) => {
    if (!careUnits.has(resource.care_unit_id)) add(`resources[${index}].care_unit_id`, `unknown care unit "${resource.care_unit_id}"`);
    resource.healthcare_service_ids.forEach((serviceId, at) => {
      if (!services.has(serviceId)) add(`resources[${index}].healthcare_service_ids[${at}]`, `unknown healthcare service "${serviceId}"`);
    });
  });

  seed.schedules.forEach((schedule, index) => {
    const path = `schedules[${index}]`;
    if (!resources.has(schedule.resource_id)) add(`${path}.resource_id`, `unknown resource "${schedule.resource_id}"`);
    if (new Set(schedule.weekdays).size !== schedule.weekdays.length) add(`${path}.weekdays`, 'lists a weekday twice');
    const start = clockMinutes(schedule.start);
    const endClock = clockMinutes(schedule.end);
    if (schedule.start === '24:00') add(`${path}.start`, 'a shift cannot start at 24:00; use 00:00');
    else if (start === endClock) add(`${path}.end`, 'must differ from start (a shift that ends before it starts runs overnight)');
    // Shift-relative minutes: an end at or before the start is on the next day.
    const end = endClock <= start ? endClock + 24 * 60 : endClock;
    const relative = (clockText: string): number => {
      const minutes = clockMinutes(clockText);
      return minutes < start ? minutes + 24 * 60 : minutes;
    };
    let previousEnd = start;
    schedule.breaks.forEach((pause, at) => {
      const pauseStart = relative(pause.start);
      const pauseEnd = relative(pause.end);
      if (pauseEnd <= pauseStart) add(`${path}.breaks[${at}].end`, 'must be after the break starts');
      else if (pauseStart < previousEnd || pauseEnd > end) add(`${path}.breaks[${at}]`, 'must lie inside the shift, after the previous break');
      previousEnd = Math.max(previousEnd, pauseEnd);
    });
  });

  seed.patients.forEach((patient, index) => {
    if (!careUnits.has(patient.care_unit_id)) add(`patients[${index}].care_unit_id`, `unknown care unit "${patient.care_unit_id}"`);
  });

  seed.appointments.forEach((appointment, index) => {
    const path = `appointments[${index}]`;
    if (!careUnits.has(appointment.care_unit_id)) add(`${path}.care_unit_id`, `unknown care unit "${appointment.care_unit_id}"`);
    const resource = resources.get(appointment.resource_id);
    if (resource === undefined) add(`${path}.resource_id`, `unknown resource "${appointment.resource_id}"`);
    else if (resource.care_unit_id !== appointment.care_unit_id) add(`${path}.resource_id`, `resource "${resource.id}" belongs to another care unit`);
    if (!patients.has(appointment.patient_id)) add(`${path}.patient_id`, `unknown patient "${appointment.patient_id}"`);
    if (!services.has(appointment.healthcare_service_id)) add(`${path}.healthcare_service_id`, `unknown healthcare service "${appointment.healthcare_service_id}"`);
    const start = parseInstant(appointment.start);
    const end = parseInstant(appointment.end);
    if (start.ok && end.ok && end.ms <= start.ms) add(`${path}.end`, 'must be after start');
  });
  return issues;
}

/** Checks a parsed JSON value as a seed; throws SeedError naming the first bad paths. */
export function parseSeed(json: unknown): SeedData {
  const parsed = seedSchema.safeParse(json);
  if (!parsed.success) fail(parsed.error.issues.map((issue) => ({ path: formatPath(issue.path) || '(seed)', message: issue.message })));
  const issues = checkReferences(parsed.data);
  if (issues.length > 0) fail(issues);
  return parsed.data;
}

/** Reads and checks a seed file; a missing file, bad JSON or a bad shape is a SeedError. */
export async function loadSeedFile(path: string): Promise<SeedData> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SeedError(code === 'ENOENT' ? `Seed file not found: ${path}` : `Seed file ${path} could not be read (${code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeedError(`Seed file ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return parseSeed(json);
  } catch (error) {
    if (error instanceof SeedError) throw new SeedError(`${path}: ${error.message}`, error.issues);
    throw error;
  }
}
