// The find box's "In this day" answer: the open day's appointments by patient name, across
// every column (hidden ones too, marked not shown), word prefixes, Swedish case and accents.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppointmentView, DaySnapshot } from '../../../preload/contract/index.ts';
import { buildDayModel } from '../../../renderer/day/model/day-model.ts';
import { findInDay } from '../../../renderer/day/model/find-in-day.ts';
import type { Translate } from '../../../renderer/i18n/translate.ts';

const t: Translate = (key) => key;

function appointment(id: string, resourceId: string, start: string, patientName: string | null, status = 'booked'): AppointmentView {
  return {
    id,
    resourceId,
    patientId: `p-${id}`,
    serviceId: 's30',
    start: `2026-03-23T${start}:00+01:00`,
    end: `2026-03-23T${start.slice(0, 3)}30:00+01:00`,
    status,
    patientName,
    comment: null,
    pending: false,
    changeId: null,
    awaitingCancellation: false,
    failed: null,
  };
}

const snapshot = (appointments: AppointmentView[]): DaySnapshot => ({
  date: '2026-03-23',
  careUnit: { id: 'L0_1', name: null, timeZone: 'Europe/Stockholm' },
  resources: [
    { id: 'r1', name: 'Dr. Åsa' },
    { id: 'r2', name: 'Dr. Bo' },
    { id: 'r3', name: 'Dr. Cilla' },
  ],
  services: [{ id: 's30', name: 'Mottagningsbesök', durationMinutes: 30 }],
  freeSlots: [],
  appointments,
  fetchedAt: '2026-03-23T07:00:00+01:00',
  stale: false,
  pendingCount: 0,
  unreadable: 0,
  changedElsewhere: [],
});

const day = snapshot([
  appointment('late', 'r1', '11:00', 'Astrid Lindqvist'),
  appointment('early', 'r3', '08:00', 'Astrid Lindqvist'),
  appointment('other', 'r2', '09:00', 'Åke Öberg'),
  appointment('hyphen', 'r2', '10:00', 'Anna-Karin Lind'),
  appointment('nameless', 'r2', '10:30', null),
  appointment('gone', 'r1', '12:00', 'Astrid Lindqvist', 'cancelled'),
]);
const model = buildDayModel(day, { showCancelled: false, prefs: { order: [], hidden: ['r3'] }, locale: 'sv-SE', t });

describe('find in the open day', () => {
  it('matches each word typed to the start of a name word, by start, across every column', () => {
    assert.deepEqual(findInDay(model, 'astrid').map((m) => m.id), ['early', 'late', 'gone']);
    assert.deepEqual(findInDay(model, 'lin').map((m) => m.id), ['early', 'hyphen', 'late', 'gone']);
    assert.deepEqual(findInDay(model, 'LIND ast').map((m) => m.id), ['early', 'late', 'gone']);
    assert.deepEqual(findInDay(model, 'karin').map((m) => m.id), ['hyphen'], 'a double name is two words');
    assert.deepEqual(findInDay(model, 'öb').map((m) => m.id), ['other']);
    assert.deepEqual(findInDay(model, 'ÅKE').map((m) => m.id), ['other']);
    assert.deepEqual(findInDay(model, 'strid'), [], 'only word starts match');
  });

  it('marks what the grid does not draw: a hidden column, a cancelled one while cancelled are hidden', () => {
    const shown = Object.fromEntries(findInDay(model, 'astrid').map((m) => [m.id, m.shown]));
    assert.deepEqual(shown, { early: false, late: true, gone: false });
  });

  it('waits for two letters, never matches a number, and stops at the limit', () => {
    assert.deepEqual(findInDay(model, 'a'), []);
    assert.deepEqual(findInDay(model, '1912'), []);
    assert.equal(findInDay(model, 'astrid', 2).length, 2);
  });
});
