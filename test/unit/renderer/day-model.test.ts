import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppointmentView, ChangeView, DaySnapshot } from '../../../preload/contract/index.ts';
import { bookedAppointment } from '../../../renderer/day/model/booking-watch.ts';
import { buildDayModel, reconcileSnapshot } from '../../../renderer/day/model/day-model.ts';
import { operationOutcomes, summariseOutcomes } from '../../../renderer/day/model/operation-results.ts';
import { addDays, formatTime, instantOfWallClock, todayIn } from '../../../renderer/i18n/format.ts';
import { intlLocale, pickLanguage } from '../../../renderer/i18n/locale.ts';
import { en, sv } from '../../../renderer/i18n/messages.ts';
import type { Translate } from '../../../renderer/i18n/translate.ts';

// A translator that shows key and options, so tests see what was asked for.
const t: Translate = (key, options) => (options === undefined ? key : `${key}${JSON.stringify(options)}`);

function appointment(id: string, start: string, end: string, extra: Partial<AppointmentView> = {}): AppointmentView {
  return {
    id,
    resourceId: 'r1',
    patientId: 'p1',
    serviceId: 's30',
    start: `2026-03-23T${start}:00+01:00`,
    end: `2026-03-23T${end}:00+01:00`,
    status: 'booked',
    patientName: 'Tolvan Tolvansson',
    comment: null,
    pending: false,
    changeId: null,
    awaitingCancellation: false,
    failed: null,
    ...extra,
  };
}

function snapshot(appointments: AppointmentView[]): DaySnapshot {
  return {
    date: '2026-03-23',
    careUnit: { id: 'L0_1', name: 'Vårdcentralen', timeZone: 'Europe/Stockholm' },
    resources: [
      { id: 'r1', name: 'Dr. Åsa' },
      { id: 'r2', name: null },
    ],
    services: [{ id: 's30', name: 'Mottagningsbesök', durationMinutes: 30 }],
    freeSlots: [{ resourceId: 'r2', serviceId: 's30', start: '2026-03-23T13:00:00+01:00', end: '2026-03-23T13:30:00+01:00' }],
    appointments,
    fetchedAt: '2026-03-23T07:00:00+01:00',
    stale: false,
    pendingCount: 0,
    unreadable: 0,
    changedElsewhere: [],
  };
}

const options = { showCancelled: false, prefs: { order: [], hidden: [] }, locale: 'sv-SE', t };

describe('day model', () => {
  it('derives the axis, layout, slot index and block strings from a snapshot', () => {
    const model = buildDayModel(snapshot([appointment('a', '09:00', '09:30', { comment: 'Uppföljning', pending: true }), appointment('b', '10:00', '10:30', { status: 'cancelled' })]), options);
    assert.equal(model.axis.startMs, Date.parse('2026-03-23T09:00:00+01:00'));
    assert.equal(model.axis.endMs, Date.parse('2026-03-23T14:00:00+01:00'), 'the cancelled one does not stretch the axis, the free slot does');
    assert.deepEqual(model.columnIds, ['r1', 'r2']);
    assert.equal(model.resourceNames.get('r2'), 'block.unnamedResource{"id":"r2"}');
    const block = model.blocks.get('a')!;
    assert.equal(block.time, '09:00–09:30');
    assert.equal(block.hasComment, true);
    assert.equal(block.pending, true);
    assert.match(block.label, /status\.pending/);
    assert.match(block.title, /Uppföljning/);
    assert.deepEqual(model.readingOrder, ['a']);
    assert.equal(model.slots.hasSlot('r2', 's30', Date.parse('2026-03-23T13:00:00+01:00'), Date.parse('2026-03-23T13:30:00+01:00')), true);
    assert.match(model.freeLabel('r2', Date.parse('2026-03-23T13:00:00+01:00'), Date.parse('2026-03-23T13:30:00+01:00')), /grid\.free.*13:00.*13:30/);
  });

  it('skips appointments with unreadable times instead of failing', () => {
    const model = buildDayModel(snapshot([appointment('bad', '09:00', '09:30', { start: 'yesterday' }), appointment('ok', '09:00', '09:30')]), options);
    assert.deepEqual([...model.appointments.keys()], ['ok']);
  });

  it('shows hidden columns no more and orders them as remembered', () => {
    const model = buildDayModel(snapshot([appointment('a', '09:00', '09:30')]), { ...options, prefs: { order: ['r2', 'r1'], hidden: ['r1'] } });
    assert.deepEqual(model.columnIds, ['r2']);
    assert.deepEqual(model.resources.map((r) => r.id), ['r2', 'r1']);
    assert.equal(model.layout.blocks.has('a'), false);
  });

  it('keeps block objects of unchanged appointments across snapshots, so memoised blocks skip rendering', () => {
    const first = snapshot([appointment('a', '09:00', '09:30'), appointment('b', '10:00', '10:30')]);
    const model = buildDayModel(first, options);
    const [a, b] = [model.blocks.get('a'), model.blocks.get('b')];
    assert.ok(a !== undefined && b !== undefined);
    const next = reconcileSnapshot(first, snapshot([appointment('a', '09:00', '09:30'), appointment('b', '10:00', '10:30', { pending: true })]));
    assert.equal(next.appointments[0], first.appointments[0]);
    assert.notEqual(next.appointments[1], first.appointments[1]);
    const rebuilt = buildDayModel(next, options, model);
    assert.equal(rebuilt.blocks.get('a'), model.blocks.get('a'));
    assert.notEqual(rebuilt.blocks.get('b'), model.blocks.get('b'));
    assert.equal(rebuilt.blocks.get('b')!.pending, true);
    // The same facts again (reopening a cached day): the same drawing, no rebuild.
    const again = reconcileSnapshot(next, structuredClone({ ...next, fetchedAt: 'later' }));
    assert.equal(again.appointments, next.appointments);
    assert.equal(again.freeSlots, next.freeSlots);
    const same = buildDayModel(again, options, rebuilt);
    assert.equal(same.layout, rebuilt.layout);
    assert.equal(same.snapshot.fetchedAt, 'later');
    // Another locale: nothing is reused.
    const english = buildDayModel(next, { ...options, locale: 'en-GB' }, rebuilt);
    assert.notEqual(english.blocks.get('a'), rebuilt.blocks.get('a'));
  });
});

