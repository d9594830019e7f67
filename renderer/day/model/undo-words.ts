// What an undo (or redo) did, in the receptionist's language: all of it, part of it ("3 of 5
// rebooked; 2 times were taken"), or none of it, and why. Pure, for the tests.
import type { ChangeFailureView, ChangeKind, UndoBlock } from '../../../preload/contract/index.ts';
import type { Translate } from '../../i18n/translate.ts';

/** How much of a step was taken back, and what stopped the rest. */
export interface UndoTally {
  /** The appointments of the step. */
  total: number;
  /** Taken back: withdrawn before they were sent, or brought back by an inverse Leyr accepted. */
  done: number;
  /** Per reason, the appointments (or whole changes) not taken back. */
  blocked: Partial<Record<UndoBlock, number>>;
  /** Inverses Leyr refused for another reason than a taken time: its words. */
  refusals: string[];
}

/** The verb of "3 of 5 …" for the kind undone. */
function how(kind: ChangeKind, t: Translate): string {
  switch (kind) {
    case 'cancel':
      return t('undo.howCancel');
    case 'book':
      return t('undo.howBook');
    case 'move':
    case 'move-to-resource':
    case 'reschedule':
      return t('undo.howMove');
    default:
      return t('undo.howOther');
  }
}

const BLOCK_ORDER: readonly UndoBlock[] = ['slot-taken', 'changed-since', 'awaiting-code', 'in-flight', 'not-done', 'not-here', 'irreversible', 'refused'];

/** Why the rest was not taken back, in one clause per reason. */
export function undoReasons(tally: UndoTally, kind: ChangeKind, t: Translate): string[] {
  const reasons: string[] = [];
  for (const why of BLOCK_ORDER) {
    const count = tally.blocked[why] ?? 0;
    if (count === 0 || why === 'refused') continue;
    if (why === 'irreversible') reasons.push(kind === 'confirm' ? t('undo.why.confirm') : t('undo.why.irreversible'));
    else reasons.push(t(`undo.why.${why}`, { count }));
  }
  return [...reasons, ...tally.refusals];
}

/** The sentence said when an undo has its outcome. `redo`: it was a redo. */
export function undoOutcome(tally: UndoTally, kind: ChangeKind, what: string, t: Translate, redo = false): { level: 'success' | 'error'; text: string } {
  const reasons = undoReasons(tally, kind, t).join('; ');
  if (tally.done >= tally.total && reasons === '') return { level: 'success', text: t(redo ? 'undo.redone' : 'undo.undone', { what }) };
  if (tally.done === 0) return { level: 'error', text: t(redo ? 'undo.notRedone' : 'undo.notUndone', { what, why: reasons === '' ? t('undo.why.unknown') : reasons }) };
  return { level: 'error', text: t('undo.partly', { what, done: tally.done, total: tally.total, how: how(kind, t), why: reasons === '' ? t('undo.why.unknown') : reasons }) };
}

/** An inverse Leyr refused: a taken time counts as such, anything else is said in Leyr's words. */
export const takenTime = (failure: Pick<ChangeFailureView, 'code'> | null): boolean => failure?.code === 'NO_TIMESLOTS_AVAILABLE';
