// The booking rules of a direct EHR (webdoc): create, move, bulk move, continuous
// reschedule, cancel.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { at, openMini, type Envelope, type SandboxHttp, type WireAppointment } from '../../support/sandbox-http.ts';

let sandbox: SandboxHttp;
beforeEach(async () => {
  sandbox = await openMini({ strict: true });
});
afterEach(() => sandbox.close());

const byId = async (id: string): Promise<WireAppointment | undefined> => (await sandbox.appointments()).find((appointment) => appointment.id === id);
const day = { start: at('00:00'), end: at('00:00', '2026-03-24') };

async function book(body: Record<string, unknown>): Promise<WireAppointment> {
  const answer = await sandbox.unit<WireAppointment[]>('POST', '/appointments', { body });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  assert.equal(answer.body.length, 1);
  const [appointment] = answer.body;
  assert.ok(appointment);
  return appointment;
}

async function freeStarts(resourceId: string, serviceId: string): Promise<string[]> {
  const answer = await sandbox.unit<{ start: string }[]>('GET', '/timeslots', { query: { ...day, resource_id: resourceId, healthcare_service_id: serviceId } });
  assert.equal(answer.status, 200);
  return answer.body.map((slot) => slot.start);
}

const errorCode = (answer: { body: unknown }): string | undefined => (answer.body as Envelope).errors[0]?.error_code;

describe('create', () => {
  it('books a free slot by typed ids and answers an array with Leyr ids', async () => {
    assert.ok((await freeStarts('r2', 's30b')).includes(at('09:00')));
    const appointment = await book({
      start: '2026-03-23T08:00:00Z',
      end: '2026-03-23T08:30:00Z',
      patient_id: 'se_personal_number:19121212-1212',
      resource_id: 'hsa_id:SE-R2',
      healthcare_service_id: 's30b',
      comment: 'Första besök',
    });
    assert.deepEqual({ ...appointment, id: 'x' }, {
      id: 'x',
      status: 'booked',
      care_unit_id: 'CU1',
      start: at('09:00'),
      end: at('09:30'),
      comment: 'Första besök',
      patient_id: 'p1',
      resource_id: 'r2',
      healthcare_service_id: 's30b',
    });
    assert.ok(!(await freeStarts('r2', 's30b')).includes(at('09:00')), 'the slot is taken');
    assert.ok(!(await freeStarts('r2', 's15')).includes(at('09:15')), 'and so are the slots overlapping it');
    const listed = await sandbox.unit<WireAppointment[]>('GET', '/appointments', { query: { ...day, resource_id: 'r2' } });
    assert.deepEqual(listed.body.map((item) => item.id), [appointment.id, 'a4']);
    const again = await sandbox.unit('POST', '/appointments', { body: { start: at('09:00'), end: at('09:30'), patient_id: 'p2', resource_id: 'r2', healthcare_service_id: 's30' } });
    assert.equal(errorCode(again), 'NO_TIMESLOTS_AVAILABLE');
  });

  it('finds the service from the length when only one fits', async () => {
    const appointment = await book({ start: at('09:30'), end: at('09:45'), patient_id: 'emr_id:wd-2', resource_id: 'emr_id:r1' });
    assert.equal(appointment.healthcare_service_id, 's15');
    assert.equal(appointment.patient_id, 'p2');
    assert.equal(appointment.comment, null);
  });

  it('books where a cancelled appointment was', async () => {
    const appointment = await book({ start: at('09:00'), end: at('09:30'), patient_id: 'p2', resource_id: 'r1', healthcare_service_id: 's30' });
    assert.equal(appointment.status, 'booked');
  });
});