describe('operation outcomes', () => {
  const change = (status: ChangeView['status'], failure: ChangeView['failure'] = null): ChangeView => ({
    changeId: 'c1',
    kind: 'cancel',
    summary: 'Cancel 3 appointments',
    status,
    createdAt: '',
    updatedAt: '',
    attempts: 1,
    appointmentIds: ['a', 'b', 'c'],
    dates: ['2026-03-23'],
    failure,
    conflict: null,
  });
  const operation = { changeId: 'c1', kind: 'cancel' as const, appointmentIds: ['a', 'b', 'c'] };

  it('reports pending until Leyr answers', () => {
    const views = new Map([['a', appointment('a', '09:00', '09:30', { pending: true, changeId: 'c1' })]]);
    assert.deepEqual(operationOutcomes(operation, undefined, views).map((o) => o.state), ['pending', 'pending', 'pending']);
    assert.deepEqual(operationOutcomes(operation, change('sent'), views).map((o) => o.state), ['pending', 'pending', 'pending']);
  });

  it('reports done, waiting for a code, and a per-appointment refusal separately', () => {
    const views = new Map([
      ['a', appointment('a', '09:00', '09:30', { status: 'cancelled' })],
      ['b', appointment('b', '10:00', '10:30', { awaitingCancellation: true })],
      ['c', appointment('c', '11:00', '11:30', { failed: { changeId: 'c1', status: 'refused', reason: 'Slot taken', code: 'NO_TIMESLOTS_AVAILABLE', leyr: null } })],
    ]);
    const outcomes = operationOutcomes(operation, change('applied'), views);
    assert.deepEqual(outcomes, [
      { id: 'a', state: 'done' },
      { id: 'b', state: 'awaiting-code', appointmentId: 'b' },
      { id: 'c', state: 'refused', reason: 'Slot taken', instance: null },
    ]);
    assert.deepEqual(summariseOutcomes(outcomes), { pending: 0, done: 1, refused: 1, 'awaiting-code': 1, 'held-back': 0 });
  });

  it('refuses all with the reason when Leyr refused the whole change', () => {
    const failure = { changeId: 'c1', status: 'refused' as const, reason: 'EMR down', code: 'EMR_ERROR', leyr: { code: 'EMR_ERROR', status: 503, errorCodes: [], instance: 'i-1', detail: null } };
    const outcomes = operationOutcomes(operation, change('refused', failure), new Map());
    assert.ok(outcomes.every((o) => o.state === 'refused' && o.reason === 'EMR down' && o.instance === 'i-1'));
  });
});

describe('booking watch', () => {
  it('finds Leyr’s appointment for a booking by patient, resource and start, not the local copy', () => {
    const operation = { changeId: 'c', kind: 'book' as const, appointmentIds: ['local:c'], booking: { patientId: 'p1', resourceId: 'r1', start: '2026-03-23T09:00:00+01:00' }, createdAt: 0 };
    const local = appointment('local:c', '09:00', '09:30', { pending: true });
    assert.equal(bookedAppointment(operation, [local]), null);
    const real = appointment('apt-9', '09:00', '09:30', { status: 'awaiting_confirmation', start: '2026-03-23T08:00:00Z' });
    assert.equal(bookedAppointment(operation, [local, real])?.id, 'apt-9');
    assert.equal(bookedAppointment({ ...operation, booking: undefined }, [real]), null);
  });
});

