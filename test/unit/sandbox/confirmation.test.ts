// The confirming EHR profile (anitasystems): bookings await a code, cancels take two steps.
// And codes for appointments a seed holds as awaiting_confirmation, under either profile.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { at, openMini, type Envelope, type SandboxHttp, type WireAppointment } from '../../support/sandbox-http.ts';

let sandbox: SandboxHttp;
afterEach(() => sandbox.close());

const day = { start: at('00:00'), end: at('00:00', '2026-03-24') };

async function codeOf(id: string): Promise<string> {
  const answer = await sandbox.control<{ code: string }>('GET', `/confirmation-codes/${id}`);
  assert.equal(answer.status, 200, `a code awaits for ${id}`);
  assert.match(answer.body.code, /^\d{6}$/);
  return answer.body.code;
}

const wrong = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function listedIds(): Promise<string[]> {
  const answer = await sandbox.unit<WireAppointment[]>('GET', '/appointments', { query: day });
  return answer.body.map((item) => `${item.id}:${item.status}`);
}

async function freeStarts(resourceId: string): Promise<string[]> {
  const answer = await sandbox.unit<{ start: string }[]>('GET', '/timeslots', { query: { ...day, resource_id: resourceId, healthcare_service_id: 's30' } });
  return answer.body.map((slot) => slot.start);
}

describe('booking confirmation (anitasystems)', () => {
  it('answers awaiting_confirmation, holds the slot, and books on the right code only', async () => {
    sandbox = await openMini({ strict: true, emr: 'anitasystems' });
    assert.equal(sandbox.sandbox.emr, 'anitasystems');
    const created = await sandbox.unit<WireAppointment[]>('POST', '/appointments', { body: { start: at('09:30'), end: at('10:00'), patient_id: 'p2', resource_id: 'r1', healthcare_service_id: 's30' } });
    assert.equal(created.status, 201);
    const [appointment] = created.body;
    assert.equal(appointment?.status, 'awaiting_confirmation');
    assert.ok(appointment);
    assert.ok(!(await freeStarts('r1')).includes(at('09:30')), 'the slot is held while awaiting');
    const code = await codeOf(appointment.id);
    assert.ok(!JSON.stringify(created.body).includes(code), 'the code never travels through the Leyr API');

    const before = await sandbox.snapshot();
    const refused = await sandbox.unit('PATCH', `/appointments/${appointment.id}`, { body: { confirmation: { code: wrong(code) } } });
    assert.equal(refused.status, 400);
    assert.equal((refused.body as Envelope).errors[0]?.error_code, 'BAD_INPUT');
    assert.equal((refused.body as Envelope).errors[0]?.path, 'confirmation.code');
    assert.equal(await sandbox.snapshot(), before, 'a wrong code changes nothing');

    const confirmed = await sandbox.unit<WireAppointment>('PATCH', `/appointments/${appointment.id}`, { body: { confirmation: { code } } });
    assert.equal(confirmed.status, 200);
    assert.deepEqual(confirmed.body, { ...appointment, status: 'booked' });
    assert.equal((await sandbox.control('GET', `/confirmation-codes/${appointment.id}`)).status, 404, 'the code is used up');
    const again = await sandbox.unit('PATCH', `/appointments/${appointment.id}`, { body: { confirmation: { code } } });
    assert.equal(again.status, 400, 'nothing awaits confirmation any more');
  });

  it('cancels a booking still awaiting its code at once', async () => {
    sandbox = await openMini({ strict: true, emr: 'anitasystems' });
    const created = await sandbox.unit<WireAppointment[]>('POST', '/appointments', { body: { start: at('09:30'), end: at('10:00'), patient_id: 'p2', resource_id: 'r1', healthcare_service_id: 's30' } });
    const id = created.body[0]?.id ?? '';
    const cancelled = await sandbox.unit<WireAppointment>('PATCH', `/appointments/${id}`, { body: { status: 'cancelled' } });
    assert.deepEqual([cancelled.body.id, cancelled.body.status], [id, 'cancelled']);
    assert.equal((await sandbox.control('GET', `/confirmation-codes/${id}`)).status, 404);
    assert.ok((await freeStarts('r1')).includes(at('09:30')));
  });

  it('creates reschedule additions awaiting confirmation', async () => {
    sandbox = await openMini({ strict: true, emr: 'anitasystems' });
    const answer = await sandbox.unit<WireAppointment[]>('PATCH', '/appointments', { body: { ids: ['a1'], start: at('10:15'), end: at('11:15') } });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.map((item) => [item.id === 'a1', item.status]), [[true, 'booked'], [false, 'awaiting_confirmation']]);
    await codeOf(answer.body[1]?.id ?? '');
  });
});

