// The clinic generator (scripts/make-clinic.ts): the same options give the same bytes, the
// presets have the promised size and shape, every appointment sits inside working hours and
// outside lunch without overlapping another of its resource, every personal number is valid,
// and the sandbox loads and serves what it writes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { loadSeedFile, parseSeed, type SeedInput } from '../../../main/sandbox/seed.ts';
import { isValidSwedishPersonalNumber } from '../../../preload/contract/personal-number.ts';
import {
  clinicJson,
  luhnCheckDigit,
  makeClinic,
  parseClinicArgs,
  PRESETS,
  shortDays,
  writeClinic,
  type ClinicOptions,
  type ClinicSeed,
} from '../../../scripts/make-clinic.ts';
import { openSandbox } from '../../support/sandbox-http.ts';
import { SMALL_CLINIC } from '../../support/fixtures.ts';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const WEEK = ['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27'];
// The presets' bytes, fixed when the generator was written: the bench's figures and the
// tests' expectations were measured on exactly these clinics.
const PRESET_SHA256 = {
  small: '4b0d359e418e526e4bfb992b768be9d45699875c8a05efbac32f2e157bfa6f5b',
  big: '76b37d96f3634559befde2b42a7e053cb44879066ba1e5135a7ffa67dcff0278',
  hospital: '4ee4a550a48f0c6bd74e2e18dd865bd35cb6224e5dd4d7656a2d8152d025373a',
};
const SLOT_HOLDING = new Set(['booked', 'awaiting_confirmation']);

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const clock = (text: string): number => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));

