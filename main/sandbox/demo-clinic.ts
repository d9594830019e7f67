// The built-in demo clinic of `npm run demo`: a small Swedish health centre with doctors, nurses
// and a counsellor, services of 15 to 60 minutes, working hours with lunch, and busy days
// booked around a given date. Synthetic people only (valid but made-up personal numbers in
// the 98x serial range, plus Skatteverket's official test person Tolvan Tolvansson).
// Deterministic: the same date always gives the same clinic.
import { DateTime } from 'luxon';
import { parseSeed, type SeedData, type SeedInput } from './seed.ts';
import { shiftPeriods } from './slots.ts';
import { formatInstant } from './time.ts';

const ZONE = 'Europe/Stockholm';
const CARE_UNIT_ID = 'L0_1';
const SLOT_MINUTES = 15;

const SERVICES = [
  { id: 'svc-kort', name: 'Kort besök', duration_minutes: 15 },
  { id: 'svc-besok', name: 'Mottagningsbesök', duration_minutes: 30 },
  { id: 'svc-halsokontroll', name: 'Hälsokontroll', duration_minutes: 45 },
  { id: 'svc-langt', name: 'Långt besök', duration_minutes: 60 },
  { id: 'svc-provtagning', name: 'Provtagning', duration_minutes: 15 },
  { id: 'svc-vaccination', name: 'Vaccination', duration_minutes: 15 },
  { id: 'svc-samtal', name: 'Samtal', duration_minutes: 60 },
] as const;
type ServiceId = (typeof SERVICES)[number]['id'];

interface DemoResource {
  id: string;
  name: string;
  hsa: string;
  services: ServiceId[];
  weekdays: number[];
  start: string;
  end: string;
  lunch: [string, string];
}

const RESOURCES: DemoResource[] = [
  { id: 'res-lindqvist', name: 'Dr. Karin Lindqvist', hsa: '1001', services: ['svc-kort', 'svc-besok', 'svc-halsokontroll', 'svc-langt'], weekdays: [1, 2, 3, 4, 5], start: '08:00', end: '17:00', lunch: ['12:00', '13:00'] },
  { id: 'res-berg', name: 'Dr. Johan Berg', hsa: '1002', services: ['svc-kort', 'svc-besok', 'svc-langt'], weekdays: [1, 2, 3, 4, 5], start: '08:00', end: '16:30', lunch: ['11:30', '12:30'] },
  { id: 'res-hassan', name: 'Dr. Amira Hassan', hsa: '1003', services: ['svc-kort', 'svc-besok', 'svc-halsokontroll'], weekdays: [1, 2, 3, 4], start: '09:00', end: '18:00', lunch: ['12:30', '13:30'] },
  { id: 'res-nyberg', name: 'Dr. Per Nyberg', hsa: '1004', services: ['svc-kort', 'svc-besok'], weekdays: [1, 3, 5], start: '08:00', end: '15:00', lunch: ['12:00', '12:45'] },
  { id: 'res-ek', name: 'Sjuksköterska Emma Ek', hsa: '1005', services: ['svc-provtagning', 'svc-vaccination', 'svc-besok'], weekdays: [1, 2, 3, 4, 5], start: '07:30', end: '16:00', lunch: ['11:45', '12:30'] },
  { id: 'res-holm', name: 'Sjuksköterska Lars Holm', hsa: '1006', services: ['svc-provtagning', 'svc-vaccination', 'svc-kort'], weekdays: [1, 2, 3, 4, 5], start: '08:00', end: '16:00', lunch: ['12:00', '12:30'] },
  { id: 'res-sandberg', name: 'Kurator Sara Sandberg', hsa: '1007', services: ['svc-samtal'], weekdays: [2, 3, 4, 5], start: '09:00', end: '16:00', lunch: ['12:00', '13:00'] },
];

const FIRST_NAMES = ['Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Johan', 'Eva', 'Anders', 'Sara', 'Per', 'Lena', 'Mikael', 'Emma', 'Nils', 'Ingrid', 'Oskar', 'Astrid', 'Gustav', 'Elsa', 'Hugo', 'Maja', 'Liam', 'Alice', 'Åsa', 'Björn', 'Sölve', 'Fatima', 'Ahmed', 'Noor', 'Mehmet'];
const LAST_NAMES = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Lindström', 'Åberg', 'Öberg', 'Ström', 'Yilmaz', 'Ali', 'Mohammed', 'Virtanen'];
const COMMENTS = ['Uppföljning', 'Ont i halsen', 'Förnyelse av recept', 'Provsvar', 'Vaccination inför resa', 'Ryggbesvär', 'Blodtryckskontroll', 'Tolk: arabiska', 'Återbesök efter operation'];
const PATIENT_COUNT = 160;

// Small seeded PRNG (mulberry32): the demo must not change between runs for the same date.
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const char of text) h = Math.imul(h ^ (char.codePointAt(0) ?? 0), 0x01000193);
  return h >>> 0;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Luhn check digit over the nine digits YYMMDDNNN, the Swedish personal-number rule. */