const DOCUMENTED_FIELDS = ['care_unit_id', 'comment', 'end', 'healthcare_service_id', 'id', 'patient_id', 'resource_id', 'start', 'status'];

describe('two-step cancel (anitasystems)', () => {
  it('answers a new record awaiting confirmation that names nothing; its code cancels the original', async () => {
    sandbox = await openMini({ strict: true, emr: 'anitasystems' });
    const asked = await sandbox.unit<WireAppointment>('PATCH', '/appointments/a1', { body: { status: 'cancelled', comment: 'Förhinder' } });
    assert.equal(asked.status, 200);
    const request = asked.body;
    assert.notEqual(request.id, 'a1');
    assert.equal(request.status, 'awaiting_confirmation');
    assert.deepEqual(Object.keys(request).sort(), DOCUMENTED_FIELDS, 'Leyr’s fields only: no cancellation_of');
    assert.ok(!Object.values(request).includes('a1'), 'nothing in the answer names the appointment being cancelled');
    assert.deepEqual([request.start, request.end, request.resource_id, request.patient_id, request.comment], [at('08:00'), at('08:30'), 'r1', 'p1', 'Förhinder']);
    assert.deepEqual(await listedIds(), ['a1:booked', 'a2:booked', 'a3:cancelled', 'a4:booked'], 'the original stays booked; the request is not a visit');
    assert.ok(!(await freeStarts('r1')).includes(at('08:00')));

    const repeated = await sandbox.unit<WireAppointment>('PATCH', '/appointments/a1', { body: { status: 'cancelled', comment: 'Förhinder' } });
    assert.deepEqual(repeated.body, request, 'asking again answers the same pending record');

    const code = await codeOf(request.id);
    const refused = await sandbox.unit('PATCH', `/appointments/${request.id}`, { body: { confirmation: { code: wrong(code) } } });
    assert.equal(refused.status, 400);
    assert.deepEqual(await listedIds(), ['a1:booked', 'a2:booked', 'a3:cancelled', 'a4:booked']);

    const confirmed = await sandbox.unit<WireAppointment>('PATCH', `/appointments/${request.id}`, { body: { confirmation: { code } } });
    assert.equal(confirmed.status, 200);
    assert.deepEqual([confirmed.body.id, confirmed.body.status, confirmed.body.comment], [request.id, 'cancelled', 'Förhinder'], 'the answer is the closed request, naming nothing');
    assert.deepEqual(Object.keys(confirmed.body).sort(), DOCUMENTED_FIELDS);
    assert.deepEqual(await listedIds(), ['a1:cancelled', 'a2:booked', 'a3:cancelled', 'a4:booked']);
    assert.ok((await freeStarts('r1')).includes(at('08:00')), 'the slot is free again');
    const state = await sandbox.appointments();
    const record = state.find((item) => item.id === request.id);
    assert.deepEqual([record?.status, record?.cancellation_of], ['cancelled', 'a1'], 'the request is closed; the link stays in the sandbox’s own state');
    assert.equal(state.find((item) => item.id === 'a1')?.comment, 'Förhinder', 'the original carries the reason');
  });

  it('lenient: links the record to the original with cancellation_of, and confirming answers the original', async () => {
    sandbox = await openMini({ strict: false, emr: 'anitasystems' });
    const asked = await sandbox.unit<WireAppointment>('PATCH', '/appointments/a1', { body: { status: 'cancelled', comment: 'Förhinder' } });
    assert.equal(asked.body.cancellation_of, 'a1');
    const confirmed = await sandbox.unit<WireAppointment>('PATCH', `/appointments/${asked.body.id}`, { body: { confirmation: { code: await codeOf(asked.body.id) } } });
    assert.deepEqual([confirmed.body.id, confirmed.body.status, confirmed.body.comment], ['a1', 'cancelled', 'Förhinder']);
  });

  it('withdraws a pending cancel when it is itself cancelled', async () => {
    sandbox = await openMini({ strict: true, emr: 'anitasystems' });
    const asked = await sandbox.unit<WireAppointment>('PATCH', '/appointments/a1', { body: { status: 'cancelled' } });
    const withdrawn = await sandbox.unit<WireAppointment>('PATCH', `/appointments/${asked.body.id}`, { body: { status: 'cancelled' } });
    assert.deepEqual([withdrawn.body.id, withdrawn.body.status], [asked.body.id, 'cancelled']);
    assert.equal((await sandbox.control('GET', `/confirmation-codes/${asked.body.id}`)).status, 404);
    assert.deepEqual(await listedIds(), ['a1:booked', 'a2:booked', 'a3:cancelled', 'a4:booked']);
    const anew = await sandbox.unit<WireAppointment>('PATCH', '/appointments/a1', { body: { status: 'cancelled' } });
    assert.notEqual(anew.body.id, asked.body.id, 'a new request after a withdrawn one');
  });

  it('asks for each of a bulk cancel, answering the new records in the order of the ids sent, each with its own code', async () => {
    sandbox = await openMini({ strict: true, emr: 'anitasystems' });
    const answer = await sandbox.unit<WireAppointment[]>('PATCH', '/appointments', { body: { ids: ['a2', 'a1'], status: 'cancelled', comment: 'Stängt' } });
    assert.equal(answer.status, 200);
    assert.deepEqual(
      answer.body.map((item) => [item.status, item.start]),
      [['awaiting_confirmation', at('08:30')], ['awaiting_confirmation', at('08:00')]],
      'a2’s request first, then a1’s: the order of the ids sent',
    );
    for (const item of answer.body) {
      assert.deepEqual(Object.keys(item).sort(), DOCUMENTED_FIELDS);
      assert.ok(!['a1', 'a2'].some((id) => Object.values(item).includes(id)), 'nothing names the originals');
    }
    const codes = await Promise.all(answer.body.map((item) => codeOf(item.id)));
    assert.equal(new Set(codes).size, 2);
    const confirmed = await sandbox.api<WireAppointment>('PATCH', `/appointments/${answer.body[0]?.id}`, { body: { confirmation: { code: codes[0] } } });
    assert.deepEqual([confirmed.body.id, confirmed.body.status], [answer.body[0]?.id, 'cancelled'], 'the legacy route confirms too');
    assert.deepEqual(await listedIds(), ['a1:booked', 'a2:cancelled', 'a3:cancelled', 'a4:booked']);
  });

  it('answers a bulk cancel of a booked and an unconfirmed appointment in order: a request, then the cancelled booking', async () => {
    sandbox = await openMini({ strict: true, emr: 'anitasystems' }, (seed) => {
      seed.appointments.push({ id: 'a5', care_unit_id: 'CU1', resource_id: 'r1', patient_id: 'p2', healthcare_service_id: 's30', start: at('11:00'), end: at('11:30'), status: 'awaiting_confirmation', comment: null });
    });
    const answer = await sandbox.unit<WireAppointment[]>('PATCH', '/appointments', { body: { ids: ['a1', 'a5'], status: 'cancelled' } });
    assert.deepEqual(
      answer.body.map((item) => [item.id === 'a1' ? 'a1' : item.id === 'a5' ? 'a5' : 'new', item.status]),
      [['new', 'awaiting_confirmation'], ['a5', 'cancelled']],
    );
  });

  it('refuses a move of the pending record', async () => {
    sandbox = await openMini({ strict: true, emr: 'anitasystems' });
    const asked = await sandbox.unit<WireAppointment>('PATCH', '/appointments/a1', { body: { status: 'cancelled' } });
    const moved = await sandbox.unit('PATCH', `/appointments/${asked.body.id}`, { body: { start: at('09:30'), end: at('10:00') } });
    assert.equal((moved.body as Envelope).errors[0]?.error_code, 'BAD_INPUT');
  });
});

