import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import i18next from 'i18next';
import type { AppointmentView, DaySnapshot } from '../../../preload/contract/index.ts';
import { buildDayModel, describeAppointment, repeatedStretches } from '../../../renderer/day/model/day-model.ts';
import { en } from '../../../renderer/i18n/messages.ts';
import type { Translate } from '../../../renderer/i18n/translate.ts';

const i18n = i18next.createInstance();
void i18n.init({ resources: { en: { translation: en } }, lng: 'en', interpolation: { escapeValue: false }, initAsync: false });
const t: Translate = (key, options) => i18n.t(key, options ?? {}) as string;
const options = { showCancelled: false, prefs: { order: [], hidden: [] }, locale: 'sv-SE', t };

function appointment(id: string, start: string, end: string): AppointmentView {
  return {
    id,
    resourceId: 'night',
    patientId: 'p1',
    serviceId: 's15',
    start,
    end,
    status: 'booked',
    patientName: 'Ella Sandberg',
    comment: null,
    pending: false,
    changeId: null,
    awaitingCancellation: false,
    failed: null,
  };
}

function day(date: string, appointments: AppointmentView[], freeSlots: DaySnapshot['freeSlots'] = []): DaySnapshot {
  return {
    date,
    careUnit: { id: 'L0_1', name: 'Vårdcentralen', timeZone: 'Europe/Stockholm' },
    resources: [{ id: 'night', name: 'Nattsköterska Nora' }],
    services: [{ id: 's15', name: 'Kort besök', durationMinutes: 15 }],
    freeSlots,
    appointments,
    fetchedAt: null,
    stale: false,
    pendingCount: 0,
    unreadable: 0,
    changedElsewhere: [],
  };
}

describe('day model: what a block says', () => {
  it('tells the two 02:15s of the autumn DST day apart by their offset, and leaves other times alone', () => {
    const model = buildDayModel(
      day('2026-10-25', [
        appointment('first', '2026-10-25T02:15:00+02:00', '2026-10-25T02:30:00+02:00'),
        appointment('second', '2026-10-25T02:15:00+01:00', '2026-10-25T02:30:00+01:00'),
        appointment('after', '2026-10-25T03:15:00+01:00', '2026-10-25T03:30:00+01:00'),
        appointment('before', '2026-10-25T01:15:00+02:00', '2026-10-25T01:30:00+02:00'),
      ]),
      options,
    );
    assert.deepEqual(repeatedStretches(model.axis), [{ startMs: Date.parse('2026-10-25T00:00:00Z'), endMs: Date.parse('2026-10-25T02:00:00Z') }]);
    assert.equal(model.blocks.get('first')?.time, '02:15–02:30 (+02:00)');
    assert.equal(model.blocks.get('second')?.time, '02:15–02:30 (+01:00)');
    assert.equal(model.blocks.get('second')?.label, 'Ella Sandberg, 02:15–02:30 (+01:00), Kort besök, Booked', 'a screen reader hears which one');
    assert.equal(model.blocks.get('after')?.time, '03:15–03:30');
    assert.equal(model.blocks.get('before')?.time, '01:15–01:30');
    assert.equal(model.blocks.get('first')?.meta, '02:15–02:30 (+02:00) · Kort besök');
  });

  it('has no repeated stretch on an ordinary day or the spring one', () => {
    const spring = buildDayModel(day('2026-03-29', [appointment('a', '2026-03-29T01:45:00+01:00', '2026-03-29T03:15:00+02:00')]), options);
    assert.deepEqual(repeatedStretches(spring.axis), []);
    assert.equal(spring.blocks.get('a')?.time, '01:45–03:15');
  });

  it('names an appointment of the day for messages, and nothing for one not on it', () => {
    const model = buildDayModel(day('2026-03-23', [appointment('a', '2026-03-23T09:00:00+01:00', '2026-03-23T09:15:00+01:00')]), options);
    assert.equal(describeAppointment(model, 'a'), 'Ella Sandberg 09:00–09:15');
    assert.equal(describeAppointment(model, 'elsewhere'), null);
    assert.equal(describeAppointment(null, 'a'), null);
  });
});
