// A synthetic clinic (no real people) in the sandbox's seed format (docs/seed-format.md),
// the same bytes for the same options: the tests and the bench generate the clinics they run
// on with it, and anyone can write one for `npm run demo -- --seed FILE`.
//
//   node scripts/make-clinic.ts --preset small|big|hospital [--out FILE]
//   node scripts/make-clinic.ts --resources 20 --per-day 300 --from 2026-03-23 --days 5 --seed 1 [--long-services]
//
// Every random choice comes from one seeded generator, drawn in a fixed order (resources,
// then patients, then day by day: services, shuffle, statuses), so a change in that order
// changes every clinic after it: keep it when editing, and check the presets still come out
// the same (test/unit/sandbox/make-clinic.test.ts pins them by hash).
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';

export interface ClinicOptions {
  /** Doctors and nurses, one column each: `res-001` … */
  resources: number;
  /** Appointments on each working day (at most what the working hours hold). */
  perDay: number;
  /** The first day, YYYY-MM-DD; Saturdays and Sundays in the range get no appointments. */
  from: string;
  /** Calendar days from `from`, weekends included. */
  days: number;
  /** The generator's seed: another seed, another clinic. */
  seed: number;
  /** Adds 45- and 60-minute services next to the 15- and 30-minute ones. */
  longServices?: boolean;
}

export const PRESETS = {
  /** 8 resources, 120 appointments a day, Mon 2026-03-23 to Fri 2026-03-27. */
  small: { resources: 8, perDay: 120, from: '2026-03-23', days: 5, seed: 7 },
  /** 80 resources, 1,400 appointments a day, Mon 2026-03-23 to Fri 2026-03-27. */
  big: { resources: 80, perDay: 1400, from: '2026-03-23', days: 5, seed: 24519899 },
  /** 250 resources, 5,000 appointments a day, Mon 2026-03-23 to Sun 2026-03-29 (a hospital's week). */
  hospital: { resources: 250, perDay: 5000, from: '2026-03-23', days: 7, seed: 250 },
} as const satisfies Record<string, ClinicOptions>;
export type PresetName = keyof typeof PRESETS;

export interface ClinicCareUnit {
  id: string;
  name: string;
  time_zone: string;
  slot_minutes: number;
}
export interface ClinicService {
  id: string;
  name: string;
  duration_minutes: number;
}
export interface ClinicResource {
  id: string;
  name: string;
  care_unit_id: string;
  healthcare_service_ids: string[];
}
export interface ClinicSchedule {
  resource_id: string;
  weekdays: number[];
  start: string;
  end: string;
  breaks: { start: string; end: string }[];
}
export interface ClinicPatient {
  id: string;
  emr_id: string;
  first_name: string;
  last_name: string;
  external_id: string;
  phones: string[];
  emails: string[];
  care_unit_id: string;
}
export type ClinicStatus = 'booked' | 'awaiting_confirmation' | 'cancelled';
export interface ClinicAppointment {
  id: string;
  care_unit_id: string;
  resource_id: string;
  patient_id: string;
  healthcare_service_id: string;
  start: string;
  end: string;
  status: ClinicStatus;
  comment: string;
}
/** A seed file's content, keys in the order they are written. */
export interface ClinicSeed {
  emr: string;
  care_units: ClinicCareUnit[];
  healthcare_services: ClinicService[];
  resources: ClinicResource[];
  schedules: ClinicSchedule[];
  patients: ClinicPatient[];
  appointments: ClinicAppointment[];
}

const CARE_UNIT = 'L0_1';
const ZONE = 'Europe/Stockholm';
const SLOT_MINUTES = 15;
const WORKING_DAY = { start: '08:00', end: '17:00', lunch: { start: '12:00', end: '13:00' } };
const WEEKDAYS = [1, 2, 3, 4, 5];

