// The Norwegian (bokmål) UI beside Swedish and English: chosen like them, complete, dates and
// times in nb. And Leyr's failures said truthfully: only UNAUTHORIZED means this app's
// credentials; EMR_ERROR and UNKNOWN_ERROR (Leyr's examples of both are 401s) are failures
// behind Leyr, with the EHR's detail and Leyr's reference for support; 429 and 503 are Leyr
// asking to wait.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import i18next from 'i18next';
import type { AppError, AppointmentView, ChangeFailureView, DaySnapshot, LeyrErrorInfo } from '../../../preload/contract/index.ts';
import { askedToWait, failureReason, failureSentence, leyrReference } from '../../../renderer/day/model/change-words.ts';
import { buildDayModel } from '../../../renderer/day/model/day-model.ts';
import { datePattern, formatDateInput, parseDateInput } from '../../../renderer/i18n/date-input.ts';
import { formatAge, formatClock, formatDateLong, formatTime } from '../../../renderer/i18n/format.ts';
import { intlLocale, LANGUAGE_NAMES, LANGUAGES, pickLanguage } from '../../../renderer/i18n/locale.ts';
import { en, nb, sv } from '../../../renderer/i18n/messages.ts';
import type { Translate } from '../../../renderer/i18n/translate.ts';
import { failureText } from '../../../renderer/settings/outcome.ts';
import { settingsEn, settingsNb, settingsSv } from '../../../renderer/settings/settings-messages.ts';

function translator(language: 'en' | 'sv' | 'nb'): Translate {
  const instance = i18next.createInstance();
  const resources = {
    en: { translation: { ...en, settings: settingsEn } },
    sv: { translation: { ...sv, settings: settingsSv } },
    nb: { translation: { ...nb, settings: settingsNb } },
  };
  void instance.init({ resources, lng: language, fallbackLng: false, interpolation: { escapeValue: false }, initAsync: false });
  return (key, options) => instance.t(key, options ?? {}) as string;
}
const enT = translator('en');
const svT = translator('sv');
const nbT = translator('nb');

const keys = (object: object, prefix = ''): string[] =>
  Object.entries(object).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keys(value as object, `${prefix}${key}.`)));
const at = (root: object, key: string): string => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], root) as string;
const placeholders = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? '').sort();

describe('the Norwegian (bokmål) UI', () => {
  it('is chosen like Swedish and English: nb, no and nn all read bokmål; stored choice wins', () => {
    assert.deepEqual([...LANGUAGES].sort(), ['en', 'nb', 'sv']);
    assert.equal(LANGUAGE_NAMES.nb, 'Norsk');
    for (const tag of ['nb-NO', 'nb', 'no', 'nn-NO', 'NO-no']) assert.equal(pickLanguage(null, [tag]), 'nb', tag);
    assert.equal(pickLanguage(null, ['da-DK']), 'sv');
    assert.equal(pickLanguage('nb', ['sv-SE']), 'nb');
    assert.equal(pickLanguage('sv', ['nb-NO']), 'sv');
    assert.equal(intlLocale('nb', ['en-US']), 'nb-NO');
  });

  it('has every English message key, none empty, each {{placeholder}} kept (Swedish too)', () => {
    for (const [name, messages] of [['nb', nb], ['sv', sv]] as const) {
      assert.deepEqual(keys(messages).sort(), keys(en).sort(), name);
      for (const key of keys(en)) {
        assert.ok(at(messages, key).trim() !== '', `${name} ${key}`);
        assert.deepEqual(placeholders(at(messages, key)), placeholders(at(en, key)), `${name} ${key}`);
      }
    }
  });

  it('has every settings key, none empty, each {{placeholder}} kept', () => {
    assert.deepEqual(keys(settingsNb).sort(), keys(settingsEn).sort());
    for (const key of keys(settingsEn)) {
      assert.ok(at(settingsNb, key).trim() !== '', key);
      assert.deepEqual(placeholders(at(settingsNb, key)), placeholders(at(settingsEn, key)), key);
    }
  });

  it('plurals in bokmål', () => {
    assert.equal(nbT('app.unreadable', { count: 1 }), '1 time kunne ikke leses');
    assert.equal(nbT('app.unreadable', { count: 3 }), '3 timer kunne ikke leses');
    assert.equal(nbT('connectivity.pending', { count: 2 }), '2 endringer venter på å bli sendt');
  });

  it('dates and times formatted in nb', () => {
    assert.equal(formatDateLong('2026-03-23', 'Europe/Oslo', 'nb-NO'), 'mandag 23. mars 2026');
    const ms = Date.parse('2026-03-23T14:05:30+01:00');
    assert.equal(formatTime(ms, 'Europe/Oslo', 'nb-NO'), '14:05');
    assert.equal(formatClock(ms, 'Europe/Oslo', 'nb-NO'), '14:05:30');
    assert.equal(formatAge('2026-03-23T09:55:00+01:00', Date.parse('2026-03-23T10:00:00+01:00'), 'nb-NO'), 'for 5 minutter siden');
    assert.deepEqual(datePattern('nb-NO'), { order: ['day', 'month', 'year'], separator: '.' });
    assert.equal(formatDateInput('2026-03-23', 'nb-NO'), '23.03.2026');
    assert.equal(parseDateInput('23.03.2026', 'nb-NO'), '2026-03-23');
    assert.equal(parseDateInput('2026-03-23', 'nb-NO'), '2026-03-23');
  });
});

