// Which patient ids each EHR takes (Leyr's patient-id guide), and what a receptionist typed in
// the patient search or the "New patient" form, read against it (preload/contract/patient-ids.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { createPatientArg } from '../../../preload/contract/schedule.ts';
import {
  classifyPatientQuery,
  classifyPersonalNumber,
  ehrName,
  KNOWN_EHR_CODES,
  lookupRefusal,
  parseNationalNumber,
  patientIdTypes,
  personalNumberTypesOnCreate,
  phoneRequiredOnCreate,
  readPatientSearchQuery,
  searchQueryFor,
  takesPatientIdType,
} from '../../../preload/contract/patient-ids.ts';

const today = DateTime.fromISO('2026-03-23T12:00:00', { zone: 'Europe/Stockholm' });
const options = { today };
// Tolvan Tolvansson (Leyr's WebDoc test patient); a coordination number; Leyr's Norwegian example; a D-number.
const SWEDISH = '191212121212';
const COORDINATION = '197010632391';
const NORWEGIAN = '26258605879';
const D_NUMBER = '41019012393';

describe('patient ids per EHR (Leyr’s table)', () => {
  it('WebDoc, TakeCare, Kaddio, Prorenata: EHR id and Swedish numbers', () => {
    for (const emr of ['webdoc', 'takecare', 'kaddio', 'prorenata']) assert.deepEqual(patientIdTypes(emr), ['emr_id', 'se_personal_number'], emr);
  });

  it('DIPS: EHR id and Norwegian numbers; EasyPractice and Epic: both', () => {
    assert.deepEqual(patientIdTypes('dips'), ['emr_id', 'no_personal_number']);
    for (const emr of ['easypractice', 'epic']) assert.deepEqual(patientIdTypes(emr), ['emr_id', 'se_personal_number', 'no_personal_number'], emr);
  });

  it('Anita Systems and the rest, and any unknown code: EHR id only', () => {
    for (const emr of ['anitasystems', 'pasientsky', 'cliniko', 'physica', 'pridok', 'muntra', 'opusdental', 'solvit', 'acuity', 'millenium', 'somethingnew', 'constructor', '__proto__']) {
      assert.deepEqual(patientIdTypes(emr), ['emr_id'], emr);
      assert.equal(takesPatientIdType(emr, 'se_personal_number'), false, emr);
    }
    assert.equal(KNOWN_EHR_CODES.length, 17);
  });

  it('names EHRs as receptionists know them; an unknown code as it is', () => {
    assert.equal(ehrName('anitasystems'), 'Anita Systems');
    assert.equal(ehrName('opusdental'), 'Opus Dental');
    assert.equal(ehrName('dips'), 'DIPS');
    assert.equal(ehrName('newehr'), 'newehr');
  });

  it('an EHR not known yet (null) takes every type, main has the last word', () => {
    assert.deepEqual(patientIdTypes(null), ['emr_id', 'se_personal_number', 'no_personal_number']);
    assert.equal(classifyPatientQuery(NORWEGIAN, null, options).kind, 'id');
    assert.equal(classifyPatientQuery(SWEDISH, null, options).kind, 'id');
  });

  it('phone required on create for Anita Systems only (codes go by SMS)', () => {
    assert.equal(phoneRequiredOnCreate('anitasystems'), true);
    for (const emr of ['webdoc', 'dips', 'pasientsky', 'unknown', null]) assert.equal(phoneRequiredOnCreate(emr), false, String(emr));
  });

  it('create takes the EHR’s own national numbers, or either where it looks up by EHR id only', () => {
    assert.deepEqual(personalNumberTypesOnCreate('webdoc'), ['se_personal_number']);
    assert.deepEqual(personalNumberTypesOnCreate('dips'), ['no_personal_number']);
    assert.deepEqual(personalNumberTypesOnCreate('epic'), ['se_personal_number', 'no_personal_number']);
    assert.deepEqual(personalNumberTypesOnCreate('anitasystems'), ['se_personal_number', 'no_personal_number']);
  });
});

