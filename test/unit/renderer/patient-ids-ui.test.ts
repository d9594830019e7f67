// The booking dialog's patient search and "New patient" form, in the words they show: hints
// per EHR, a refused type said before anything is sent, main's refusal marked on its field,
// an e-mail checked as the contract checks it, Norwegian numbers masked, and a create that
// Leyr answered with someone already registered told apart.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import i18next from 'i18next';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { classifyPatientQuery, classifyPersonalNumber } from '../../../preload/contract/patient-ids.ts';
import { createPatientArg, type PatientView } from '../../../preload/contract/schedule.ts';
import { en, nb, sv } from '../../../renderer/i18n/messages.ts';
import { alreadyRegistered, creationOf, nameDiffers } from '../../../renderer/patients/creation.ts';
import { fieldIssues, isEmailAddress, isPhoneNumber, personalNumberHint, searchFieldHint, searchHint, searchLabelKey } from '../../../renderer/patients/id-hints.ts';
import { formatPersonalNumber, maskPersonalNumber } from '../../../renderer/patients/personal-number.ts';

const today = DateTime.fromISO('2026-03-23T12:00:00', { zone: 'Europe/Stockholm' });

function translator(language: 'en' | 'sv' | 'nb') {
  const instance = i18next.createInstance();
  void instance.init({ resources: { en: { translation: en }, sv: { translation: sv }, nb: { translation: nb } }, lng: language, fallbackLng: false, interpolation: { escapeValue: false }, initAsync: false });
  return (key: string, options?: Record<string, unknown>) => instance.t(key, options ?? {}) as string;
}
const enT = translator('en');
const nbT = translator('nb');

/** The search hint for what was typed, said in English. */
function searchWords(text: string, emr: string | null): { state: string; text: string } | null {
  const hint = searchHint(classifyPatientQuery(text, emr, { today }), emr);
  return hint === null ? null : { state: hint.state, text: enT(hint.key, hint.values) };
}

describe('the patient search’s hints, per EHR', () => {
  it('WebDoc: the Swedish hints the receptionist knows', () => {
    assert.deepEqual(searchWords('19900101', 'webdoc'), { state: 'partial', text: 'Keep typing: YYYYMMDD-NNNN' });
    assert.deepEqual(searchWords('19900101-0001', 'webdoc'), { state: 'invalid', text: 'The date or the check digit is wrong' });
    assert.deepEqual(searchWords('19900101-0017', 'webdoc'), { state: 'valid', text: 'Valid personal number' });
    assert.deepEqual(searchWords('emr:wd-1', 'webdoc'), { state: 'valid', text: 'Searching by EHR id' });
    assert.equal(searchWords('Tolvan', 'webdoc'), null);
    assert.equal(enT(searchFieldHint('webdoc').key), 'At least two letters, a personal number (YYYYMMDD-NNNN), or emr: and the EHR id.');
  });

  it('Anita Systems: a personal number is refused as it is typed, with what to do instead', () => {
    assert.deepEqual(searchWords('191212121212', 'anitasystems'), { state: 'refused', text: 'Anita Systems does not look patients up by personal number: search by name or EHR id' });
    assert.equal(enT(searchLabelKey('anitasystems')), 'Name or EHR id');
    const general = searchFieldHint('anitasystems');
    assert.equal(enT(general.key, general.values), 'At least two letters, or emr: and the EHR id (Anita Systems does not look patients up by personal number).');
  });

  it('DIPS: Norwegian numbers taken, Swedish ones refused', () => {
    assert.deepEqual(searchWords('26258605879', 'dips'), { state: 'valid', text: 'Valid Norwegian personal number' });
    assert.deepEqual(searchWords('262586', 'dips'), { state: 'partial', text: 'Keep typing: 11 digits DDMMYYIIICC' });
    assert.deepEqual(searchWords('26258605878', 'dips'), { state: 'invalid', text: 'The check digits are wrong' });
    assert.deepEqual(searchWords('191212121212', 'dips'), { state: 'refused', text: 'DIPS does not look patients up by Swedish personal number: search by name, Norwegian personal number or EHR id' });
  });

  it('WebDoc refuses a Norwegian number; Epic takes both', () => {
    assert.deepEqual(searchWords('26258605879', 'webdoc'), { state: 'refused', text: 'WebDoc does not look patients up by Norwegian personal number: search by name, Swedish personal number or EHR id' });
    assert.equal(searchWords('26258605879', 'epic')?.state, 'valid');
    assert.equal(searchWords('191212121212', 'epic')?.state, 'valid');
    assert.deepEqual(searchWords('1990', 'epic'), { state: 'partial', text: 'Keep typing: YYYYMMDD-NNNN (Swedish) or DDMMYYIIICC (Norwegian)' });
  });

  it('says the refusal in Norwegian too', () => {
    const hint = searchHint(classifyPatientQuery('191212121212', 'anitasystems', { today }), 'anitasystems');
    assert.equal(hint === null ? '' : nbT(hint.key, hint.values), 'Anita Systems søker ikke opp pasienter på personnummer: søk på navn eller journalsystemets ID');
  });
});

