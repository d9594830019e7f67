// What an undo did, said in the receptionist's language (all, part, none, and why), and which
// keys ask for undo or redo.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import i18next from 'i18next';
import { undoOutcome, type UndoTally } from '../../../renderer/day/model/undo-words.ts';
import { undoKeyOf } from '../../../renderer/day/model/undo-key.ts';
import { en, nb, sv } from '../../../renderer/i18n/messages.ts';
import type { Translate } from '../../../renderer/i18n/translate.ts';

function translator(language: 'en' | 'sv' | 'nb'): Translate {
  const instance = i18next.createInstance();
  void instance.init({ resources: { en: { translation: en }, sv: { translation: sv }, nb: { translation: nb } }, lng: language, fallbackLng: false, interpolation: { escapeValue: false }, initAsync: false });
  return (key, options) => instance.t(key, options ?? {}) as string;
}

const tally = (extra: Partial<UndoTally>): UndoTally => ({ total: 1, done: 0, blocked: {}, refusals: [], ...extra });

describe('undo in words', () => {
  const enT = translator('en');

  it('says a bulk cancel undone in part with how many were rebooked and why the rest were not', () => {
    const said = undoOutcome(tally({ total: 5, done: 3, blocked: { 'slot-taken': 2 } }), 'cancel', 'Cancellation of 5 appointments', enT);
    assert.equal(said.level, 'error');
    assert.equal(said.text, 'Cancellation of 5 appointments undone in part: 3 of 5 rebooked; 2 times were taken.');
    assert.equal(
      undoOutcome(tally({ total: 5, done: 3, blocked: { 'slot-taken': 2 } }), 'cancel', 'Avbokning av 5 bokningar', translator('sv')).text,
      'Avbokning av 5 bokningar ångrad till en del: 3 av 5 ombokade; 2 tider var upptagna.',
    );
    assert.equal(
      undoOutcome(tally({ total: 2, done: 1, blocked: { 'changed-since': 1 } }), 'move-to-resource', 'Flytting', translator('nb')).text,
      'Flytting delvis angret: 1 av 2 flyttet tilbake; 1 er endret et annet sted siden.',
    );
  });

  it('says all of it as a success, none of it with the reason', () => {
    assert.deepEqual(undoOutcome(tally({ done: 1 }), 'move', 'Move of Sara 10:30–11:00', enT), { level: 'success', text: 'Undone: Move of Sara 10:30–11:00.' });
    assert.deepEqual(undoOutcome(tally({ done: 1 }), 'move', 'Move of Sara 10:30–11:00', enT, true), { level: 'success', text: 'Redone: Move of Sara 10:30–11:00.' });
    assert.equal(undoOutcome(tally({ blocked: { irreversible: 1 } }), 'confirm', 'Code for Sara', enT).text, "Could not undo Code for Sara: a confirmation with the patient's code cannot be undone.");
    assert.equal(undoOutcome(tally({ blocked: { 'awaiting-code': 1 } }), 'cancel', 'Cancellation of Sara', enT).text, "Could not undo Cancellation of Sara: 1 still waits for the patient's code (nothing was cancelled yet).");
    assert.equal(undoOutcome(tally({ refusals: ['That time has passed'] }), 'book', 'Booking of Sara', enT).text, 'Could not undo Booking of Sara: That time has passed.');
  });

  it('takes Ctrl/Cmd+Z as undo, with Shift (or Ctrl+Y) as redo, and nothing else', () => {
    const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => undoKeyOf({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
    assert.equal(key('z', { ctrlKey: true }), 'undo');
    assert.equal(key('z', { metaKey: true }), 'undo');
    assert.equal(key('Z', { metaKey: true, shiftKey: true }), 'redo');
    assert.equal(key('y', { ctrlKey: true }), 'redo');
    assert.equal(key('z'), null);
    assert.equal(key('z', { ctrlKey: true, altKey: true }), null);
    assert.equal(key('x', { ctrlKey: true }), null);
  });
});
