// The rebook proposal (main/schedule/rebook/propose.ts): the order of preference (same time
// elsewhere, nearest that day, a later day), no two proposals in one slot, alternatives that
// collide with no other proposal; and, as a property over random days, that every proposal is
// a real free slot of the right service on another resource and no two collide.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { slotsCollide } from '../../../preload/contract/rebook.ts';
import { proposeRebook, type KnownSlot, type RebookAppointment } from '../../../main/schedule/rebook/propose.ts';

const at = (date: string, hhmm: string): string => `${date}T${hhmm}:00+01:00`;
const D1 = '2026-03-23';
const D2 = '2026-03-24';
const slot = (resourceId: string, date: string, from: string, to: string, serviceId: string | null = 'svc'): KnownSlot => ({ resourceId, serviceId, start: at(date, from), end: at(date, to) });
const appt = (id: string, from: string, to: string, extra: Partial<RebookAppointment> = {}): RebookAppointment => ({ id, resourceId: 'sick', serviceId: 'svc', start: at(D1, from), end: at(D1, to), date: D1, ...extra });
const input = (appointments: RebookAppointment[], byDate: Record<string, KnownSlot[]>) => ({ appointments, slotsByDate: new Map(Object.entries(byDate)), notBeforeMs: 0, alternatives: 3 });