describe('the "New patient" form', () => {
  const words = (text: string, emr: string): string | null => {
    const hint = personalNumberHint(classifyPersonalNumber(text, emr, { today }), emr);
    return hint === null ? null : `${hint.state}: ${enT(hint.key, hint.values)}`;
  };

  it('says the number’s state against what the EHR registers', () => {
    assert.equal(words('19121212-1212', 'webdoc'), 'valid: Valid personal number');
    assert.equal(words('26258605879', 'webdoc'), 'refused: WebDoc takes Swedish personal numbers only: type the patient’s personnummer or samordningsnummer');
    assert.equal(words('191212121212', 'dips'), 'refused: DIPS takes Norwegian personal numbers only: type the patient’s fødselsnummer or D-number');
    assert.equal(words('26258605879', 'anitasystems'), 'valid: Valid Norwegian personal number');
    assert.equal(words('', 'webdoc'), null);
  });

  it('checks an e-mail address exactly as the contract does', () => {
    const contract = z.email();
    for (const text of ['greta@example.se', 'g.t+x@mail.example.co.uk', 'greta', 'greta@', '@example.se', 'greta@example', 'gre ta@example.se', 'greta@exa_mple.se', 'a..b@example.se']) {
      assert.equal(isEmailAddress(text), contract.safeParse(text).success, text);
    }
    assert.equal(isPhoneNumber('+46 70-123 45 67'), true);
    assert.equal(isPhoneNumber('call me'), false);
  });

  it('marks main’s refusal on its field, never as "Invalid argument for createPatient"', () => {
    const refused = createPatientArg.safeParse({ firstName: 'Greta', lastName: 'Testsson', personalNumber: '191212121212', email: 'greta' });
    assert.equal(refused.success, false);
    const issues = refused.error?.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) ?? [];
    assert.deepEqual(fieldIssues(issues), { email: 'is not an e-mail address' });
    assert.deepEqual(fieldIssues([{ path: '(argument)', message: 'could not be checked' }]), {});
    assert.deepEqual(fieldIssues(undefined), {});
  });
});

describe('a patient already registered', () => {
  const tolvan: PatientView = { id: 'pat-001', emrId: 'wd-191212', firstName: 'Tolvan', lastName: 'Tolvansson', personalNumber: '191212121212' };

  it('main’s word, or another name than typed: the receptionist chooses', () => {
    assert.equal(alreadyRegistered({ patient: tolvan, existing: true }, { firstName: 'Tolvan', lastName: 'Tolvansson' }), true);
    assert.equal(alreadyRegistered({ patient: tolvan, existing: false }, { firstName: 'Greta', lastName: 'Testsson' }), true);
    assert.equal(alreadyRegistered({ patient: tolvan, existing: false }, { firstName: ' tolvan', lastName: 'TOLVANSSON ' }), false);
    assert.equal(nameDiffers({ firstName: null, lastName: null }, { firstName: 'Greta', lastName: 'Testsson' }), false);
  });

  it('reads main’s answer in either shape', () => {
    assert.deepEqual(creationOf({ patient: tolvan, existing: true }), { patient: tolvan, existing: true });
    assert.deepEqual(creationOf(tolvan), { patient: tolvan, existing: false });
  });

  it('shows "Already registered: <name>," before the masked number, in each language', () => {
    assert.equal(`${enT('patient.existing', { name: 'Tolvan Tolvansson' })} ${maskPersonalNumber('191212121212')}`, 'Already registered: Tolvan Tolvansson, 19121212-****');
    assert.equal(translator('sv')('patient.existing', { name: 'Tolvan' }), 'Redan registrerad: Tolvan,');
    assert.equal(nbT('patient.existing', { name: 'Tolvan' }), 'Allerede registrert: Tolvan,');
  });
});

describe('Norwegian numbers on screen', () => {
  it('masked (date of birth shown, the rest hidden) unless revealed', () => {
    assert.equal(maskPersonalNumber('26258605879'), '262586 *****');
    assert.equal(maskPersonalNumber('262586 05879'), '262586 *****');
    assert.equal(formatPersonalNumber('26258605879'), '262586 05879');
    // Swedish ones as before.
    assert.equal(maskPersonalNumber('191212121212'), '19121212-****');
    assert.equal(formatPersonalNumber('191212121212'), '19121212-1212');
  });
});
