// Undo and redo, as the receptionist asks for them (Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, the notice's
// Undo button). The step is shown back at once (an optimistic patch, pending), then main's
// answer is the truth: changes still unsent were withdrawn (the outcome is known at once),
// changes sent are undone by inverse changes whose fate arrives as `change.status`; once all
// have it, what was taken back, and what could not be and why, is said in one notice.
import type { ChangeView, UndoReceipt } from '../../../preload/contract/index.ts';
import { frontdesk } from '../../common/frontdesk.ts';
import { useNotices, type NoticeAction } from '../../common/notices.ts';
import { useLocale } from '../../i18n/i18n.ts';
import type { Translate } from '../../i18n/translate.ts';
import { changeTitle, failureSentence } from '../model/change-words.ts';
import { describeAppointment } from '../model/day-model.ts';
import { takenTime, undoOutcome, type UndoTally } from '../model/undo-words.ts';
import { errorText } from './actions.ts';
import { useDay, type OptimisticPatch } from './day-store.ts';
import { useUi } from './ui-store.ts';
import { useUndo, type UndoStep } from './undo-store.ts';

const t: Translate = (key, options) => useLocale.getState().t(key, options);

/** "Move of Sara Gustafsson 13:45–14:15": the step as it was when made. */
export function stepTitle(step: UndoStep): string {
  const model = useDay.getState().model;
  return changeTitle(step, (id) => step.labels[id] ?? describeAppointment(model, id), t);
}

/**
 * The notice's Undo button after a change. It undoes the window's last step, so only the
 * latest notice carries one: the older ones go (UNDO_TAG) when a step is made, undone or redone.
 */
export const undoAction = (): NoticeAction => ({ label: t('undo.action'), run: () => void undoLast(), tag: UNDO_TAG });
const redoAction = (): NoticeAction => ({ label: t('undo.redo'), run: () => void redoLast(), tag: UNDO_TAG });
const UNDO_TAG = 'undo';
/** The notices with an Undo or Redo of an earlier step: stale now. */
export const dismissStaleUndo = (): void => useNotices.getState().dismissTagged(UNDO_TAG);

/** An undo or redo whose inverse changes are on their way: said once they all have their fate. */
interface Awaited {
  step: UndoStep;
  redo: boolean;
  tally: UndoTally;
  waiting: Map<string, string[]>;
}
const awaiting: Awaited[] = [];

const FINAL = new Set(['applied', 'refused', 'conflict']);

function say(report: Awaited): void {
  const { level, text } = undoOutcome(report.tally, report.step.kind, stepTitle(report.step), t, report.redo);
  // A step fully undone can be redone from the notice; one fully redone, undone again.
  const action = level === 'success' ? (report.redo ? undoAction() : redoAction()) : undefined;
  useNotices.getState().notify(level, text, action);
}

function settle(changes: ReadonlyMap<string, ChangeView>): void {
  for (const report of [...awaiting]) {
    for (const [changeId, ids] of report.waiting) {
      const change = changes.get(changeId);
      if (change === undefined || !FINAL.has(change.status)) continue;
      report.waiting.delete(changeId);
      if (change.status === 'applied') report.tally.done += ids.length;
      else if (takenTime(change.failure)) report.tally.blocked['slot-taken'] = (report.tally.blocked['slot-taken'] ?? 0) + ids.length;
      else if (change.status === 'conflict') report.tally.blocked['changed-since'] = (report.tally.blocked['changed-since'] ?? 0) + ids.length;
      else report.tally.refusals.push(change.failure === null ? t('undo.why.unknown') : failureSentence(change.failure, change.kind, t));
    }
    if (report.waiting.size === 0) {
      awaiting.splice(awaiting.indexOf(report), 1);
      say(report);
    }
  }
}
useDay.subscribe((state, previous) => {
  if (state.changes !== previous.changes && awaiting.length > 0) settle(state.changes);
});

/** What main answered, counted: withdrawn ones are done; blocked ones by reason; inverses awaited. */
function follow(step: UndoStep, receipt: UndoReceipt, redo: boolean): void {
  const withdrawnIds = new Set(receipt.withdrawn);
  const tally: UndoTally = { total: step.appointmentIds.length, done: 0, blocked: {}, refusals: [] };
  // A withdrawn change takes all of its appointments back (one step, one change, as a rule).
  if (withdrawnIds.size > 0) tally.done = withdrawnIds.size === step.changeIds.length ? tally.total : Math.min(tally.total, withdrawnIds.size);
  for (const block of receipt.blocked) {
    if (block.why === 'refused') tally.refusals.push(block.error === undefined ? t('undo.why.unknown') : errorText(block.error));
    else tally.blocked[block.why] = (tally.blocked[block.why] ?? 0) + 1;
  }
  const report: Awaited = { step, redo, tally, waiting: new Map(receipt.inverses.map((i) => [i.changeId, i.appointmentIds.length === 0 ? ['?'] : i.appointmentIds])) };
  if (report.waiting.size === 0) {
    say(report);
    return;
  }
  awaiting.push(report);
  settle(useDay.getState().changes);
}