describe('rebook proposal', () => {
  test('the same time with another resource comes first, then the nearest free time that day, then a later day', () => {
    const rows = proposeRebook(
      input([appt('a', '09:00', '09:30'), appt('b', '10:00', '10:30'), appt('c', '11:00', '11:30')], {
        [D1]: [slot('ek', D1, '09:00', '09:30'), slot('ek', D1, '13:00', '13:30'), slot('ek', D1, '10:45', '11:15', 'other'), slot('sick', D1, '11:00', '11:30')],
        [D2]: [slot('ek', D2, '08:00', '08:30')],
      }),
    );
    assert.deepEqual(
      rows.map((row) => [row.appointmentId, row.proposal?.reason, row.proposal?.resourceId, row.proposal?.start]),
      [
        ['a', 'same-time', 'ek', at(D1, '09:00')],
        ['b', 'same-day', 'ek', at(D1, '13:00')],
        ['c', 'later-day', 'ek', at(D2, '08:00')],
      ],
    );
    assert.equal(rows[2]?.proposal?.date, D2);
  });

  test('two appointments at the same time never get the same slot, nor overlapping slots of one resource', () => {
    const rows = proposeRebook(
      input([appt('a', '09:00', '09:30'), appt('b', '09:00', '09:30', { resourceId: 'sick2' })], {
        [D1]: [slot('ek', D1, '09:00', '09:30'), slot('ek', D1, '09:15', '09:45'), slot('ek', D1, '10:00', '10:30')],
      }),
    );
    const [a, b] = rows;
    assert.equal(a?.proposal?.start, at(D1, '09:00'));
    assert.equal(b?.proposal?.start, at(D1, '10:00'), 'the 09:15 slot overlaps the one a took');
    assert.ok(a?.proposal && b?.proposal && !slotsCollide(a.proposal, b.proposal));
    // a's alternatives leave out b's proposal.
    assert.ok(a?.alternatives.every((alt) => b?.proposal === null || !slotsCollide(alt, b!.proposal!)));
  });

  test('the sick resource, another service and the past are never proposed; no free slot is a row without proposal', () => {
    const rows = proposeRebook({
      ...input([appt('a', '09:00', '09:30')], { [D1]: [slot('sick', D1, '09:00', '09:30'), slot('ek', D1, '09:00', '09:30', 'other'), slot('ek', D1, '08:00', '08:30')] }),
      notBeforeMs: Date.parse(at(D1, '08:30')),
    });
    assert.equal(rows[0]?.proposal, null);
    assert.deepEqual(rows[0]?.alternatives, []);
  });

  test('an appointment without a service takes a slot of its length', () => {
    const rows = proposeRebook(input([appt('a', '09:00', '09:30', { serviceId: null })], { [D1]: [slot('ek', D1, '09:00', '10:00', 'long'), slot('ek', D1, '12:00', '12:30', 'short')] }));
    assert.equal(rows[0]?.proposal?.start, at(D1, '12:00'));
  });

  test('alternatives: the next candidates, best first, never the proposal itself', () => {
    const rows = proposeRebook(
      input([appt('a', '09:00', '09:30')], { [D1]: [slot('ek', D1, '09:00', '09:30'), slot('bo', D1, '09:00', '09:30'), slot('ek', D1, '09:30', '10:00'), slot('ek', D1, '15:00', '15:30')] }),
    );
    const row = rows[0];
    assert.equal(row?.proposal?.resourceId, 'bo');
    assert.deepEqual(
      row?.alternatives.map((alt) => [alt.resourceId, alt.start, alt.reason]),
      [
        ['ek', at(D1, '09:00'), 'same-time'],
        ['ek', at(D1, '09:30'), 'same-day'],
        ['ek', at(D1, '15:00'), 'same-day'],
      ],
    );
  });

  test('property: every proposal is a free slot of the right service on another resource, and none collide', () => {
    const resources = ['sick', 'ek', 'bo', 'lu'];
    const services = ['s30', 's60'];
    const length = { s30: 30, s60: 60 } as const;
    const quarter = fc.integer({ min: 0, max: 31 }); // 08:00 + n × 15 min
    const hhmm = (q: number, plus = 0): string => {
      const minutes = 8 * 60 + q * 15 + plus;
      return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    };
    const arbSlot = fc.record({ resource: fc.constantFrom(...resources), service: fc.constantFrom(...services), q: quarter, day: fc.constantFrom(D1, D2) });
    const arbAppt = fc.record({ service: fc.constantFrom(...services), q: quarter, resource: fc.constantFrom('sick', 'ek') });
    fc.assert(
      fc.property(fc.array(arbSlot, { maxLength: 60 }), fc.array(arbAppt, { minLength: 1, maxLength: 20 }), (slotSpecs, apptSpecs) => {
        const byDate: Record<string, KnownSlot[]> = { [D1]: [], [D2]: [] };
        for (const s of slotSpecs) byDate[s.day]?.push(slot(s.resource, s.day, hhmm(s.q), hhmm(s.q, length[s.service as 's30' | 's60']), s.service));
        const appointments = apptSpecs.map((a, i) => appt(`a${i}`, hhmm(a.q), hhmm(a.q, length[a.service as 's30' | 's60']), { serviceId: a.service, resourceId: a.resource }));
        const rows = proposeRebook(input(appointments, byDate));
        assert.equal(rows.length, appointments.length);
        const proposals = rows.flatMap((row) => (row.proposal === null ? [] : [{ row, slot: row.proposal }]));
        for (const { row, slot: p } of proposals) {
          const own = appointments.find((a) => a.id === row.appointmentId)!;
          assert.notEqual(p.resourceId, own.resourceId);
          assert.equal(p.serviceId, own.serviceId);
          assert.ok((byDate[p.date] ?? []).some((s) => s.resourceId === p.resourceId && s.serviceId === p.serviceId && s.start === p.start && s.end === p.end), 'a real free slot');
        }
        for (let i = 0; i < proposals.length; i += 1)
          for (let j = i + 1; j < proposals.length; j += 1) assert.ok(!slotsCollide(proposals[i]!.slot, proposals[j]!.slot), 'no two proposals collide');
        // Every alternative is a real slot too, and none collides with another row's proposal.
        for (const row of rows)
          for (const alt of row.alternatives) {
            assert.ok((byDate[alt.date] ?? []).some((s) => s.resourceId === alt.resourceId && s.start === alt.start && s.end === alt.end));
            assert.ok(proposals.every(({ row: other, slot: p }) => other === row || !slotsCollide(alt, p)));
          }
        // An appointment left without a proposal had no candidate free of the others.
        for (const row of rows.filter((r) => r.proposal === null)) assert.deepEqual(row.alternatives, []);
      }),
      { numRuns: 300 },
    );
  });
});
