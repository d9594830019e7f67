import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import {
  formatTypedId,
  isValidSwedishPersonalNumber,
  maskPersonalNumber,
  normaliseSwedishPersonalNumber,
  parsePatientId,
  parseResourceId,
  parseSwedishPersonalNumber,
  patientIdFromPersonalNumber,
} from '../../main/leyr/ids.ts';

// Short forms depend on the day they are read; pin it.
const today = DateTime.fromISO('2026-03-23', { zone: 'Europe/Stockholm' });
const opts = { today };

describe('Swedish personal numbers', () => {
  for (const [input, canonical] of [
    ['191212121212', '191212121212'],
    ['19121212-1212', '191212121212'],
    ['121212+1212', '191212121212'],
    ['121212-1212', '201212121212'],
    ['1212121212', '201212121212'],
    [' 198507099805 ', '198507099805'],
    ['850709-9805', '198507099805'],
  ] as const) {
    it(`normalises ${JSON.stringify(input)} to ${canonical}`, () => {
      assert.equal(normaliseSwedishPersonalNumber(input, opts), canonical);
      assert.equal(isValidSwedishPersonalNumber(input, opts), true);
    });
  }

  it('reads a short form as the most recent birthday not in the future, and + as a century earlier', () => {
    // 2026-03-23: someone born 26-03-24 would be born tomorrow, so it is 1926.
    const tomorrow = parseSwedishPersonalNumber('260324-9802', opts);
    const yesterday = parseSwedishPersonalNumber('260322-9804', opts);
    assert.ok(tomorrow.ok && yesterday.ok, 'both test numbers carry a valid check digit');
    assert.equal(tomorrow.ok && tomorrow.value.slice(0, 4), '1926');
    assert.equal(yesterday.ok && yesterday.value.slice(0, 4), '2026');
    const centenarian = parseSwedishPersonalNumber('260322+9804', opts);
    assert.equal(centenarian.ok && centenarian.value.slice(0, 4), '1926');
  });

  it('accepts a samordningsnummer (day + 60) and reports the real birth date', () => {
    const parsed = parseSwedishPersonalNumber('701063-2391', opts);
    assert.deepEqual(parsed, { ok: true, value: '197010632391', birthDate: '1970-10-03', coordination: true });
    assert.equal(normaliseSwedishPersonalNumber('197010632391', opts), '197010632391');
  });

  for (const [input, why] of [
    ['191212121213', 'a wrong check digit'],
    ['19121212121', 'eleven digits'],
    ['1912121212123', 'thirteen digits'],
    ['19121312-1212', 'month 13'],
    ['19120230-1216', 'February 30'],
    ['701093-2391', 'coordination day 93 (33rd)'],
    ['121212*1212', 'an unknown separator'],
    ['1912-12-12-1212', 'dashes in the date'],
    ['abcdefghijkl', 'letters'],
    ['', 'nothing'],
    ['191212120000', 'serial 000'],
  ] as const) {
    it(`rejects ${JSON.stringify(input)} (${why})`, () => {
      const parsed = parseSwedishPersonalNumber(input, opts);
      assert.equal(parsed.ok, false);
      assert.ok(!parsed.ok && parsed.message.length > 0);
      assert.equal(normaliseSwedishPersonalNumber(input, opts), null);
    });
  }

  it('masks to the date of birth with the last four hidden', () => {
    assert.equal(maskPersonalNumber('191212121212'), '19121212-****');
    assert.equal(maskPersonalNumber('19121212-1212'), '19121212-****');
    assert.equal(maskPersonalNumber('121212-1212'), '121212-****');
    assert.equal(maskPersonalNumber('121212+1212'), '121212+****');
    assert.equal(maskPersonalNumber('12-34 5678'), '**-** ****', 'anything else loses every digit');
    assert.ok(!maskPersonalNumber('191212121212').includes('1212121212'));
  });
});

describe('typed ids', () => {
  it('reads a bare id as emr_id', () => {
    assert.deepEqual(parsePatientId('abc_12345'), { ok: true, id: { type: 'emr_id', value: 'abc_12345' } });
    assert.deepEqual(parsePatientId('emr_id:abc_12345'), { ok: true, id: { type: 'emr_id', value: 'abc_12345' } });
    // A colon after something that is no type name is part of an EHR id.
    assert.deepEqual(parsePatientId('A-17:3'), { ok: true, id: { type: 'emr_id', value: 'A-17:3' } });
  });

  it('normalises a se_personal_number id to 12 digits', () => {
    assert.deepEqual(parsePatientId('se_personal_number:19121212-1212'), { ok: true, id: { type: 'se_personal_number', value: '191212121212' } });
    assert.equal(patientIdFromPersonalNumber('121212+1212', opts), 'se_personal_number:191212121212');
    assert.equal(formatTypedId({ type: 'se_personal_number', value: '19121212-1212' }), 'se_personal_number:191212121212');
    assert.equal(formatTypedId({ type: 'hsa_id', value: 'SE2321000131-E000000012345' }), 'hsa_id:SE2321000131-E000000012345');
  });

  it('keeps the other patient id types as given', () => {
    assert.deepEqual(parsePatientId('nhs_number:9434765919'), { ok: true, id: { type: 'nhs_number', value: '9434765919' } });
    assert.deepEqual(parsePatientId('no_personal_number:01010112345'), { ok: true, id: { type: 'no_personal_number', value: '01010112345' } });
  });

  it('refuses unknown types, empty values and bad personal numbers with a reason', () => {
    const unknown = parsePatientId('passport:X123');
    assert.equal(!unknown.ok && unknown.reason, 'unknown_type');
    assert.equal(!parsePatientId('hsa_id:SE1').ok, true, 'hsa_id is a resource id type, not a patient one');
    const empty = parsePatientId('se_personal_number:');
    assert.equal(!empty.ok && empty.reason, 'empty');
    assert.equal(!parsePatientId('   ').ok, true);
    const bad = parsePatientId('se_personal_number:191212121213');
    assert.equal(!bad.ok && bad.reason, 'invalid_value');
    assert.throws(() => patientIdFromPersonalNumber('191212121213'), RangeError);
  });

  it('reads resource ids with their own set of types', () => {
    assert.deepEqual(parseResourceId('hsa_id:SE2321000131-E000000012345'), { ok: true, id: { type: 'hsa_id', value: 'SE2321000131-E000000012345' } });
    assert.deepEqual(parseResourceId('doctor-789'), { ok: true, id: { type: 'emr_id', value: 'doctor-789' } });
    const nhs = parseResourceId('nhs_number:1');
    assert.equal(!nhs.ok && nhs.reason, 'unknown_type');
  });
});