/** Luhn over the ten digits after the century, as Skatteverket computes it. */
function luhnValid(twelve: string): boolean {
  const ten = twelve.slice(2);
  let sum = 0;
  for (let i = 0; i < ten.length; i += 1) {
    const d = Number(ten[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return sum % 10 === 0;
}

/** Checks the clinic against the rules every generated clinic keeps; returns the local days. */
function checkClinic(seed: ClinicSeed, options: ClinicOptions): Map<string, number> {
  const unit = seed.care_units[0];
  assert.ok(unit);
  assert.equal(seed.resources.length, options.resources);
  assert.equal(seed.schedules.length, options.resources);
  const services = new Map(seed.healthcare_services.map((service) => [service.id, service.duration_minutes]));
  const schedules = new Map(seed.schedules.map((schedule) => [schedule.resource_id, schedule]));
  const patients = new Set(seed.patients.map((patient) => patient.id));
  const perDay = new Map<string, number>();
  const holding = new Map<string, { start: number; end: number; id: string }[]>();

  for (const appointment of seed.appointments) {
    const start = DateTime.fromISO(appointment.start, { setZone: true });
    const end = DateTime.fromISO(appointment.end, { setZone: true });
    assert.ok(start.isValid && end.isValid, appointment.id);
    const local = start.setZone(unit.time_zone);
    assert.equal(start.offset, local.offset, `${appointment.id} carries the offset in force`);
    const schedule = schedules.get(appointment.resource_id);
    assert.ok(schedule, `${appointment.id} has a scheduled resource`);
    assert.ok(patients.has(appointment.patient_id), `${appointment.id} has a known patient`);
    assert.ok(schedule.weekdays.includes(local.weekday), `${appointment.id} on a working weekday`);
    const from = local.hour * 60 + local.minute;
    const duration = end.diff(start, 'minutes').minutes;
    const to = from + duration;
    assert.equal(duration, services.get(appointment.healthcare_service_id), `${appointment.id} lasts its service`);
    assert.ok(from >= clock(schedule.start) && to <= clock(schedule.end), `${appointment.id} inside working hours`);
    for (const pause of schedule.breaks) {
      assert.ok(to <= clock(pause.start) || from >= clock(pause.end), `${appointment.id} outside lunch`);
      // A slot starts on a multiple of slot_minutes from the start of its working period.
      const periodStart: number = from >= clock(pause.end) ? clock(pause.end) : clock(schedule.start);
      assert.equal((from - periodStart) % unit.slot_minutes, 0, `${appointment.id} starts on a slot`);
    }
    const day = local.toISODate() ?? '';
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
    if (SLOT_HOLDING.has(appointment.status)) {
      const key = `${day} ${appointment.resource_id}`;
      const list = holding.get(key) ?? [];
      list.push({ start: start.toMillis(), end: end.toMillis(), id: appointment.id });
      holding.set(key, list);
    }
  }
  for (const list of holding.values()) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i += 1) {
      const previous = list[i - 1];
      const current = list[i];
      assert.ok(previous && current && previous.end <= current.start, `${previous?.id} and ${current?.id} overlap`);
    }
  }

  const statuses = new Set(seed.appointments.map((appointment) => appointment.status));
  assert.ok(statuses.has('cancelled') && statuses.has('awaiting_confirmation') && statuses.has('booked'), [...statuses].join(', '));
  const comments = seed.appointments.filter((appointment) => appointment.comment !== '').length;
  assert.ok(comments > 0 && comments < seed.appointments.length / 2, `a few comments, got ${comments}`);
  for (const patient of seed.patients) {
    assert.match(patient.external_id, /^\d{12}$/);
    assert.ok(luhnValid(patient.external_id), `${patient.external_id} passes Luhn`);
    assert.ok(isValidSwedishPersonalNumber(patient.external_id), `${patient.external_id} is a personal number`);
  }
  return perDay;
}

describe('the clinic generator', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'make-clinic-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the same clinic for the same options, and another for another seed', () => {
    const once = clinicJson(makeClinic(PRESETS.small));
    assert.equal(clinicJson(makeClinic({ ...PRESETS.small })), once);
    assert.notEqual(clinicJson(makeClinic({ ...PRESETS.small, seed: 8 })), once);
  });

  it('writes the presets byte for byte as they were fixed', () => {
    assert.equal(sha256(clinicJson(makeClinic(PRESETS.small))), PRESET_SHA256.small);
    assert.equal(sha256(clinicJson(makeClinic(PRESETS.big))), PRESET_SHA256.big);
    assert.equal(sha256(clinicJson(makeClinic(PRESETS.hospital))), PRESET_SHA256.hospital);
  });

  for (const name of ['small', 'big', 'hospital'] as const) {
    it(`makes the ${name} preset: its resources, its appointments on each day Mon–Fri, working hours, lunch`, () => {
      const options = PRESETS[name];
      const seed = makeClinic(options);
      const perDay = checkClinic(seed, options);
      assert.deepEqual([...perDay.keys()].sort(), WEEK);
      for (const day of WEEK) assert.equal(perDay.get(day), options.perDay, day);
      assert.deepEqual(
        WEEK.map((day) => DateTime.fromISO(day).weekday),
        [1, 2, 3, 4, 5],
      );
      assert.deepEqual(
        seed.healthcare_services.map((service) => service.duration_minutes),
        [15, 30],
      );
      assert.ok(seed.schedules.every((schedule) => schedule.start === '08:00' && schedule.end === '17:00' && schedule.breaks.length === 1));
    });
  }

  it('adds 45- and 60-minute services on request, keeping every rule and every day full', () => {
    for (const preset of [PRESETS.small, PRESETS.big]) {
      const options = { ...preset, longServices: true };
      const perDay = checkClinic(makeClinic(options), options);
      for (const day of WEEK) assert.equal(perDay.get(day), options.perDay, day);
    }
    const options = { ...PRESETS.small, longServices: true };
    const seed = makeClinic(options);
    assert.deepEqual(
      seed.healthcare_services.map((service) => service.duration_minutes),
      [15, 30, 45, 60],
    );
    const used = new Set(seed.appointments.map((appointment) => appointment.healthcare_service_id));
    assert.deepEqual([...used].sort(), ['svc-15', 'svc-30', 'svc-45', 'svc-60']);
  });

  it('leaves weekends empty and counts days from --from', () => {
    const options = { ...PRESETS.small, from: '2026-03-27', days: 4 }; // Fri to Mon
    const perDay = checkClinic(makeClinic(options), options);
    assert.deepEqual([...perDay.keys()].sort(), ['2026-03-27', '2026-03-30']);
  });

  it('fills a day no further than its working hours, and says which days fell short', () => {
    assert.deepEqual(shortDays(makeClinic(PRESETS.big), PRESETS.big), []);
    const options = { ...PRESETS.small, resources: 1, perDay: 40 };
    const seed = makeClinic(options);
    const perDay = checkClinic(seed, options);
    for (const day of WEEK) assert.ok((perDay.get(day) ?? 0) < 40 && (perDay.get(day) ?? 0) >= 16, `${day}: ${perDay.get(day)}`);
    assert.equal(shortDays(seed, options).length, WEEK.length);
  });

  it('computes the Swedish check digit', () => {
    assert.equal(luhnCheckDigit('121212121'), 2); // Tolvan Tolvansson, 19121212-1212
    assert.equal(luhnCheckDigit('811218987'), 6); // 19811218-9876
  });

  it('writes a seed the sandbox loads and serves', async () => {
    const file = path.join(dir, 'nested', 'small.json');
    writeClinic(file, PRESETS.small);
    assert.equal(await readFile(file, 'utf8'), clinicJson(makeClinic(PRESETS.small)));
    const seed = await loadSeedFile(file);
    assert.equal(seed.appointments.length, PRESETS.small.perDay * WEEK.length);
    const input: SeedInput = makeClinic({ ...PRESETS.small, longServices: true });
    const long = parseSeed(JSON.parse(JSON.stringify(input)));

    for (const [clinic, service] of [
      [seed, 'svc-30'],
      [long, 'svc-60'],
    ] as const) {
      const sandbox = await openSandbox({ seed: clinic });
      try {
        const day = { start: '2026-03-25T00:00:00+01:00', end: '2026-03-26T00:00:00+01:00' };
        const listed = await sandbox.unit<{ id: string }[]>('GET', '/appointments', { query: day });
        assert.equal(listed.status, 200);
        assert.equal(listed.body.length, PRESETS.small.perDay);
        const slots = await sandbox.unit<{ start: string; end: string }[]>('GET', '/timeslots', { query: { ...day, healthcare_service_id: service } });
        assert.equal(slots.status, 200);
        assert.ok(slots.body.length > 0, `free ${service} slots`);
      } finally {
        await sandbox.close();
      }
    }
  });

  it('reads its command line: a preset changed by flags, and refuses bad values', () => {
    assert.deepEqual(parseClinicArgs(['--preset', 'small']).options, PRESETS.small);
    assert.deepEqual(parseClinicArgs([]).options, PRESETS.big);
    assert.deepEqual(parseClinicArgs(['--preset', 'small', '--days', '3', '--seed', '9', '--long-services', '--out', 'x.json']), {
      options: { ...PRESETS.small, days: 3, seed: 9, longServices: true },
      out: 'x.json',
      help: false,
    });
    for (const bad of [['--preset', 'medium'], ['--days', '0'], ['--resources', 'many'], ['--from', '2026-02-30'], ['--seed', '-1'], ['--per-day', ''], ['--colour']]) {
      assert.throws(() => parseClinicArgs(bad), bad.join(' '));
    }
  });

  it('prints the same clinic from the command line', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'make-clinic.ts'), '--preset', 'small'], { encoding: 'utf8', maxBuffer: 10_000_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, clinicJson(makeClinic(PRESETS.small)));
    const bad = spawnSync(process.execPath, [path.join(root, 'scripts', 'make-clinic.ts'), '--days', 'x'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--days must be a whole number/);
    const full = spawnSync(process.execPath, [path.join(root, 'scripts', 'make-clinic.ts'), '--preset', 'small', '--resources', '1', '--days', '1'], { encoding: 'utf8' });
    assert.equal(full.status, 0);
    assert.match(full.stderr, /hold fewer than 120 appointments on 2026-03-23 \(\d+\)/);
  });

  it('is where the tests find their clinics', { skip: process.env.FRONTDESK_FIXTURES !== undefined && 'FRONTDESK_FIXTURES names ready files' }, async () => {
    assert.equal(await readFile(SMALL_CLINIC, 'utf8'), clinicJson(makeClinic(PRESETS.small)));
    assert.ok(SMALL_CLINIC.startsWith(path.join(root, '.cache', 'fixtures')));
  });
});
