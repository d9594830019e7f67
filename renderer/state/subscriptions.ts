// Wires main's events into the stores, once, at start: snapshots of open days, the fate of
// changes, and connectivity. Also tells main when the window regains focus (it refreshes the
// open day in the background then).
import { changeTitle, failureSentence, type Translate } from '../day/change-words.ts';
import { describeAppointment } from '../day/day-model.ts';
import { frontdesk } from '../frontdesk.ts';
import { useLocale } from '../i18n/i18n.ts';
import { useDay } from './day-store.ts';
import { useUi } from './ui-store.ts';

let started = false;

export function startSubscriptions(): void {
  if (started) return;
  started = true;
  const api = frontdesk();
  api.on('day.snapshot', (snapshot) => useDay.getState().receiveSnapshot(snapshot));
  api.on('connectivity', (status) => useDay.getState().setConnectivity(status));
  api.on('change.status', (change) => {
    const before = useDay.getState().changes.get(change.changeId);
    useDay.getState().receiveChange(change);
    const refusedNow = (change.status === 'refused' || change.status === 'conflict') && before?.status !== change.status;
    // A dialog that waits for this change's fate (the code entry) says it there instead.
    if (refusedNow && !useUi.getState().watched.has(change.changeId)) {
      const t = useLocale.getState().t as unknown as Translate;
      const model = useDay.getState().model;
      const title = changeTitle(change, (id) => describeAppointment(model, id), t);
      const reason = change.failure === null ? change.status : failureSentence(change.failure, change.kind, t);
      useUi.getState().notify('error', `${title}: ${t('result.failed', { reason })}`);
    }
  });
  window.addEventListener('focus', () => {
    void api.windowFocused();
  });
  void api.getConnectivity().then((result) => {
    if (result.ok) useDay.getState().setConnectivity(result.value);
  });
  void api.listChanges().then((result) => {
    if (result.ok) useDay.getState().setChanges(result.value);
  });
}