const leyr = (extra: Partial<LeyrErrorInfo> = {}): LeyrErrorInfo => ({ code: null, status: null, errorCodes: [], instance: null, detail: null, ...extra });
const failure = (extra: Partial<ChangeFailureView> = {}): ChangeFailureView => ({ changeId: 'c1', status: 'refused', reason: 'Leyr did not accept the credentials: wrong client id or secret.', code: null, leyr: null, ...extra });

describe('Leyr’s failures, said truthfully', () => {
  it('EMR_ERROR at 401: the EHR (or Leyr) failed, with its detail and the reference for support; never credentials', () => {
    const emr = failure({ code: 'EMR_ERROR', leyr: leyr({ code: 'EMR_ERROR', status: 401, detail: 'TakeCare is down', instance: 'd3e8-4cc1' }) });
    assert.equal(failureSentence(emr, 'book', enT), 'The EHR (or Leyr) failed: TakeCare is down. Reference for Leyr support: d3e8-4cc1');
    assert.equal(failureSentence(emr, 'move', nbT), 'Journalsystemet (eller Leyr) feilet: TakeCare is down. Referanse for Leyrs kundestøtte: d3e8-4cc1');
    assert.doesNotMatch(failureSentence(emr, 'move', svT), /klient|credentials/);
  });

  it('UNKNOWN_ERROR at 401 the same; without a detail, plainly', () => {
    const unknown = failure({ code: 'UNKNOWN_ERROR', leyr: leyr({ code: 'UNKNOWN_ERROR', status: 401, instance: 'i-1' }) });
    assert.equal(failureSentence(unknown, null, enT), 'The EHR (or Leyr) failed. Reference for Leyr support: i-1');
    assert.equal(failureReason({ ...unknown, leyr: leyr({ code: 'UNKNOWN_ERROR', status: 500, detail: 'Gateway hiccup.' }) }, null, enT), 'The EHR (or Leyr) failed: Gateway hiccup.');
  });

  it('only UNAUTHORIZED means this app’s client id or secret', () => {
    assert.equal(failureReason(failure({ code: 'UNAUTHORIZED', leyr: leyr({ code: 'UNAUTHORIZED', status: 401 }) }), null, enT), 'Leyr did not accept this app’s client id or secret: check the account in Settings.');
  });

  it('SERVICE_UNAVAILABLE, 503 and 429: Leyr asked to wait', () => {
    for (const info of [leyr({ code: 'SERVICE_UNAVAILABLE', status: 503 }), leyr({ status: 429 }), leyr({ status: 503 })]) {
      assert.equal(askedToWait(info), true);
      assert.equal(failureReason(failure({ leyr: info }), 'move', enT), 'Leyr asked to wait: it is busy or briefly unavailable. Try again shortly.');
    }
    assert.equal(askedToWait(leyr({ code: 'EMR_ERROR', status: 503 })), true);
    // An EHR failure that came with a 503 is still the EHR's, with its detail.
    assert.match(failureReason(failure({ leyr: leyr({ code: 'EMR_ERROR', status: 503, detail: 'x' }) }), 'move', enT), /^The EHR \(or Leyr\) failed: x/);
  });

  it('keeps "Leyr reference" for other refusals', () => {
    assert.equal(leyrReference(failure({ leyr: leyr({ code: 'BAD_REQUEST', status: 400, instance: 'i-9' }) }), enT), 'Leyr reference: i-9');
  });

  it('settings: a 401 is the credentials only with UNAUTHORIZED', () => {
    const error = (info: LeyrErrorInfo): AppError => ({ code: 'LEYR_ERROR', message: 'Leyr did not accept the credentials: wrong client id or secret (401).', leyr: info });
    assert.deepEqual(failureText(error(leyr({ code: 'EMR_ERROR', status: 401, detail: 'Anita is restarting', instance: 'ref-1' })), enT, true), {
      kind: 'error',
      text: 'The EHR (or Leyr) failed: Anita is restarting. Nothing was saved.',
      reference: 'ref-1',
    });
    assert.equal(failureText(error(leyr({ code: 'UNKNOWN_ERROR', status: 401 })), enT).text, 'The EHR (or Leyr) failed.');
    assert.equal(failureText(error(leyr({ code: 'UNAUTHORIZED', status: 401 })), enT).text, 'Leyr did not accept the credentials: wrong client id or secret (401).');
    assert.equal(failureText(error(leyr({ code: 'SERVICE_UNAVAILABLE', status: 503 })), enT).text, 'Leyr asked to wait: it is busy or briefly unavailable. Try again shortly.');
    assert.equal(failureText(error(leyr({ status: 429 })), nbT).text, 'Leyr ba oss vente: tjenesten er opptatt eller kortvarig utilgjengelig. Prøv igjen om litt.');
  });
});

