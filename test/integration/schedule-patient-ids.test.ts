// Patient ids per EHR, against the strict sandbox's EHR profiles over HTTP (Leyr's patient-id
// guide): search and create take the id types the care unit's EHR takes, a type it cannot take
// is refused in plain words before anything is sent, and a patient Leyr already had is said
// as such ("existing"), never passed off as created.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Refusal } from '../../main/errors/failure.ts';
import { startHarness, type Harness } from '../support/schedule-harness.ts';

let h: Harness | undefined;

const harness = async (emr: string): Promise<Harness> => {
  h = await startHarness({ emr });
  assert.equal((await h.control.profile()).strict, true);
  return h;
};

/** Leyr was asked nothing while `work` was refused by the app itself, with plain words. */
async function refusedBeforeSending(harness: Harness, work: () => Promise<unknown>, words: RegExp): Promise<void> {
  const before = harness.sent.length;
  await assert.rejects(work(), (error: unknown) => error instanceof Refusal && error.code === 'INVALID_ARGUMENT' && words.test(error.message) && !error.message.startsWith('Invalid argument'));
  assert.deepEqual(harness.sent.slice(before), [], 'nothing was sent');
}

const lookups = (harness: Harness, since: number): string[] =>
  harness.sent
    .slice(since)
    .filter((r) => r.method === 'GET' && /\/patients\/[^/?]+$/.test(r.path))
    .map((r) => decodeURIComponent(r.path.split('/').at(-1) ?? ''));

describe('patient ids per EHR (strict sandbox)', () => {
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('webdoc: Swedish numbers looked up by Leyr’s typed id; a Norwegian one refused before sending', async () => {
    const w = await harness('webdoc');
    const { patients } = await w.service.searchPatients({ query: 'Anna' });
    const known = patients[0];
    assert.ok(known);
    const number = (await w.control.state()).patients.find((p) => p.id === known.id)?.external_id;
    assert.ok(number);
    const since = w.sent.length;
    assert.deepEqual((await w.service.searchPatients({ query: number })).patients.map((p) => p.id), [known.id]);
    assert.deepEqual(lookups(w, since), [`se_personal_number:${number}`]);
    await refusedBeforeSending(w, () => w.service.searchPatients({ query: '26258605879' }), /^WebDoc does not look patients up by Norwegian personal number/);
    await refusedBeforeSending(w, () => w.service.createPatient({ firstName: 'Kari', lastName: 'Nordmann', personalNumber: '26258605879' }), /^WebDoc takes Swedish personal numbers only/);
  });

  it('dips: Norwegian numbers registered and looked up; a Swedish one refused before sending', async () => {
    const d = await harness('dips');
    const created = await d.service.createPatient({ firstName: 'Kari', lastName: 'Nordmann', personalNumber: '262586 05879' });
    assert.equal(created.existing, false);
    assert.equal(created.patient.personalNumber, '26258605879');
    const since = d.sent.length;
    assert.deepEqual((await d.service.searchPatients({ query: '26258605879' })).patients.map((p) => p.id), [created.patient.id]);
    assert.deepEqual(lookups(d, since), ['no_personal_number:26258605879']);
    // Registered again under another name: Leyr's idempotent create would answer Kari; the number is looked up first.
    const again = await d.service.createPatient({ firstName: 'Ola', lastName: 'Nordmann', personalNumber: '26258605879' });
    assert.deepEqual([again.existing, again.patient.id, again.patient.firstName], [true, created.patient.id, 'Kari']);
    await refusedBeforeSending(d, () => d.service.searchPatients({ query: '19121212-1212' }), /^DIPS does not look patients up by Swedish personal number/);
  });

  it('anitasystems: EHR ids only, a phone required to create, and an existing patient told from Leyr’s answer', async () => {
    const a = await harness('anitasystems');
    await refusedBeforeSending(a, () => a.service.searchPatients({ query: '19121212-1212' }), /^Anita Systems does not look patients up by personal number/);
    await refusedBeforeSending(a, () => a.service.createPatient({ firstName: 'Greta', lastName: 'Testsson', personalNumber: '19121212-1212' }), /phone/);
    const since = a.sent.length;
    const created = await a.service.createPatient({ firstName: 'Greta', lastName: 'Testsson', personalNumber: '19121212-1212', phone: '+46 70 123 45 67' });
    assert.equal(created.existing, false);
    assert.deepEqual(lookups(a, since), [], 'no lookup by number where the EHR takes none');
    // New patient → Tolvan Tolvansson, the same number: Leyr answers Greta, who is said to be there already.
    const tolvan = await a.service.createPatient({ firstName: 'Tolvan', lastName: 'Tolvansson', personalNumber: '191212121212', phone: '+46 70 765 43 21' });
    assert.deepEqual([tolvan.existing, tolvan.patient.id, tolvan.patient.firstName, tolvan.patient.lastName], [true, created.patient.id, 'Greta', 'Testsson']);
    // Found by the EHR's own id.
    const byEhrId = await a.service.searchPatients({ query: `emr:${created.patient.emrId ?? created.patient.id}` });
    assert.deepEqual(byEhrId.patients.map((p) => p.id), [created.patient.id]);
  });

  it('pasientsky: no personal-number lookups, but either number registers, without a phone', async () => {
    const p = await harness('pasientsky');
    await refusedBeforeSending(p, () => p.service.searchPatients({ query: '26258605879' }), /^PasientSky does not look patients up by personal number/);
    const created = await p.service.createPatient({ firstName: 'Kari', lastName: 'Nordmann', personalNumber: '26258605879' });
    assert.equal(created.existing, false);
  });
});