describe('single PATCH', () => {
  it('moves in time on the same resource, its own place counting as free', async () => {
    const moved = await sandbox.unit<WireAppointment>('PATCH', '/appointments/a2', { body: { start: at('09:00'), end: at('09:15') } });
    assert.equal(moved.status, 200);
    assert.deepEqual([moved.body.start, moved.body.end, moved.body.resource_id, moved.body.comment], [at('09:00'), at('09:15'), 'r1', 'Uppföljning']);
    // a1 08:00–08:30 now moves to 08:15–08:45, over half of its own old place.
    const overlapSelf = await sandbox.unit<WireAppointment>('PATCH', '/appointments/a1', { body: { start: at('08:15'), end: at('08:45') } });
    assert.equal(overlapSelf.status, 200, JSON.stringify(overlapSelf.body));
    assert.ok((await freeStarts('r1', 's15')).includes(at('08:00')), 'the old place is free');
  });

  it('moves to another resource at the same time', async () => {
    const moved = await sandbox.unit<WireAppointment>('PATCH', '/appointments/a1', { body: { resource_id: 'hsa_id:SE-R2' } });
    assert.equal(moved.status, 200);
    assert.deepEqual([moved.body.resource_id, moved.body.start], ['r2', at('08:00')]);
    assert.ok((await freeStarts('r1', 's30')).includes(at('08:00')));
  });

  it('moves in time and resource together, and answers a retried move the same', async () => {
    const body = { start: at('11:30'), end: at('12:00'), resource_id: 'r2' };
    const first = await sandbox.unit<WireAppointment>('PATCH', '/appointments/a1', { body });
    const second = await sandbox.unit<WireAppointment>('PATCH', '/appointments/a1', { body });
    assert.equal(first.status, 200);
    assert.deepEqual(second.body, first.body);
  });

  it('refuses a move onto another appointment and changes nothing', async () => {
    const answer = await sandbox.unit('PATCH', '/appointments/a1', { body: { start: at('11:00'), end: at('11:30'), resource_id: 'r2' } });
    assert.equal(errorCode(answer), 'NO_TIMESLOTS_AVAILABLE');
    assert.equal((await byId('a1'))?.resource_id, 'r1');
  });

  it('updates the comment alone, and clears it with null', async () => {
    const changed = await sandbox.unit<WireAppointment>('PATCH', '/appointments/a1', { body: { comment: 'Tolk behövs' } });
    assert.equal(changed.body.comment, 'Tolk behövs');
    const cleared = await sandbox.unit<WireAppointment>('PATCH', '/appointments/a1', { body: { comment: null } });
    assert.equal(cleared.body.comment, null);
  });

  it('cancels with a reason, frees the slot, and answers a repeated cancel unchanged', async () => {
    const cancelled = await sandbox.unit<WireAppointment>('PATCH', '/appointments/a1', { body: { status: 'cancelled', comment: 'Patienten är sjuk' } });
    assert.equal(cancelled.status, 200);
    assert.deepEqual([cancelled.body.id, cancelled.body.status, cancelled.body.comment], ['a1', 'cancelled', 'Patienten är sjuk']);
    assert.ok((await freeStarts('r1', 's30')).includes(at('08:00')));
    const again = await sandbox.unit<WireAppointment>('PATCH', '/appointments/a1', { body: { status: 'cancelled', comment: 'igen' } });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, cancelled.body);
  });

  it('serves the legacy route without the care unit', async () => {
    const moved = await sandbox.api<WireAppointment>('PATCH', '/appointments/a2', { body: { start: at('09:30'), end: at('09:45') } });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.start, at('09:30'));
    const bulk = await sandbox.api<WireAppointment[]>('PATCH', '/appointments', { body: { ids: ['a1', 'a2'], status: 'cancelled', comment: 'Stängt' } });
    assert.deepEqual(bulk.body.map((item) => item.status), ['cancelled', 'cancelled']);
  });
});