describe('language and formats', () => {
  it('follows the OS language unless the receptionist chose one', () => {
    assert.equal(pickLanguage(null, ['sv-SE', 'en-US']), 'sv');
    assert.equal(pickLanguage(null, ['de-DE', 'en-US']), 'en');
    // Norwegian, in any of its tags, reads the Norwegian (bokmål) UI.
    assert.equal(pickLanguage(null, ['nb-NO']), 'nb');
    assert.equal(pickLanguage(null, []), 'en');
    assert.equal(pickLanguage('en', ['sv-SE']), 'en');
    assert.equal(pickLanguage('fr', ['sv-SE']), 'sv');
    assert.equal(intlLocale('sv', ['en-US']), 'sv-SE');
    assert.equal(intlLocale('en', ['sv-SE', 'en-US']), 'en-US');
    assert.equal(intlLocale('en', ['sv-SE']), 'en-GB');
  });

  it('has every English key in Swedish, and no empty string', () => {
    const keys = (object: object, prefix = ''): string[] =>
      Object.entries(object).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keys(value as object, `${prefix}${key}.`)));
    assert.deepEqual(keys(sv).sort(), keys(en).sort());
    const values = (object: object): string[] => Object.values(object).flatMap((value) => (typeof value === 'string' ? [value] : values(value as object)));
    assert.ok(values(sv).every((value) => value.trim() !== ''));
  });

  it('formats times on a 24-hour clock in the zone, whatever the locale', () => {
    const ms = Date.parse('2026-03-23T14:05:00+01:00');
    assert.equal(formatTime(ms, 'Europe/Stockholm', 'en-US'), '14:05');
    assert.equal(formatTime(ms, 'Europe/Stockholm', 'sv-SE'), '14:05');
    assert.equal(formatTime(ms, 'Europe/London', 'en-GB'), '13:05');
  });

  it('steps days with calendar math across DST', () => {
    assert.equal(addDays('2026-03-28', 1), '2026-03-29');
    assert.equal(addDays('2026-03-29', 1), '2026-03-30');
    assert.equal(addDays('2026-10-25', -1), '2026-10-24');
    assert.equal(todayIn('Europe/Stockholm', Date.parse('2026-03-22T23:30:00Z')), '2026-03-23');
  });

  it('reads a wall-clock time on a date, and refuses one the clock skips', () => {
    assert.equal(instantOfWallClock('2026-03-23', '09:15', 'Europe/Stockholm'), Date.parse('2026-03-23T09:15:00+01:00'));
    assert.equal(instantOfWallClock('2026-03-29', '02:30', 'Europe/Stockholm'), null);
    assert.equal(instantOfWallClock('2026-03-23', '9:15', 'Europe/Stockholm'), null);
  });
});

describe('data age', () => {
  it('says recent under a minute, whichever clock is ahead, and ago after', async () => {
    const { formatAge } = await import('../../../renderer/i18n/format.ts');
    const now = Date.parse('2026-03-23T10:00:00+01:00');
    assert.equal(formatAge('2026-03-23T10:00:05+01:00', now, 'en-GB'), 'recent');
    assert.equal(formatAge('2026-03-23T09:59:30+01:00', now, 'en-GB'), 'recent');
    assert.equal(formatAge('2026-03-23T09:55:00+01:00', now, 'en-GB'), '5 minutes ago');
    assert.equal(formatAge('2026-03-23T09:55:00+01:00', now, 'sv-SE'), 'för 5 minuter sedan');
    assert.equal(formatAge('not a time', now, 'en-GB'), null);
  });
});

describe('day model, restyled', () => {
  it('keeps the layout when only what blocks say changed (a bulk cancel marked pending)', () => {
    const first = snapshot([appointment('a', '09:00', '09:30'), appointment('b', '10:00', '10:30')]);
    const model = buildDayModel(first, options);
    const drawnA = model.blocks.get('a');
    const pendingB = { ...first, appointments: [first.appointments[0]!, { ...first.appointments[1]!, pending: true }] };
    const restyled = buildDayModel(pendingB, options, model);
    assert.equal(restyled.layout, model.layout);
    assert.equal(restyled.slots, model.slots);
    assert.equal(restyled.blocks.get('b')!.pending, true);
    assert.equal(restyled.blocks.get('a'), drawnA);
    // A move is not a restyle: the layout is made again.
    const moved = { ...first, appointments: [first.appointments[0]!, { ...first.appointments[1]!, start: '2026-03-23T11:00:00+01:00', end: '2026-03-23T11:30:00+01:00' }] };
    const relaid = buildDayModel(moved, options, restyled);
    assert.notEqual(relaid.layout, model.layout);
    assert.equal(relaid.layout.blocks.get('b')!.top, 120);
    // Becoming cancelled hides the block: laid out again.
    const cancelled = { ...first, appointments: [first.appointments[0]!, { ...first.appointments[1]!, status: 'cancelled' }] };
    assert.equal(buildDayModel(cancelled, options, model).layout.blocks.has('b'), false);
  });
});
