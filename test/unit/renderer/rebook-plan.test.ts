// The rebook dialog's arithmetic (renderer/day/model/rebook-plan.ts) and the results of a
// bulk move Leyr refused whole because of some of its appointments (operation-results.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppointmentView, ChangeView, RebookRow, RebookSlot } from '../../../preload/contract/index.ts';
import { operationOutcomes, summariseOutcomes } from '../../../renderer/day/model/operation-results.ts';
import { chosenSlots, collidingRows, sendPlan, slotKey } from '../../../renderer/day/model/rebook-plan.ts';

const D = '2026-03-23';
const at = (hhmm: string): string => `${D}T${hhmm}:00+01:00`;
const appointment = (id: string, from: string, to: string): AppointmentView => ({
  id, resourceId: 'sick', patientId: 'p', serviceId: 's', start: at(from), end: at(to), status: 'booked', patientName: `Patient ${id}`, comment: null, pending: false, changeId: null, awaitingCancellation: false, failed: null,
});
const slot = (resourceId: string, from: string, to: string, reason: RebookSlot['reason']): RebookSlot => ({ resourceId, serviceId: 's', start: at(from), end: at(to), date: D, reason });
const row = (id: string, from: string, to: string, proposal: RebookSlot | null, alternatives: RebookSlot[] = []): RebookRow => ({ appointment: appointment(id, from, to), started: false, proposal, alternatives });

describe('rebook plan', () => {
  const rows = [
    row('a', '09:00', '09:30', slot('ek', '09:00', '09:30', 'same-time'), [slot('bo', '09:00', '09:30', 'same-time'), slot('ek', '13:00', '13:30', 'same-day')]),
    row('b', '10:00', '10:30', slot('ek', '10:00', '10:30', 'same-time'), [slot('ek', '09:15', '09:45', 'same-day')]),
    row('c', '11:00', '11:30', slot('lu', '14:00', '14:30', 'same-day')),
    row('d', '12:00', '12:30', null),
  ];
  const all = new Set(['a', 'b', 'c', 'd']);

  it('sends the rows keeping their times with one resource as one bulk move, the rest as single moves', () => {
    const chosen = chosenSlots(rows, new Map());
    assert.deepEqual(sendPlan(rows, chosen, all), [
      { kind: 'bulk', resourceId: 'ek', ids: ['a', 'b'] },
      { kind: 'single', id: 'c', slot: rows[2]?.proposal },
    ]);
    // Left out, b is not sent; a alone at the same time is a single move.
    assert.deepEqual(sendPlan(rows, chosen, new Set(['a', 'c'])).map((s) => (s.kind === 'single' ? s.id : s.ids.join())), ['c', 'a']);
  });

  it('a choice that collides with an earlier row’s is flagged on the later row', () => {
    const picked = new Map([['b', slotKey(slot('ek', '09:15', '09:45', 'same-day'))]]);
    const chosen = chosenSlots(rows, picked);
    assert.deepEqual([...collidingRows(rows, chosen, all)], ['b']);
    // Left out, a no longer holds the slot.
    assert.deepEqual([...collidingRows(rows, chosen, new Set(['b', 'c']))], []);
    assert.equal(chosen.get('d'), null);
  });
});

describe('a bulk move refused whole because of some', () => {
  const failure = { changeId: 'c1', status: 'refused' as const, reason: 'No free slot', code: 'NO_TIMESLOTS_AVAILABLE', leyr: null, blockers: ['b'] };
  const change: ChangeView = {
    changeId: 'c1', kind: 'move-to-resource', summary: 'Move 3 appointments', status: 'refused', createdAt: '', updatedAt: '', attempts: 1, appointmentIds: ['a', 'b', 'c'], dates: [D], failure, conflict: null,
  };
  it('is refused for the blocker and "not moved" for the others, naming it', () => {
    const views = new Map(['a', 'b', 'c'].map((id) => [id, { ...appointment(id, '09:00', '09:30'), failed: failure }]));
    const outcomes = operationOutcomes({ changeId: 'c1', kind: 'move-to-resource', appointmentIds: ['a', 'b', 'c'] }, change, views);
    assert.deepEqual(outcomes, [
      { id: 'a', state: 'held-back', because: ['b'] },
      { id: 'b', state: 'refused', reason: 'No free slot', instance: null },
      { id: 'c', state: 'held-back', because: ['b'] },
    ]);
    assert.equal(summariseOutcomes(outcomes)['held-back'], 2);
  });
});