describe('bulk PATCH', () => {
  it('cancels many with one comment', async () => {
    const answer = await sandbox.unit<WireAppointment[]>('PATCH', '/appointments', { body: { ids: ['a1', 'a4', 'a3'], status: 'cancelled', comment: 'Läkaren sjuk' } });
    assert.equal(answer.status, 200);
    assert.deepEqual(
      answer.body.map((item) => [item.id, item.status, item.comment]),
      [
        ['a1', 'cancelled', 'Läkaren sjuk'],
        ['a4', 'cancelled', 'Läkaren sjuk'],
        ['a3', 'cancelled', null],
      ],
      'an already cancelled one is answered unchanged',
    );
  });

  it('moves a whole list to another resource at their own times', async () => {
    const answer = await sandbox.unit<WireAppointment[]>('PATCH', '/appointments', { body: { ids: ['a1', 'a2'], resource_id: 'r2', comment: 'Flyttad' } });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(
      answer.body.map((item) => [item.id, item.resource_id, item.start, item.comment]),
      [
        ['a1', 'r2', at('08:00'), 'Flyttad'],
        ['a2', 'r2', at('08:30'), 'Flyttad'],
      ],
    );
  });

  it('moves none when one has no free slot on the new resource', async () => {
    await book({ start: at('08:30'), end: at('08:45'), patient_id: 'p2', resource_id: 'r2', healthcare_service_id: 's15' });
    const before = await sandbox.snapshot();
    const answer = await sandbox.unit('PATCH', '/appointments', { body: { ids: ['a1', 'a2'], resource_id: 'r2' } });
    assert.equal(answer.status, 400);
    assert.equal(errorCode(answer), 'NO_TIMESLOTS_AVAILABLE');
    assert.equal((answer.body as Envelope).errors[0]?.path, 'ids[1]');
    assert.equal(await sandbox.snapshot(), before, 'a1 did not move either');
  });

  it('moves none when two of them would land on each other', async () => {
    const other = await book({ start: at('08:00'), end: at('08:30'), patient_id: 'p2', resource_id: 'r2', healthcare_service_id: 's30' });
    const before = await sandbox.snapshot();
    const answer = await sandbox.unit('PATCH', '/appointments', { body: { ids: ['a1', other.id], resource_id: 'r1' } });
    assert.equal(errorCode(answer), 'NO_TIMESLOTS_AVAILABLE');
    assert.equal(await sandbox.snapshot(), before);
  });

  it('sets a comment on many', async () => {
    const answer = await sandbox.unit<WireAppointment[]>('PATCH', '/appointments', { body: { ids: ['a1', 'a2'], comment: 'Ring innan' } });
    assert.deepEqual(answer.body.map((item) => item.comment), ['Ring innan', 'Ring innan']);
  });

  describe('continuous reschedule', () => {
    // Pia has two 30-minute visits with Dr. Ett at 10:15 and 10:45.
    let first: WireAppointment;
    let second: WireAppointment;
    beforeEach(async () => {
      first = await book({ start: at('10:15'), end: at('10:45'), patient_id: 'p2', resource_id: 'r1', healthcare_service_id: 's30' });
      second = await book({ start: at('10:45'), end: at('11:15'), patient_id: 'p2', resource_id: 'r1', healthcare_service_id: 's30' });
    });

    it('reuses them and creates more when the range is longer', async () => {
      const answer = await sandbox.unit<WireAppointment[]>('PATCH', '/appointments', { body: { ids: [second.id, first.id], start: at('10:30'), end: at('12:00'), comment: 'Serie' } });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(
        answer.body.map((item) => [item.start, item.end, item.status, item.patient_id, item.resource_id, item.healthcare_service_id, item.comment]),
        [
          [at('10:30'), at('11:00'), 'booked', 'p2', 'r1', 's30', 'Serie'],
          [at('11:00'), at('11:30'), 'booked', 'p2', 'r1', 's30', 'Serie'],
          [at('11:30'), at('12:00'), 'booked', 'p2', 'r1', 's30', 'Serie'],
        ],
      );
      assert.deepEqual(answer.body.slice(0, 2).map((item) => item.id), [first.id, second.id], 'the earliest is reused first');
      assert.ok(![first.id, second.id].includes(answer.body[2]?.id ?? ''), 'the third is new');
    });

    it('cancels the extra ones when the range is shorter', async () => {
      const answer = await sandbox.unit<WireAppointment[]>('PATCH', '/appointments', { body: { ids: [first.id, second.id], start: at('11:30'), end: at('12:00') } });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(
        answer.body.map((item) => [item.id, item.start, item.status]),
        [
          [first.id, at('11:30'), 'booked'],
          [second.id, at('10:45'), 'cancelled'],
        ],
      );
    });

    it('moves the series to another resource', async () => {
      const answer = await sandbox.unit<WireAppointment[]>('PATCH', '/appointments', { body: { ids: [first.id, second.id], start: at('09:00'), end: at('10:00'), resource_id: 'r2' } });
      assert.deepEqual(answer.body.map((item) => [item.resource_id, item.start]), [['r2', at('09:00')], ['r2', at('09:30')]]);
    });

    it('refuses a range that is not all free, moving nothing', async () => {
      const before = await sandbox.snapshot();
      const answer = await sandbox.unit('PATCH', '/appointments', { body: { ids: [first.id, second.id], start: at('08:30'), end: at('09:30') } });
      assert.equal(errorCode(answer), 'NO_TIMESLOTS_AVAILABLE');
      assert.equal(await sandbox.snapshot(), before);
    });
  });
});

describe('lists', () => {
  it('lists a day with every status, filtered by typed patient id', async () => {
    const all = await sandbox.unit<WireAppointment[]>('GET', '/appointments', { query: day });
    assert.deepEqual(all.body.map((item) => item.id), ['a1', 'a2', 'a3', 'a4']);
    const tolvan = await sandbox.unit<WireAppointment[]>('GET', '/appointments', { query: { ...day, patient_id: 'se_personal_number:191212121212' } });
    assert.deepEqual(tolvan.body.map((item) => item.id), ['a1', 'a2']);
    const partial = await sandbox.unit<WireAppointment[]>('GET', '/appointments', { query: { start: at('08:15'), end: at('08:31') } });
    assert.deepEqual(partial.body.map((item) => item.id), ['a1', 'a2'], 'overlapping the range is enough');
    const other = await sandbox.api<WireAppointment[]>('GET', '/care-units/CU2/appointments', { query: day });
    assert.deepEqual(other.body.map((item) => item.id), ['a9']);
  });
});
