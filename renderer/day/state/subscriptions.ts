// Wires main's events into the stores, once, at start: snapshots of open days, the fate of
// changes, and connectivity. Also tells main whether the window is in use (focused and
// visible), which sets how often the open day is refreshed. And starts the day view over when
// main works for another clinic, and fetches what it shows afresh when the link to main is
// back after a break (the web host restarted under the tab): events of the break were never
// received.
import { useLocale } from '../../i18n/i18n.ts';
import { useConnectivity } from '../../common/connectivity.ts';
import { readWhenNotBusy } from '../../common/busy-retry.ts';
import { frontdesk } from '../../common/frontdesk.ts';
import { useNotices } from '../../common/notices.ts';
import { changeTitle, conflictHow, outcomeSentence } from '../model/change-words.ts';
import { describeAppointment } from '../model/day-model.ts';
import { useDay } from './day-store.ts';
import { useOtherDeskMarks } from './other-desk-marks.ts';
import { useSelection } from './selection-store.ts';
import { useUi } from './ui-store.ts';
import { useUndo } from './undo-store.ts';

let started = false;

export function startSubscriptions(): void {
  if (started) return;
  started = true;
  const api = frontdesk();
  api.on('day.snapshot', (snapshot) => {
    useDay.getState().receiveSnapshot(snapshot);
    // Marks of another desk's changes belong to the day shown.
    if (snapshot.date === useDay.getState().date) useOtherDeskMarks.getState().receive(snapshot.changedElsewhere, useLocale.getState().t('status.changedElsewhere'));
  });
  api.on('connectivity', (status) => useConnectivity.getState().setConnectivity(status));
  api.on('bridge', ({ state }) => {
    const before = useConnectivity.getState().bridge;
    useConnectivity.getState().setBridge(state);
    if (state === 'connected' && before !== 'connected') refreshShown();
  });
  api.on('change.status', (change) => {
    const before = useDay.getState().changes.get(change.changeId);
    useDay.getState().receiveChange(change);
    const refusedNow = (change.status === 'refused' || change.status === 'conflict') && before?.status !== change.status;
    // A dialog that waits for this change's fate (the code entry) says it there instead.
    if (refusedNow && !useUi.getState().watched.has(change.changeId)) {
      const { t } = useLocale.getState();
      const model = useDay.getState().model;
      const title = changeTitle(change, (id) => describeAppointment(model, id), t);
      const { zone } = useDay.getState();
      const how = conflictHow(change.conflict, zone, model?.locale ?? 'en', (id) => model?.resourceNames.get(id) ?? null, t);
      useNotices.getState().notify('error', `${title}: ${outcomeSentence(change, how, t)}`);
    }
  });
  // In use: focused and visible. Main refreshes the open day every few seconds then (and at
  // once on coming back), and slowly otherwise.
  let wasActive: boolean | null = null;
  const activity = (): void => {
    const active = document.visibilityState === 'visible' && document.hasFocus();
    if (active === wasActive) return;
    wasActive = active;
    void api.windowActivity({ active });
  };
  window.addEventListener('focus', activity);
  window.addEventListener('blur', activity);
  document.addEventListener('visibilitychange', activity);
  activity();
  fetchStatus();
}

/** The header's status and the list of changes, from main. */
function fetchStatus(): void {
  const api = frontdesk();
  void readWhenNotBusy(() => api.getConnectivity()).then((result) => {
    if (result.ok) useConnectivity.getState().setConnectivity(result.value);
  });
  void readWhenNotBusy(() => api.listChanges()).then((result) => {
    if (result.ok) useDay.getState().setChanges(result.value);
  });
}

/** Back after a break: the day shown, the header and the changes as main has them now. */
function refreshShown(): void {
  const day = useDay.getState();
  void day.openDay(day.date);
  fetchStatus();
}

/** Another clinic now: the day view starts over on the same date, with that clinic's data. */
export function startOver(): void {
  useSelection.getState().clear();
  useOtherDeskMarks.getState().clear();
  useUi.getState().closeDialog();
  // Steps of the previous clinic cannot be undone in this one.
  useUndo.getState().clear();
  const day = useDay.getState();
  const date = day.date;
  day.reset();
  useConnectivity.getState().setConnectivity(null);
  void day.openDay(date);
  fetchStatus();
}
