// The Norwegian personal-number rule (preload/contract/norwegian-id.ts): two mod-11 check
// digits, D- and H-numbers, the century from the individual number. The sandbox reads
// `no_personal_number:` ids and Norwegian `external_id`s with it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidNorwegianPersonalNumber, norwegianCheckDigits, parseNorwegianPersonalNumber } from '../../../preload/contract/norwegian-id.ts';

describe('Norwegian personal numbers', () => {
  for (const [input, kind, birthDate] of [
    ['15076500565', 'fodselsnummer', '1965-07-15'],
    ['150765 00565', 'fodselsnummer', '1965-07-15'],
    ['150765-00565', 'fodselsnummer', '1965-07-15'],
    ['41019012393', 'd-number', '1990-01-01'],
    ['01459012342', 'h-number', '1990-05-01'],
    ['31129949980', 'fodselsnummer', '1999-12-31'],
    ['01010550048', 'fodselsnummer', '2005-01-01'],
    ['29020090039', 'fodselsnummer', '2000-02-29'],
    // Leyr's guide uses it: right check digits, "month" 25 (a test number): valid, no birth date.
    ['26258605879', 'fodselsnummer', null],
    // 30 February: right check digits, no date.
    ['30023001205', 'fodselsnummer', null],
  ] as const) {
    it(`reads ${input} as a ${kind} born ${birthDate ?? '(no real date)'}`, () => {
      assert.deepEqual(parseNorwegianPersonalNumber(input), { ok: true, value: input.replace(/[ -]/, ''), kind, birthDate });
    });
  }

  it('refuses a wrong check digit, either of them', () => {
    for (const input of ['15076500566', '15076500575', '26258605878', '26258605889']) {
      assert.deepEqual(parseNorwegianPersonalNumber(input), { ok: false, message: 'the check digits are wrong' }, input);
      assert.equal(isValidNorwegianPersonalNumber(input), false);
    }
  });

  it('refuses what is not eleven digits', () => {
    for (const input of ['', '1507650056', '150765005650', '15076500S65', '191212121212', '1507-6500565']) {
      assert.equal(parseNorwegianPersonalNumber(input).ok, false, input);
    }
  });

  it('gives the check digits for nine digits, or null where none exist', () => {
    assert.equal(norwegianCheckDigits('262586058'), '79');
    assert.equal(norwegianCheckDigits('150765005'), '65');
    assert.equal(norwegianCheckDigits('010190123'), null, 'the first check digit would be 10');
    assert.equal(norwegianCheckDigits('12345678'), null);
    // Every number built from them is valid.
    for (let serial = 100; serial < 160; serial += 1) {
      const nine = `240386${serial}`;
      const check = norwegianCheckDigits(nine);
      if (check !== null) assert.ok(isValidNorwegianPersonalNumber(`${nine}${check}`), nine);
    }
  });
});