describe('the patient search, classified', () => {
  it('a name: letters in it; searchable from two characters', () => {
    assert.deepEqual(classifyPatientQuery('  Tolvan   Tolvansson ', 'webdoc'), { kind: 'name', words: 'Tolvan Tolvansson', searchable: true });
    assert.deepEqual(classifyPatientQuery('T', 'webdoc'), { kind: 'name', words: 'T', searchable: false });
    assert.deepEqual(classifyPatientQuery('', 'webdoc'), { kind: 'empty' });
    // A name with a digit stays a name; so does an EHR id typed without `emr:`.
    assert.equal(classifyPatientQuery('wd-191212', 'webdoc').kind, 'name');
  });

  it('a Swedish number, any form, as the typed Leyr id where the EHR takes it', () => {
    for (const form of ['191212121212', '19121212-1212', '19121212 1212', '121212+1212']) {
      const query = classifyPatientQuery(form, 'webdoc', options);
      assert.deepEqual(query, { kind: 'id', id: { type: 'se_personal_number', value: SWEDISH, leyrId: `se_personal_number:${SWEDISH}` } }, form);
    }
    assert.equal(classifyPatientQuery('19701063-2391', 'takecare', options).kind, 'id', 'a coordination number');
    assert.deepEqual(classifyPatientQuery(`se_personal_number:${COORDINATION}`, 'webdoc', options), {
      kind: 'id',
      id: { type: 'se_personal_number', value: COORDINATION, leyrId: `se_personal_number:${COORDINATION}` },
    });
  });

  it('a Norwegian number (fødselsnummer, D-number) where the EHR takes it', () => {
    assert.deepEqual(classifyPatientQuery(NORWEGIAN, 'dips', options), { kind: 'id', id: { type: 'no_personal_number', value: NORWEGIAN, leyrId: `no_personal_number:${NORWEGIAN}` } });
    assert.deepEqual(classifyPatientQuery('410190 12393', 'epic', options), { kind: 'id', id: { type: 'no_personal_number', value: D_NUMBER, leyrId: `no_personal_number:${D_NUMBER}` } });
    assert.equal(classifyPatientQuery(`no_personal_number:${NORWEGIAN}`, 'easypractice', options).kind, 'id');
  });

  it('an EHR id: `emr:` (or `emr_id:`) and the id, for every EHR', () => {
    for (const emr of ['webdoc', 'anitasystems', 'dips', 'unknown']) {
      assert.deepEqual(classifyPatientQuery('emr: wd-191212', emr), { kind: 'id', id: { type: 'emr_id', value: 'wd-191212', leyrId: 'emr_id:wd-191212' } }, emr);
    }
    assert.deepEqual(classifyPatientQuery('EMR_ID:42', 'webdoc'), { kind: 'id', id: { type: 'emr_id', value: '42', leyrId: 'emr_id:42' } });
    assert.deepEqual(classifyPatientQuery('emr:', 'webdoc'), { kind: 'partial', as: 'emr_id' });
  });

  it('refuses, in plain words and before anything is sent, a number the EHR cannot look up', () => {
    const anita = classifyPatientQuery(SWEDISH, 'anitasystems', options);
    assert.equal(anita.kind, 'refused');
    assert.equal(anita.kind === 'refused' && anita.message, 'Anita Systems does not look patients up by personal number: search by name or EHR id');
    // As soon as a digit is typed: no number ever finds anyone there.
    assert.equal(classifyPatientQuery('19', 'pasientsky', options).kind, 'refused');
    assert.equal(classifyPatientQuery(`se_personal_number:${SWEDISH}`, 'anitasystems', options).kind, 'refused');
    const dips = classifyPatientQuery(SWEDISH, 'dips', options);
    assert.equal(dips.kind === 'refused' && dips.message, 'DIPS does not look patients up by Swedish personal number: search by name, Norwegian personal number or EHR id');
    const webdoc = classifyPatientQuery(NORWEGIAN, 'webdoc', options);
    assert.equal(webdoc.kind === 'refused' && webdoc.message, 'WebDoc does not look patients up by Norwegian personal number: search by name, Swedish personal number or EHR id');
    assert.equal(webdoc.kind === 'refused' && webdoc.type, 'no_personal_number');
    assert.equal(lookupRefusal('newehr', 'no_personal_number'), 'newehr does not look patients up by personal number: search by name or EHR id');
  });

  it('tells a number still being typed from a wrong one, per EHR', () => {
    assert.deepEqual(classifyPatientQuery('19900101', 'webdoc', options), { kind: 'partial', as: 'number' });
    assert.equal(classifyPatientQuery('1912121212', 'webdoc', options).kind, 'partial', 'ten digits from 19…: the first ten of twelve');
    const wrongCheck = classifyPatientQuery('19900101-0001', 'webdoc', options);
    assert.equal(wrongCheck.kind === 'invalid' && `${wrongCheck.as} ${wrongCheck.problem}`, 'se_personal_number check');
    const tooLong = classifyPatientQuery('19121212-12121', 'webdoc', options);
    assert.equal(tooLong.kind === 'invalid' && `${tooLong.as} ${tooLong.problem}`, 'se_personal_number format');
    const wrongNorwegian = classifyPatientQuery('26258605878', 'dips', options);
    assert.equal(wrongNorwegian.kind === 'invalid' && `${wrongNorwegian.as} ${wrongNorwegian.problem}`, 'no_personal_number check');
    // Where both are taken, twelve digits that are no Swedish number are said as Swedish.
    const both = classifyPatientQuery('191212121213', 'epic', options);
    assert.equal(both.kind === 'invalid' && `${both.as} ${both.problem}`, 'se_personal_number check');
    const neither = classifyPatientQuery('1234567890123', 'epic', options);
    assert.equal(neither.kind === 'invalid' && `${neither.as} ${neither.problem}`, 'null format');
  });

  it('does not refuse while a number the EHR takes may still be being typed', () => {
    // DIPS: ten digits that make a Swedish number may become an eleven-digit Norwegian one.
    assert.equal(classifyPatientQuery('1212121212', 'dips', options).kind, 'partial');
    assert.equal(classifyPatientQuery('121212-1212', 'dips', options).kind, 'partial');
    assert.equal(classifyPatientQuery('121212+1212', 'dips', options).kind, 'refused');
    // WebDoc: eleven digits from 19… or 20… may become a 12-digit Swedish number.
    assert.equal(classifyPatientQuery('19121212121', 'webdoc', options).kind, 'partial');
  });

  it('the query sent: a Swedish number as its digits, other ids in Leyr’s typed form', () => {
    const id = (text: string, emr: string) => {
      const query = classifyPatientQuery(text, emr, options);
      assert.equal(query.kind, 'id', text);
      return query.kind === 'id' ? searchQueryFor(query.id) : '';
    };
    assert.equal(id('19121212-1212', 'webdoc'), SWEDISH);
    assert.equal(id(NORWEGIAN, 'dips'), `no_personal_number:${NORWEGIAN}`);
    assert.equal(id('emr:wd-1', 'webdoc'), 'emr_id:wd-1');
  });

  it('main reads the query back the same way', () => {
    assert.deepEqual(readPatientSearchQuery(SWEDISH, options), { kind: 'id', id: { type: 'se_personal_number', value: SWEDISH, leyrId: `se_personal_number:${SWEDISH}` } });
    assert.deepEqual(readPatientSearchQuery(`no_personal_number:${NORWEGIAN}`), { kind: 'id', id: { type: 'no_personal_number', value: NORWEGIAN, leyrId: `no_personal_number:${NORWEGIAN}` } });
    assert.deepEqual(readPatientSearchQuery('emr_id:wd-1'), { kind: 'id', id: { type: 'emr_id', value: 'wd-1', leyrId: 'emr_id:wd-1' } });
    assert.deepEqual(readPatientSearchQuery(' Tolvan  Tolvansson '), { kind: 'name', words: ['Tolvan', 'Tolvansson'] });
    assert.equal(readPatientSearchQuery('se_personal_number:191212121213').kind, 'invalid');
    assert.equal(readPatientSearchQuery('1912').kind, 'invalid');
  });
});