/** Shows `places` at once (pending); answers the function that takes them back. */
function showAtOnce(places: ReadonlyMap<string, OptimisticPatch>): () => void {
  const model = useDay.getState().model;
  const shown = new Map([...places].filter(([id]) => model?.appointments.has(id) === true).map(([id, patch]) => [id, { ...patch, pending: true }]));
  return useDay.getState().patch(shown);
}

/**
 * The step to undo or redo (`take`), or null when there is none or one is still on its way:
 * the window says which. The same for both keys.
 */
function nextStep<T>(take: () => T | null, nothing: 'undo.nothing' | 'undo.nothingRedo'): T | null {
  if (useUndo.getState().busy) {
    useNotices.getState().notify('info', t('undo.busy'));
    return null;
  }
  dismissStaleUndo();
  const step = take();
  if (step === null) useNotices.getState().notify('info', t(nothing));
  return step;
}

/** Undoes the last step this window made. */
export async function undoLast(): Promise<void> {
  const step = nextStep(() => useUndo.getState().takeDone(), 'undo.nothing');
  if (step === null) return;
  useUndo.getState().setBusy(true);
  // Marks for the bench (scripts/bench-undo.ts): from the key to the patch drawn in the model.
  performance.mark('undo:start');
  const revert = showAtOnce(step.before);
  performance.mark('undo:patched');
  try {
    const result = await frontdesk().undoChanges({ changeIds: step.changeIds, reason: t('undo.reason') });
    if (!result.ok) {
      revert();
      useUndo.getState().pushDone(step);
      useNotices.getState().notify('error', t('undo.notUndone', { what: stepTitle(step), why: errorText(result.error) }));
      return;
    }
    const receipt = result.value;
    useDay.getState().receipt(receipt.appointments, [...step.before.keys()]);
    const inverses = receipt.inverses.map((i) => i.changeId);
    // Something was taken back: it can be redone. Nothing was: the step is gone from the stack
    // (it cannot be undone), unless it was on its way to Leyr: then it can be once Leyr has answered.
    if (receipt.withdrawn.length > 0 || inverses.length > 0) useUndo.getState().pushUndone({ step, withdrawn: receipt.withdrawn, inverses });
    else if (receipt.blocked.some((block) => block.why === 'in-flight')) useUndo.getState().pushDone(step);
    // The selection bar's results of the change are no longer what the day shows.
    for (const changeId of step.changeIds) useUi.getState().forget(changeId);
    follow(step, receipt, false);
  } finally {
    useUndo.getState().setBusy(false);
  }
}

/** Redoes the last step undone: the undo of its inverses, or (withdrawn unsent) the same change made again. */
export async function redoLast(): Promise<void> {
  const undone = nextStep(() => useUndo.getState().takeUndone(), 'undo.nothingRedo');
  if (undone === null) return;
  const { step } = undone;
  useUndo.getState().setBusy(true);
  try {
    if (undone.inverses.length > 0) {
      const revert = showAtOnce(step.after);
      const result = await frontdesk().undoChanges({ changeIds: undone.inverses, ...(step.reason !== undefined && { reason: step.reason }) });
      if (!result.ok) {
        revert();
        useUndo.getState().pushUndone(undone);
        useNotices.getState().notify('error', t('undo.notRedone', { what: stepTitle(step), why: errorText(result.error) }));
        return;
      }
      const receipt = result.value;
      useDay.getState().receipt(receipt.appointments, [...step.after.keys()]);
      // Inverses withdrawn unsent: the original change stands again, and is what an undo takes back.
      const changeIds = [...(receipt.withdrawn.length > 0 ? step.changeIds : []), ...receipt.inverses.map((i) => i.changeId)];
      if (changeIds.length > 0) useUndo.getState().pushDone({ ...step, changeIds });
      follow(step, receipt, true);
    }
    if (undone.withdrawn.length > 0 && step.again !== undefined) {
      // Made again through the same path: the action records the new step itself (and keeps the redo stack).
      useUndo.getState().setReplaying(true);
      try {
        const result = await step.again();
        if (result.ok) useNotices.getState().notify('success', t('undo.redone', { what: stepTitle(step) }), undoAction());
      } finally {
        useUndo.getState().setReplaying(false);
      }
    }
  } finally {
    useUndo.getState().setBusy(false);
  }
}