describe('a two-step cancel on screen', () => {
  it('reads "waiting for the patient’s code" in the block’s label and tooltip', () => {
    const view: AppointmentView = {
      id: 'apt-b4',
      resourceId: 'r1',
      patientId: 'p1',
      serviceId: 's30',
      start: '2026-03-23T10:30:00+01:00',
      end: '2026-03-23T11:00:00+01:00',
      status: 'booked',
      patientName: 'Astrid Lindqvist',
      comment: null,
      pending: false,
      changeId: null,
      awaitingCancellation: true,
      failed: null,
    };
    const snapshot: DaySnapshot = {
      date: '2026-03-23',
      careUnit: { id: 'L0_1', name: null, timeZone: 'Europe/Stockholm' },
      resources: [{ id: 'r1', name: 'Dr. Ek' }],
      services: [{ id: 's30', name: 'Besök', durationMinutes: 30 }],
      freeSlots: [],
      appointments: [view],
      fetchedAt: null,
      stale: false,
      pendingCount: 0,
      unreadable: 0,
      changedElsewhere: [],
    };
    const block = buildDayModel(snapshot, { showCancelled: false, prefs: { order: [], hidden: [] }, locale: 'en-GB', t: enT }).blocks.get('apt-b4');
    assert.match(block?.label ?? '', /Cancellation waiting for the patient’s code/);
    assert.match(block?.title ?? '', /Cancellation waiting for the patient’s code/);
  });
});