describe('seeded appointments awaiting confirmation', () => {
  it('hold their slot and confirm by code under a direct EHR too', async () => {
    sandbox = await openMini({ strict: true }, (seed) => {
      seed.appointments.push({ id: 'a5', care_unit_id: 'CU1', resource_id: 'r1', patient_id: 'p2', healthcare_service_id: 's30', start: at('11:00'), end: at('11:30'), status: 'awaiting_confirmation', comment: null });
    });
    assert.ok(!(await freeStarts('r1')).includes(at('11:00')));
    const direct = await sandbox.unit<WireAppointment>('PATCH', '/appointments/a1', { body: { status: 'cancelled' } });
    assert.equal(direct.body.status, 'cancelled', 'webdoc cancels at once');
    const confirmed = await sandbox.unit<WireAppointment>('PATCH', '/appointments/a5', { body: { confirmation: { code: await codeOf('a5') } } });
    assert.equal(confirmed.body.status, 'booked');
  });

  it('get new codes on reset', async () => {
    sandbox = await openMini({ strict: true }, (seed) => {
      seed.appointments.push({ id: 'a5', care_unit_id: 'CU1', resource_id: 'r1', patient_id: 'p2', healthcare_service_id: 's30', start: at('11:00'), end: at('11:30'), status: 'awaiting_confirmation', comment: null });
    });
    await sandbox.unit('PATCH', '/appointments/a5', { body: { confirmation: { code: await codeOf('a5') } } });
    assert.equal((await sandbox.control('GET', '/confirmation-codes/a5')).status, 404);
    await sandbox.control('POST', '/reset');
    await codeOf('a5');
  });
});