const FIRST = ['Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Johan', 'Eva', 'Anders', 'Sara', 'Per', 'Lena', 'Mikael',
  'Emma', 'Nils', 'Ingrid', 'Oskar', 'Astrid', 'Gustav', 'Elsa', 'Hugo', 'Maja', 'Liam', 'Alice', 'Åsa', 'Björn', 'Sölve'];
const LAST = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson',
  'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Lindström', 'Åberg', 'Öberg', 'Ström'];
const TITLES = ['Dr.', 'Dr.', 'Dr.', 'Sjuksköterska'];

const SHORT: ClinicService = { id: 'svc-15', name: 'Kort besök', duration_minutes: 15 };
const VISIT: ClinicService = { id: 'svc-30', name: 'Mottagningsbesök', duration_minutes: 30 };
const LONG: ClinicService = { id: 'svc-45', name: 'Utökat besök', duration_minutes: 45 };
const CHECKUP: ClinicService = { id: 'svc-60', name: 'Hälsokontroll', duration_minutes: 60 };

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** A linear congruential generator (Numerical Recipes' constants): uniform in [0, 1). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The Luhn check digit of a Swedish personal number's nine digits YYMMDDNNN. */
export function luhnCheckDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < nine.length; i += 1) {
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Wall-clock minutes of a date in the care unit's zone, as ISO 8601 with the offset in force. */
function instant(date: string, minutes: number): string {
  const local = DateTime.fromISO(date, { zone: ZONE }).set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
  return local.toISO({ suppressMilliseconds: true }) ?? '';
}
/** `instant`, remembered: a day holds a few dozen distinct times and luxon is not free. */
function instants(): (date: string, minutes: number) => string {
  const known = new Map<string, string>();
  return (date, minutes) => {
    const key = `${date} ${minutes}`;
    let text = known.get(key);
    if (text === undefined) {
      text = instant(date, minutes);
      known.set(key, text);
    }
    return text;
  };
}

function addDays(date: string, n: number): string {
  const t = new Date(`${date}T12:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** Why the options cannot make a clinic, or null. */
export function checkClinicOptions(options: ClinicOptions): string | null {
  const whole = (n: number, min: number, max: number): boolean => Number.isInteger(n) && n >= min && n <= max;
  if (!whole(options.resources, 1, 999)) return '--resources must be a whole number from 1 to 999';
  if (!whole(options.perDay, 0, 100_000)) return '--per-day must be a whole number from 0 to 100000';
  if (!whole(options.days, 1, 366)) return '--days must be a whole number from 1 to 366';
  if (!whole(options.seed, 0, 2 ** 32 - 1)) return '--seed must be a whole number from 0 to 4294967295';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.from) || !DateTime.fromISO(options.from).isValid) return '--from must be a date YYYY-MM-DD';
  return null;
}

/** A whole clinic for the options; the same options give the same clinic. */
export function makeClinic(options: ClinicOptions): ClinicSeed {
  const problem = checkClinicOptions(options);
  if (problem !== null) throw new RangeError(problem);
  const rand = generator(options.seed);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(rand() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  };
  // One draw per appointment candidate, whatever the set of services. With the long ones the
  // mean length stays near the 22.5 minutes of 15/30 alone, so a day still holds as many.
  const drawService =
    options.longServices === true
      ? (): ClinicService => {
          const roll = rand();
          return roll < 0.6 ? SHORT : roll < 0.85 ? VISIT : roll < 0.95 ? LONG : CHECKUP;
        }
      : (): ClinicService => (rand() < 0.5 ? SHORT : VISIT);
  const services = options.longServices === true ? [SHORT, VISIT, LONG, CHECKUP] : [SHORT, VISIT];

  const resources: ClinicResource[] = Array.from({ length: options.resources }, (_, i) => ({
    id: `res-${pad(i + 1, 3)}`,
    name: `${pick(TITLES)} ${pick(FIRST)} ${pick(LAST)}`,
    care_unit_id: CARE_UNIT,
    healthcare_service_ids: services.map((service) => service.id),
  }));
  const schedules: ClinicSchedule[] = resources.map((resource) => ({
    resource_id: resource.id,
    weekdays: [...WEEKDAYS],
    start: WORKING_DAY.start,
    end: WORKING_DAY.end,
    breaks: [{ ...WORKING_DAY.lunch }],
  }));

  // Born 1930–2009 on day 1–28, serial 980: synthetic, with a valid check digit.
  const personalNumber = (): string => {
    const year = 1930 + Math.floor(rand() * 80);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const serial = '980';
    const nine = `${String(year).slice(2)}${pad(month)}${pad(day)}${serial}`;
    return `${year}${pad(month)}${pad(day)}${serial}${luhnCheckDigit(nine)}`;
  };
  const patientCount = Math.max(50, Math.round(options.perDay * options.days * 0.6));
  const patients: ClinicPatient[] = Array.from({ length: patientCount }, (_, i) => {
    const first = pick(FIRST);
    const last = pick(LAST);
    const external = personalNumber();
    return {
      id: `pat-${pad(i + 1, 6)}`,
      emr_id: `wd-${pad(100000 + i, 6)}`,
      first_name: first,
      last_name: last,
      external_id: external,
      phones: [`+4670${pad(Math.floor(rand() * 1e7), 7)}`],
      emails: [],
      care_unit_id: CARE_UNIT,
    };
  });

  const periods: [number, number][] = [
    [minutesOf(WORKING_DAY.start), minutesOf(WORKING_DAY.lunch.start)],
    [minutesOf(WORKING_DAY.lunch.end), minutesOf(WORKING_DAY.end)],
  ];
  const at = instants();
  const appointments: ClinicAppointment[] = [];
  let sequence = 0;
  for (let dayIndex = 0; dayIndex < options.days; dayIndex += 1) {
    const date = addDays(options.from, dayIndex);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
    if (!WEEKDAYS.includes(weekday)) continue;
    // Every resource's working day filled with back-to-back candidates, shuffled, and the
    // first perDay of them kept: no two of a resource overlap, and each starts on a slot.
    const candidates: { resource: ClinicResource; start: number; service: ClinicService }[] = [];
    for (const resource of resources) {
      for (const [from, to] of periods) {
        let start = from;
        while (start < to) {
          const service = drawService();
          if (start + service.duration_minutes > to) break;
          candidates.push({ resource, start, service });
          start += service.duration_minutes;
        }
      }
    }
    for (let i = candidates.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rand() * (i + 1));
      const a = candidates[i];
      const b = candidates[j];
      if (a === undefined || b === undefined) throw new RangeError('shuffle out of range');
      candidates[i] = b;
      candidates[j] = a;
    }
    for (const { resource, start, service } of candidates.slice(0, options.perDay)) {
      const roll = rand();
      const patient = pick(patients);
      const comment = rand() < 0.2 ? 'Uppföljning' : '';
      sequence += 1;
      appointments.push({
        id: `apt-${pad(sequence, 6)}`,
        care_unit_id: CARE_UNIT,
        resource_id: resource.id,
        patient_id: patient.id,
        healthcare_service_id: service.id,
        start: at(date, start),
        end: at(date, start + service.duration_minutes),
        status: roll < 0.04 ? 'awaiting_confirmation' : roll < 0.08 ? 'cancelled' : 'booked',
        comment,
      });
    }
  }
  appointments.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.resource_id < b.resource_id ? -1 : a.resource_id > b.resource_id ? 1 : 0));

  return {
    emr: 'webdoc',
    care_units: [{ id: CARE_UNIT, name: 'Vårdcentralen Exempel', time_zone: ZONE, slot_minutes: SLOT_MINUTES }],
    healthcare_services: services.map((service) => ({ ...service })),
    resources,
    schedules,
    patients,
    appointments,
  };
}

/** The seed file's text: one-space indentation and a final newline. */
export function clinicJson(seed: ClinicSeed): string {
  return `${JSON.stringify(seed, null, 1)}\n`;
}

/**
 * Writes the clinic (made from options, or made already) to `file` whole or not at all: to
 * a name of this process first, then renamed over `file`, so a reader (or another process
 * writing the same clinic) never sees half a file.
 */
export function writeClinic(file: string, clinic: ClinicOptions | ClinicSeed): void {
  const seed = 'appointments' in clinic ? clinic : makeClinic(clinic);
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temporary, clinicJson(seed));
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

export const MAKE_CLINIC_USAGE = `Usage: node scripts/make-clinic.ts [--preset small|big|hospital] [--out FILE]
                                  [--resources N] [--per-day N] [--from YYYY-MM-DD] [--days N] [--seed N] [--long-services]
  --preset         small (8 resources, 120 a day, seed 7) or big (80 resources, 1,400 a day,
                   seed ${PRESETS.big.seed}; the default), both Mon 2026-03-23 to Fri 2026-03-27;
                   or hospital (250 resources, 5,000 a day, Mon 2026-03-23 to Sun 2026-03-29)
  --out            write to FILE (folders made as needed) instead of standard output
  --resources      doctors and nurses, one column each
  --per-day        appointments on each working day
  --from           the first day
  --days           calendar days from --from (weekends get no appointments)
  --seed           the generator's seed
  --long-services  add 45- and 60-minute services to the 15- and 30-minute ones
The other flags change the preset's values.`;

/** The options a command line asks for: a preset (big by default) changed by the other flags. */
export function parseClinicArgs(argv: string[]): { options: ClinicOptions; out: string | null; help: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      preset: { type: 'string' },
      out: { type: 'string' },
      resources: { type: 'string' },
      'per-day': { type: 'string' },
      from: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      'long-services': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const presetName = values.preset ?? 'big';
  if (presetName !== 'small' && presetName !== 'big' && presetName !== 'hospital') throw new RangeError(`--preset must be small, big or hospital, not "${presetName}"`);
  const base: ClinicOptions = { ...PRESETS[presetName] };
  const number = (text: string | undefined, fallback: number): number => (text === undefined ? fallback : text.trim() === '' ? Number.NaN : Number(text));
  const options: ClinicOptions = {
    resources: number(values.resources, base.resources),
    perDay: number(values['per-day'], base.perDay),
    from: values.from ?? base.from,
    days: number(values.days, base.days),
    seed: number(values.seed, base.seed),
    ...(values['long-services'] === true && { longServices: true }),
  };
  const problem = checkClinicOptions(options);
  if (problem !== null) throw new RangeError(problem);
  return { options, out: values.out ?? null, help: values.help === true };
}

/** The working days that hold fewer appointments than asked for (their hours are full). */
export function shortDays(seed: ClinicSeed, options: ClinicOptions): string[] {
  const perDay = new Map<string, number>();
  for (const appointment of seed.appointments) {
    const day = appointment.start.slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const short: string[] = [];
  for (let dayIndex = 0; dayIndex < options.days; dayIndex += 1) {
    const date = addDays(options.from, dayIndex);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
    if (WEEKDAYS.includes(weekday) && (perDay.get(date) ?? 0) < options.perDay) short.push(`${date} (${perDay.get(date) ?? 0})`);
  }
  return short;
}

if (import.meta.main) {
  try {
    const { options, out, help } = parseClinicArgs(process.argv.slice(2));
    if (help) console.log(MAKE_CLINIC_USAGE);
    else {
      const seed = makeClinic(options);
      const short = shortDays(seed, options);
      if (short.length > 0) console.error(`make-clinic: the working hours hold fewer than ${options.perDay} appointments on ${short.join(', ')}`);
      if (out === null) process.stdout.write(clinicJson(seed));
      else writeClinic(out, seed);
    }
  } catch (error) {
    console.error(`make-clinic: ${error instanceof Error ? error.message : String(error)}\n${MAKE_CLINIC_USAGE}`);
    process.exit(2);
  }
}
