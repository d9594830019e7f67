import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { isValidSwedishPersonalNumber } from '../../../main/leyr/ids.ts';
import { demoClinicSeed } from '../../../main/sandbox/demo-clinic.ts';
import { loadSeedFile, parseSeed, SeedError, type SeedInput } from '../../../main/sandbox/seed.ts';
import { miniSeedInput } from '../../support/sandbox-http.ts';
import { SHARED_FIXTURES } from '../../support/fixtures.ts';

const FIXTURES = SHARED_FIXTURES;

function refused(change: (input: SeedInput) => void): SeedError {
  const input = miniSeedInput();
  change(input);
  try {
    parseSeed(input);
  } catch (error) {
    assert.ok(error instanceof SeedError, `expected a SeedError, got ${String(error)}`);
    return error;
  }
  assert.fail('the seed was accepted');
}

describe('seed files', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-seed-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads small-clinic.json with every entity', async () => {
    const seed = await loadSeedFile(path.join(FIXTURES, 'small-clinic.json'));
    assert.equal(seed.emr, 'webdoc');
    assert.equal(seed.resources.length, 8);
    assert.equal(seed.appointments.length, 600);
    assert.equal(seed.care_units[0]?.time_zone, 'Europe/Stockholm');
  });

  it('loads big-clinic.json', async () => {
    const seed = await loadSeedFile(path.join(FIXTURES, 'big-clinic.json'));
    assert.equal(seed.resources.length, 80);
    assert.equal(seed.appointments.length, 7000);
    assert.equal(seed.schedules.length, 80);
  });

  it('names a missing file', async () => {
    const file = path.join(dir, 'nope.json');
    await assert.rejects(loadSeedFile(file), (error: unknown) => error instanceof SeedError && error.message === `Seed file not found: ${file}`);
  });

  it('names a file that is not JSON', async () => {
    const file = path.join(dir, 'broken.json');
    await writeFile(file, '{"emr": "webdoc",');
    await assert.rejects(loadSeedFile(file), (error: unknown) => error instanceof SeedError && error.message.startsWith(`Seed file ${file} is not valid JSON`));
  });

  it('names the file and the path of a bad shape', async () => {
    const input = miniSeedInput();
    const first = input.appointments[0];
    assert.ok(first);
    first.start = '2026-03-23T08:00:00';
    const file = path.join(dir, 'naive.json');
    await writeFile(file, JSON.stringify(input));
    await assert.rejects(loadSeedFile(file), (error: unknown) => {
      assert.ok(error instanceof SeedError);
      assert.match(error.message, new RegExp(`^${file.replaceAll('.', '\\.')}: Invalid seed: appointments\\[0\\]\\.start: naive datetime`));
      assert.deepEqual(error.issues.map((issue) => issue.path), ['appointments[0].start']);
      return true;
    });
  });
});

describe('seed checks', () => {
  it('accepts the mini clinic and normalises personal numbers', () => {
    const seed = parseSeed(
      (() => {
        const input = miniSeedInput();
        const patient = input.patients[0];
        assert.ok(patient);
        patient.external_id = '19121212-1212';
        return input;
      })(),
    );
    assert.equal(seed.patients[0]?.external_id, '191212121212');
  });

  it('takes a profile, resources’ personal numbers and Norwegian patients (read to 11 digits)', () => {
    const input = miniSeedInput();
    input.strict = true;
    input.resources[0]!.se_personal_number = '19750615-1237';
    input.patients.push({ id: 'p3', emr_id: null, first_name: 'Kari', last_name: 'Nordmann', external_id: '262586 05879', phones: [], emails: [], care_unit_id: 'CU1' });
    const seed = parseSeed(input);
    assert.equal(seed.strict, true);
    assert.equal(seed.resources[0]?.se_personal_number, '197506151237');
    assert.equal(seed.patients[3]?.external_id, '26258605879');
    assert.equal(parseSeed(miniSeedInput()).strict, undefined, 'no profile: the server decides');
  });

  const cases: [string, (input: SeedInput) => void, string, RegExp][] = [
    ['not an object', () => {}, '(seed)', /expected object/],
    ['a naive appointment time', (s) => void (s.appointments[2]!.end = '2026-03-23T09:30'), 'appointments[2].end', /naive datetime/],
    ['an unknown status', (s) => void ((s.appointments[0] as { status: string }).status = 'pending'), 'appointments[0].status', /./],
    ['an unknown resource', (s) => void (s.appointments[1]!.resource_id = 'r404'), 'appointments[1].resource_id', /unknown resource "r404"/],
    ['an unknown patient', (s) => void (s.appointments[1]!.patient_id = 'p404'), 'appointments[1].patient_id', /unknown patient/],
    ['an end before the start', (s) => void (s.appointments[0]!.end = s.appointments[0]!.start), 'appointments[0].end', /after start/],
    ['a resource in another care unit', (s) => void (s.appointments[0]!.care_unit_id = 'CU2'), 'appointments[0].resource_id', /another care unit/],
    ['a duplicate id', (s) => void (s.appointments[1]!.id = 'a1'), 'appointments[1].id', /duplicate id "a1"/],
    ['an invalid personal number', (s) => void (s.patients[1]!.external_id = '198507099806'), 'patients[1].external_id', /not a valid Swedish personal number/],
    ['an invalid Norwegian personal number', (s) => void (s.patients[1]!.external_id = '26258605878'), 'patients[1].external_id', /not a valid Norwegian personal number/],
    ['an invalid resource personal number', (s) => void (s.resources[0]!.se_personal_number = '197506151238'), 'resources[0].se_personal_number', /not a valid Swedish personal number/],
    ['a profile that is no boolean', (s) => void ((s as { strict: unknown }).strict = 'yes'), 'strict', /boolean/],
    ['an unknown time zone', (s) => void (s.care_units[0]!.time_zone = 'Europe/Atlantis'), 'care_units[0].time_zone', /IANA/],
    ['an unknown service on a resource', (s) => void s.resources[0]!.healthcare_service_ids.push('s99'), 'resources[0].healthcare_service_ids[2]', /unknown healthcare service/],
    ['a schedule of an unknown resource', (s) => void (s.schedules[0]!.resource_id = 'r404'), 'schedules[0].resource_id', /unknown resource/],
    ['a bad clock time', (s) => void (s.schedules[0]!.start = '8:00'), 'schedules[0].start', /HH:MM/],
    ['a weekday 8', (s) => void (s.schedules[0]!.weekdays = [8]), 'schedules[0].weekdays[0]', /./],
    ['a shift ending when it starts', (s) => void (s.schedules[0]!.end = '08:00'), 'schedules[0].end', /must differ/],
    ['a break outside the shift', (s) => void (s.schedules[0]!.breaks = [{ start: '13:00', end: '13:30' }]), 'schedules[0].breaks[0]', /inside the shift/],
    ['a break ending before it starts', (s) => void (s.schedules[0]!.breaks = [{ start: '10:15', end: '10:00' }]), 'schedules[0].breaks[0].end', /after the break starts/],
    ['an upper-case EHR code', (s) => void (s.emr = 'WebDoc'), 'emr', /lowercase/],
    ['no care unit', (s) => void (s.care_units = []), 'care_units', /at least one/],
  ];
  for (const [label, change, expectedPath, message] of cases) {
    it(`refuses ${label}, naming ${expectedPath}`, () => {
      const error =
        label === 'not an object'
          ? (() => {
              try {
                parseSeed([]);
              } catch (caught) {
                assert.ok(caught instanceof SeedError);
                return caught;
              }
              return assert.fail('accepted');
            })()
          : refused(change);
      const issue = error.issues.find((item) => item.path === expectedPath);
      assert.ok(issue, `expected an issue at ${expectedPath}, got ${JSON.stringify(error.issues)}`);
      assert.match(issue.message, message);
      assert.ok(error.message.includes(expectedPath), error.message);
    });
  }

  it('accepts a night shift with a break after midnight', () => {
    const seed = parseSeed(
      (() => {
        const input = miniSeedInput();
        input.schedules[2]!.breaks = [{ start: '02:00', end: '02:30' }];
        return input;
      })(),
    );
    assert.deepEqual(seed.schedules[2]?.breaks, [{ start: '02:00', end: '02:30' }]);
  });
});

