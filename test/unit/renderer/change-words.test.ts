import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import i18next from 'i18next';
import type { ChangeFailureView, LeyrErrorInfo } from '../../../preload/contract/index.ts';
import { changeTitle, failureReason, failureSentence } from '../../../renderer/day/model/change-words.ts';
import { en, sv } from '../../../renderer/i18n/messages.ts';
import type { Translate } from '../../../renderer/i18n/translate.ts';

function translator(language: 'en' | 'sv'): Translate {
  const instance = i18next.createInstance();
  void instance.init({ resources: { en: { translation: en }, sv: { translation: sv } }, lng: language, fallbackLng: false, interpolation: { escapeValue: false }, initAsync: false });
  return (key, options) => instance.t(key, options ?? {}) as string;
}

const leyr = (extra: Partial<LeyrErrorInfo> = {}): LeyrErrorInfo => ({ code: 'BAD_REQUEST', status: 400, errorCodes: [], instance: null, detail: null, ...extra });
const failure = (extra: Partial<ChangeFailureView> = {}): ChangeFailureView => ({ changeId: 'c1', status: 'refused', reason: 'Main’s English sentence.', code: null, leyr: null, ...extra });

describe('changes and their fate in the receptionist’s language', () => {
  const enT = translator('en');
  const svT = translator('sv');
  const describeOne = (id: string): string | null => (id === 'a1' ? 'Tolvan Tolvansson 09:00–09:30' : null);

  it('names a change by what it is and whom it concerns, not by ids', () => {
    assert.equal(changeTitle({ kind: 'cancel', appointmentIds: ['a1'] }, describeOne, enT), 'Cancellation of Tolvan Tolvansson 09:00–09:30');
    assert.equal(changeTitle({ kind: 'cancel', appointmentIds: ['a1', 'a2', 'a3'] }, describeOne, svT), 'Avbokning av 3 bokningar');
    assert.equal(changeTitle({ kind: 'move', appointmentIds: ['zz'] }, describeOne, svT), 'Flytt av en bokning');
    assert.equal(changeTitle({ kind: 'reschedule', appointmentIds: ['a1', 'a2'] }, describeOne, enT), 'Rescheduling of a series (2 appointments)');
    assert.equal(changeTitle({ kind: 'confirm', appointmentIds: ['a1'] }, describeOne, svT), 'Kod för Tolvan Tolvansson 09:00–09:30');
  });

  it('says Leyr’s refusals in Swedish, and falls back to main’s sentence for what it has no words for', () => {
    const taken = failure({ code: 'NO_TIMESLOTS_AVAILABLE', leyr: leyr({ errorCodes: ['NO_TIMESLOTS_AVAILABLE'] }) });
    assert.equal(failureReason(taken, 'move', svT), 'Tiden är inte ledig längre (den är tagen eller utanför arbetstiden).');
    assert.equal(failureReason(failure({ code: 'CHANGED_ELSEWHERE' }), 'move', svT), 'Ändrades vid en annan disk innan ändringen skickades; den genomfördes inte.');
    assert.equal(failureReason(failure({ code: 'SOMETHING_NEW', leyr: leyr({ status: 409 }) }), 'move', svT), 'Main’s English sentence.');
  });

  it('tells a wrong code from other refusals, and transport failures from the EHR’s', () => {
    const wrongCode = failure({ code: 'BAD_INPUT', leyr: leyr({ errorCodes: ['BAD_INPUT'], detail: 'The confirmation code is wrong.' }) });
    assert.equal(failureReason(wrongCode, 'confirm', enT), 'The EHR did not accept the code. Check it with the patient and try again.');
    assert.equal(failureReason(wrongCode, 'book', enT), 'The EHR did not accept the request.');
    assert.equal(failureReason(failure({ code: 'network', leyr: leyr({ status: null, code: null }) }), 'move', svT), 'Leyr kunde inte nås.');
    assert.equal(failureReason(failure({ code: 'EMR_ERROR', leyr: leyr({ status: 503, code: 'EMR_ERROR', detail: 'TakeCare is down' }) }), 'cancel', svT), 'Mottagningens journalsystem rapporterade ett fel: TakeCare is down');
  });

  it('gives Leyr’s reference once, in the language’s words, never main’s English one as well', () => {
    const refused = failure({ reason: 'Leyr refused the request: nope. Reference for Leyr support: abc-123.', code: 'WEIRD', leyr: leyr({ status: 422, instance: 'abc-123' }) });
    assert.equal(failureSentence(refused, 'move', svT), 'Leyr refused the request: nope. Leyr-referens: abc-123');
    assert.equal(failureSentence(failure({ code: 'NO_TIMESLOTS_AVAILABLE', leyr: leyr({ instance: 'i-9' }) }), 'move', enT), 'That time is not free any more (the slot is taken or outside working hours). Leyr reference: i-9');
  });
});
