// Who is to blame when Leyr refuses a bulk move whole (main/schedule/changes/bulk-refusal.ts):
// the free slots are handed out one appointment at a time, so two appointments never both
// "fit" the one slot; and finding the blockers never throws (the refused entry must settle).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { refusalOf, withoutSlot } from '../../../main/schedule/changes/bulk-refusal.ts';
import type { ScheduleContext } from '../../../main/schedule/common/context.ts';
import type { LeyrApi } from '../../../main/leyr/api.ts';
import { LeyrError } from '../../../main/leyr/errors.ts';
import type { OutboxEntry } from '../../../main/store/outbox/entry.ts';
import type { AppointmentRecord, TimeslotRecord } from '../../../main/store/records.ts';
import { silentLogger } from '../../../main/log/logger.ts';

const at = (time: string): string => `2026-03-23T${time}:00+01:00`;
const appointment = (id: string, start: string, end: string): AppointmentRecord => ({
  id,
  date: '2026-03-23',
  start: at(start),
  end: at(end),
  resourceId: 'res-b',
  patientId: null,
  serviceId: 'svc-30',
  status: 'booked',
  comment: null,
  careUnitId: null,
});
const slot = (start: string, end: string): TimeslotRecord => ({ resourceId: 'res-c', serviceId: 'svc-30', start: at(start), end: at(end) });

describe('withoutSlot', () => {
  it('two appointments at one time and a single free slot: the second is the blocker', () => {
    const bases = [appointment('apt-2', '09:00', '09:30'), appointment('apt-1', '09:00', '09:30')];
    assert.deepEqual(withoutSlot(bases, [slot('09:00', '09:30')]), ['apt-2']);
  });

  it('a taken slot blocks the slots of the resource that overlap it', () => {
    // 09:00–09:30 and 09:15–09:45 overlap: the one at 09:15 cannot have its slot once 09:00 is taken.
    const bases = [appointment('apt-a', '09:00', '09:30'), appointment('apt-b', '09:15', '09:45')];
    assert.deepEqual(withoutSlot(bases, [slot('09:00', '09:30'), slot('09:15', '09:45')]), ['apt-b']);
    assert.deepEqual(withoutSlot(bases, [slot('09:00', '09:30'), slot('09:30', '10:00'), slot('09:15', '09:45')]), ['apt-b']);
  });

  it('enough slots: nobody is to blame', () => {
    const bases = [appointment('apt-a', '09:00', '09:30'), appointment('apt-b', '09:30', '10:00')];
    assert.deepEqual(withoutSlot(bases, [slot('09:00', '09:30'), slot('09:30', '10:00')]), []);
  });
});

describe('refusalOf', () => {
  const bases = [appointment('apt-a', '09:00', '09:30'), appointment('apt-b', '10:00', '10:30')];
  const entry = {
    changeId: 'chg-1',
    request: { kind: 'move-to-resource', ids: ['apt-a', 'apt-b'], resourceId: 'res-c' },
    targets: bases.map((base) => ({ appointmentId: base.id, base })),
  } as unknown as OutboxEntry;
  const refused = new LeyrError({ kind: 'http', message: 'No timeslots', status: 409, code: 'NO_TIMESLOTS_AVAILABLE', errorCodes: ['NO_TIMESLOTS_AVAILABLE'] } as ConstructorParameters<typeof LeyrError>[0]);
  const closedStore = new Proxy({}, {
    get() {
      throw new Error('the store is closed');
    },
  });
  const ctx = { log: silentLogger, accountId: 1, zone: () => 'Europe/Stockholm', store: closedStore } as unknown as ScheduleContext;

  it('the store closed and Leyr unreadable: all refused, nothing thrown', async () => {
    const api = { listTimeslots: () => Promise.reject(refused) } as unknown as LeyrApi;
    const failure = await refusalOf(ctx, api, entry, refused);
    assert.equal(failure.blockers, undefined);
    assert.equal(failure.code, 'NO_TIMESLOTS_AVAILABLE');
  });

  it('anything unexpected while reading the slots: all refused, nothing thrown', async () => {
    const api = { listTimeslots: () => Promise.reject(new TypeError('broken')) } as unknown as LeyrApi;
    const failure = await refusalOf(ctx, api, entry, refused);
    assert.equal(failure.blockers, undefined);
  });
});