describe('the demo clinic', () => {
  const date = '2026-03-25'; // a Wednesday
  const seed = demoClinicSeed(date);

  it('is a valid seed, the same for the same date', () => {
    assert.deepEqual(parseSeed(JSON.parse(JSON.stringify(seed))), seed);
    assert.deepEqual(demoClinicSeed(date), seed);
    assert.notDeepEqual(demoClinicSeed('2026-03-26').appointments, seed.appointments);
  });

  it('has several doctors and nurses, services of 15 to 60 minutes, working hours with lunch', () => {
    assert.ok(seed.resources.length >= 6);
    const durations = seed.healthcare_services.map((service) => service.duration_minutes);
    assert.equal(Math.min(...durations), 15);
    assert.equal(Math.max(...durations), 60);
    assert.ok(seed.schedules.every((schedule) => schedule.breaks.length === 1 && !schedule.weekdays.includes(6) && !schedule.weekdays.includes(7)));
  });

  it('books busy days from two working days before to five after', () => {
    const days = [...new Set(seed.appointments.map((appointment) => appointment.start.slice(0, 10)))].sort();
    assert.deepEqual(days, ['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-30', '2026-03-31', '2026-04-01']);
    const today = seed.appointments.filter((appointment) => appointment.start.startsWith(date));
    const statuses = new Set(today.map((appointment) => appointment.status));
    assert.deepEqual([...statuses].sort(), ['awaiting_confirmation', 'booked', 'cancelled']);
    assert.ok(today.length > 80, `a busy day, got ${today.length}`);
    assert.ok(today.some((appointment) => appointment.comment !== null));
    assert.ok(seed.appointments.filter((appointment) => appointment.start < date).every((appointment) => appointment.status === 'completed' || appointment.status === 'cancelled'));
  });

  it('builds around a weekend date too, crossing DST', () => {
    const sunday = demoClinicSeed('2026-03-29');
    const days = [...new Set(sunday.appointments.map((appointment) => appointment.start.slice(0, 10)))].sort();
    assert.deepEqual(days, ['2026-03-26', '2026-03-27', '2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03']);
    assert.ok(sunday.appointments.some((appointment) => appointment.start === '2026-03-30T08:00:00+02:00'));
  });

  it('has Tolvan Tolvansson booked, and only valid synthetic personal numbers', () => {
    const tolvan = seed.patients.find((patient) => patient.external_id === '191212121212');
    assert.equal(tolvan?.first_name, 'Tolvan');
    assert.ok(seed.appointments.some((appointment) => appointment.patient_id === tolvan?.id && appointment.status === 'booked'));
    assert.ok(seed.patients.every((patient) => isValidSwedishPersonalNumber(patient.external_id)));
    assert.equal(new Set(seed.patients.map((patient) => patient.external_id)).size, seed.patients.length, 'one patient per personal number');
    assert.ok(seed.patients.some((patient) => Number(patient.external_id.slice(6, 8)) > 60), 'a samordningsnummer holder too');
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    assert.throws(() => demoClinicSeed('2026-02-30'), RangeError);
    assert.throws(() => demoClinicSeed('tomorrow'), RangeError);
    assert.ok(DateTime.fromISO('2026-03-25').isValid);
  });
});
