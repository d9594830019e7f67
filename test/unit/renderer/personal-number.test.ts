import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPersonalNumber, formatPersonalNumber, looksLikePersonalNumber, maskPersonalNumber } from '../../../renderer/patients/personal-number.ts';

const today = new Date('2026-03-23T12:00:00Z');

describe('personal numbers in the renderer', () => {
  it('accepts the usual forms and normalises to 12 digits', () => {
    for (const form of ['191212121212', '19121212-1212', ' 19121212 1212 ', '121212+1212']) {
      assert.deepEqual(checkPersonalNumber(form, today), { state: 'valid', canonical: '191212121212' }, form);
    }
    // Without '+', a short number is the latest year not in the future: 2012 in 2026.
    assert.deepEqual(checkPersonalNumber('121212-1212', today), { state: 'valid', canonical: '201212121212' });
    assert.deepEqual(checkPersonalNumber('1212121212', today), { state: 'valid', canonical: '201212121212' });
    // A coordination number: day + 60.
    assert.equal(checkPersonalNumber('19701063-2391', today).state, 'valid');
  });

  it('reads the century of a short number from today', () => {
    assert.deepEqual(checkPersonalNumber('121212-1212', new Date('2010-01-01')), { state: 'valid', canonical: '191212121212' });
  });

  it('tells a number still being typed from a wrong one', () => {
    assert.deepEqual(checkPersonalNumber('', today), { state: 'empty' });
    assert.deepEqual(checkPersonalNumber('1912', today), { state: 'partial' });
    assert.deepEqual(checkPersonalNumber('19121212-12', today), { state: 'partial' });
    assert.deepEqual(checkPersonalNumber('1912121212', today), { state: 'partial' });
    assert.deepEqual(checkPersonalNumber('19121212-1213', today), { state: 'invalid', problem: 'date_or_check_digit' });
    assert.deepEqual(checkPersonalNumber('19121332-1212', today), { state: 'invalid', problem: 'date_or_check_digit' });
    assert.deepEqual(checkPersonalNumber('19121212-12121', today), { state: 'invalid', problem: 'format' });
    assert.deepEqual(checkPersonalNumber('abc', today), { state: 'invalid', problem: 'format' });
  });

  it('masks the last four digits and formats on reveal', () => {
    assert.equal(maskPersonalNumber('191212121212'), '19121212-****');
    assert.equal(maskPersonalNumber('1212121212'), '121212-****');
    assert.equal(maskPersonalNumber('id 4711'), 'id ****', 'not a personal number: every digit hidden');
    assert.equal(formatPersonalNumber('191212121212'), '19121212-1212');
  });

  it('tells numbers from names', () => {
    assert.equal(looksLikePersonalNumber('19121212-1212'), true);
    assert.equal(looksLikePersonalNumber('Tolvan'), false);
    assert.equal(looksLikePersonalNumber('  '), false);
  });
});