describe('the "New patient" form’s personal number', () => {
  it('takes the numbers the EHR registers, canonical', () => {
    assert.deepEqual(classifyPersonalNumber('19121212-1212', 'webdoc', options), { kind: 'valid', type: 'se_personal_number', value: SWEDISH });
    assert.deepEqual(classifyPersonalNumber('262586 05879', 'dips', options), { kind: 'valid', type: 'no_personal_number', value: NORWEGIAN });
    // Anita looks up by EHR id only, yet registers a personal number: either country's.
    assert.equal(classifyPersonalNumber(SWEDISH, 'anitasystems', options).kind, 'valid');
    assert.equal(classifyPersonalNumber(NORWEGIAN, 'anitasystems', options).kind, 'valid');
  });

  it('refuses the other country’s number where the EHR takes one only', () => {
    const dips = classifyPersonalNumber(SWEDISH, 'dips', options);
    assert.equal(dips.kind, 'refused');
    assert.match(dips.kind === 'refused' ? dips.message : '', /^DIPS takes Norwegian personal numbers only/);
    const webdoc = classifyPersonalNumber(NORWEGIAN, 'webdoc', options);
    assert.equal(webdoc.kind === 'refused' && webdoc.type, 'no_personal_number');
  });

  it('partial, wrong and empty', () => {
    assert.deepEqual(classifyPersonalNumber('', 'webdoc', options), { kind: 'empty' });
    assert.deepEqual(classifyPersonalNumber('1990', 'webdoc', options), { kind: 'partial' });
    assert.equal(classifyPersonalNumber('abc', 'webdoc', options).kind, 'invalid');
    assert.equal(classifyPersonalNumber('19900101-0001', 'webdoc', options).kind, 'invalid');
  });
});

describe('createPatient’s personal number: Swedish or Norwegian', () => {
  const arg = (personalNumber: string) => createPatientArg.safeParse({ firstName: 'Greta', lastName: 'Testsson', personalNumber });

  it('accepts either, in any accepted form', () => {
    for (const value of [SWEDISH, '19121212-1212', '121212-1212', NORWEGIAN, '262586 05879', D_NUMBER]) assert.equal(arg(value).success, true, value);
    assert.deepEqual(parseNationalNumber('262586-05879'), { type: 'no_personal_number', value: NORWEGIAN });
    assert.deepEqual(parseNationalNumber('19121212-1212'), { type: 'se_personal_number', value: SWEDISH });
  });

  it('refuses what is neither, saying so', () => {
    for (const value of ['191212121213', '26258605878', '1234567890', 'abcdefghijk']) {
      const parsed = arg(value);
      assert.equal(parsed.success, false, value);
      assert.match(parsed.error?.issues.map((issue) => issue.message).join(' ') ?? '', /Swedish nor a Norwegian|too short|personal number/, value);
    }
  });
});