function luhnDigit(nine: string): number {
  let sum = 0;
  for (let index = 0; index < nine.length; index += 1) {
    const doubled = Number(nine[index]) * (index % 2 === 0 ? 2 : 1);
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return (10 - (sum % 10)) % 10;
}

function personalNumber(year: number, month: number, day: number, serial: string): string {
  const nine = `${pad(year % 100)}${pad(month)}${pad(day)}${serial}`;
  return `${year}${pad(month)}${pad(day)}${serial}${luhnDigit(nine)}`;
}

function demoPatients(): SeedInput['patients'] {
  const random = prng(0x5eed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const patients: SeedInput['patients'] = [
    {
      id: 'pat-tolvan',
      emr_id: 'wd-191212',
      first_name: 'Tolvan',
      last_name: 'Tolvansson',
      external_id: '191212121212',
      phones: ['+46701234567'],
      emails: ['tolvan@example.se'],
      care_unit_id: CARE_UNIT_ID,
    },
    {
      // A samordningsnummer holder: day of birth plus 60.
      id: 'pat-samordning',
      emr_id: 'wd-200001',
      first_name: 'Mira',
      last_name: 'Koskinen',
      external_id: personalNumber(1990, 5, 15 + 60, '981'),
      phones: ['+46709876543'],
      emails: [],
      care_unit_id: CARE_UNIT_ID,
    },
  ];
  for (let index = 0; patients.length < PATIENT_COUNT; index += 1) {
    const year = 1935 + Math.floor(random() * 85);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    patients.push({
      id: `pat-${pad(index + 1, 4)}`,
      emr_id: `wd-${pad(300000 + index, 6)}`,
      first_name: pick(FIRST_NAMES),
      last_name: pick(LAST_NAMES),
      external_id: personalNumber(year, month, day, `98${index % 10}`),
      phones: [`+4670${pad(Math.floor(random() * 1e7), 7)}`],
      emails: [],
      care_unit_id: CARE_UNIT_ID,
    });
  }
  return patients;
}

const isWorkingDay = (day: DateTime): boolean => day.weekday <= 5;

/** The working days from two before `date` to five after (`date` itself when it is one). */
function busyDays(date: DateTime): DateTime[] {
  const days: DateTime[] = [];
  let before = date;
  for (let found = 0; found < 2; ) {
    before = before.minus({ days: 1 });
    if (isWorkingDay(before)) {
      days.unshift(before);
      found += 1;
    }
  }
  if (isWorkingDay(date)) days.push(date);
  let after = date;
  for (let found = 0; found < 5; ) {
    after = after.plus({ days: 1 });
    if (isWorkingDay(after)) {
      days.push(after);
      found += 1;
    }
  }
  return days;
}

/** The demo clinic with its busy days around `date` (YYYY-MM-DD). */
export function demoClinicSeed(date: string): SeedData {
  const center = DateTime.fromISO(date, { zone: ZONE });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !center.isValid) throw new RangeError(`The demo clinic needs a date YYYY-MM-DD, not ${JSON.stringify(date)}.`);
  const random = prng(hash(date));
  const patients = demoPatients();
  const durations = new Map<string, number>(SERVICES.map((service) => [service.id, service.duration_minutes]));
  const schedules = RESOURCES.map((resource) => ({
    resource_id: resource.id,
    weekdays: resource.weekdays,
    start: resource.start,
    end: resource.end,
    breaks: [{ start: resource.lunch[0], end: resource.lunch[1] }],
  }));

  const appointments: SeedInput['appointments'] = [];
  let tolvanBooked = false;
  for (const day of busyDays(center)) {
    const dayText = day.toISODate() ?? date;
    const past = day < center;
    let seq = 0;
    RESOURCES.forEach((resource, index) => {
      const schedule = schedules[index];
      if (schedule === undefined) return;
      for (const period of shiftPeriods(schedule, dayText, ZONE)) {
        let at = period.startMs;
        while (at < period.endMs) {
          // Most of the day is booked; now and then a slot stays free.
          if (random() < 0.14) {
            at += SLOT_MINUTES * 60_000;
            continue;
          }
          const fitting = resource.services.filter((serviceId) => at + (durations.get(serviceId) ?? 0) * 60_000 <= period.endMs);
          const serviceId = fitting[Math.floor(random() * fitting.length)];
          if (serviceId === undefined) break;
          const end = at + (durations.get(serviceId) ?? 0) * 60_000;
          const roll = random();
          const status = past ? (roll < 0.04 ? 'cancelled' : 'completed') : roll < 0.05 ? 'awaiting_confirmation' : roll < 0.1 ? 'cancelled' : 'booked';
          let patient = patients[Math.floor(random() * patients.length)];
          if (!tolvanBooked && !past && status === 'booked') {
            patient = patients[0];
            tolvanBooked = true;
          }
          seq += 1;
          appointments.push({
            id: `apt-${dayText.replaceAll('-', '')}-${pad(seq, 3)}`,
            care_unit_id: CARE_UNIT_ID,
            resource_id: resource.id,
            patient_id: patient?.id ?? 'pat-tolvan',
            healthcare_service_id: serviceId,
            start: formatInstant(at, ZONE),
            end: formatInstant(end, ZONE),
            status,
            comment: random() < 0.25 ? (COMMENTS[Math.floor(random() * COMMENTS.length)] ?? null) : null,
          });
          at = end;
        }
      }
    });
  }

  return parseSeed({
    emr: 'webdoc',
    care_units: [{ id: CARE_UNIT_ID, name: 'Vårdcentralen Solrosen', time_zone: ZONE, slot_minutes: SLOT_MINUTES }],
    healthcare_services: SERVICES.map((service) => ({ ...service })),
    resources: RESOURCES.map((resource) => ({
      id: resource.id,
      name: resource.name,
      care_unit_id: CARE_UNIT_ID,
      healthcare_service_ids: [...resource.services],
      hsa_id: `SE2321000131-E00000000${resource.hsa}`,
    })),
    schedules,
    patients,
    appointments,
  } satisfies SeedInput);
}
