// Wires main's events into the stores, once, at start: snapshots of open days, the fate of
// changes, and connectivity. Also tells main when the window regains focus (it refreshes the
// open day in the background then). And starts the day view over when main works for
// another clinic, and fetches what it shows afresh when the link to main is back after a
// break (the web host restarted under the tab): events of the break were never received.
import { useLocale } from '../../i18n/i18n.ts';
import { useConnectivity } from '../../common/connectivity.ts';
import { readWhenNotBusy } from '../../common/busy-retry.ts';
import { frontdesk } from '../../common/frontdesk.ts';
import { useNotices } from '../../common/notices.ts';
import { changeTitle, failureSentence } from '../model/change-words.ts';
import { describeAppointment } from '../model/day-model.ts';
import { useDay } from './day-store.ts';
import { useSelection } from './selection-store.ts';
import { useUi } from './ui-store.ts';

let started = false;

export function startSubscriptions(): void {
  if (started) return;
  started = true;
  const api = frontdesk();
  api.on('day.snapshot', (snapshot) => useDay.getState().receiveSnapshot(snapshot));
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
      const reason = change.failure === null ? change.status : failureSentence(change.failure, change.kind, t);
      useNotices.getState().notify('error', `${title}: ${t('result.failed', { reason })}`);
    }
  });
  window.addEventListener('focus', () => {
    void api.windowFocused();
  });
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
  useUi.getState().closeDialog();
  const day = useDay.getState();
  const date = day.date;
  day.reset();
  useConnectivity.getState().setConnectivity(null);
  void day.openDay(date);
  fetchStatus();
}
