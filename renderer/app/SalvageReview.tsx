// The store's salvage, said plainly: a notice of what happened to the schedule kept on this
// computer (set aside, read back, or in use by another program), and a review of the
// changes read back, each with what it changes and Send / Discard (one by one or all).
// Nothing read back is sent before the receptionist says so (main holds it).
import { useEffect } from 'react';
import type { AppointmentFacts, SalvagedChange, SalvageView } from '../../preload/contract/index.ts';
import { Dialog } from '../common/Dialog.tsx';
import { useNotices } from '../common/notices.ts';
import { formatDateLong, formatTimeRange } from '../i18n/format.ts';
import { useLocale } from '../i18n/i18n.ts';
import { useTranslate, type Translate } from '../i18n/translate.ts';
import { changeTitle } from '../day/model/change-words.ts';
import { describeAppointment } from '../day/model/day-model.ts';
import { useDay } from '../day/state/day-store.ts';
import { useSalvage } from './salvage-store.ts';

/** The notice's sentences: what happened, and what was read back. */
function noticeText(view: SalvageView, t: Translate): string | null {
  const { incident, changes } = view;
  if (incident === null) return changes.length === 0 ? null : t('salvage.waiting', { count: changes.length });
  const parts = [t(`salvage.${incident.kind}`, { file: incident.setAsideAs ?? '' })];
  if (incident.kind !== 'locked' && changes.length > 0) parts.push(t('salvage.readBack', { count: changes.length }));
  if (incident.unreadable > 0) parts.push(t('salvage.lost', { count: incident.unreadable }));
  return parts.join(' ');
}

export function SalvageNotice() {
  const t = useTranslate();
  const view = useSalvage((state) => state.view);
  const load = useSalvage((state) => state.load);
  const setReviewing = useSalvage((state) => state.setReviewing);
  useEffect(() => {
    void load();
  }, [load]);
  if (view === null) return null;
  const text = noticeText(view, t);
  if (text === null) return null;
  return (
    <div role="alert" className="salvage-notice" data-testid="salvage-notice" data-kind={view.incident?.kind ?? 'held'}>
      <span>{text}</span>
      {view.changes.length > 0 && (
        <button type="button" className="primary" data-testid="salvage-review" onClick={() => setReviewing(true)}>
          {t('salvage.review')}
        </button>
      )}
    </div>
  );
}

function Facts({ facts, zone, names }: { facts: AppointmentFacts | null; zone: string; names: ReadonlyMap<string, string> }) {
  const t = useTranslate();
  const locale = useLocale((state) => state.locale);
  if (facts === null) return <span>{t('salvage.none')}</span>;
  const startMs = Date.parse(facts.start);
  const endMs = Date.parse(facts.end);
  const status = ['booked', 'awaiting_confirmation', 'completed', 'cancelled'].includes(facts.status) ? t(`status.${facts.status}`) : t('status.unknown', { status: facts.status });
  const resource = facts.resourceId === null ? '' : (names.get(facts.resourceId) ?? facts.resourceId);
  return (
    <span>
      {formatDateLong(facts.start.slice(0, 10), zone, locale)}, {formatTimeRange(startMs, endMs, zone, locale)}
      {resource !== '' && ` · ${resource}`} · {status}
    </span>
  );
}

function ChangeRow({ change }: { change: SalvagedChange }) {
  const t = useTranslate();
  const locale = useLocale((state) => state.locale);
  const zone = useDay((state) => state.zone);
  const model = useDay((state) => state.model);
  const names = new Map((model?.resources ?? []).map((r) => [r.id, r.name ?? r.id]));
  // In the receptionist's language, naming the patient when the day shown has the appointment.
  const title = changeTitle({ kind: change.kind, appointmentIds: change.appointments.map((a) => a.id) }, (id) => describeAppointment(model, id), t);
  const busy = useSalvage((state) => state.busy.has(change.changeId));
  const decide = useSalvage((state) => state.decide);
  const notify = useNotices((state) => state.notify);
  const act = (decision: 'send' | 'discard'): void => {
    void decide(decision, [change.changeId]).then((done) => {
      if (done) notify('success', t(decision === 'send' ? 'salvage.sent' : 'salvage.discarded'));
    });
  };
  return (
    <li className="salvage-change" data-testid="salvage-change" data-change-id={change.changeId}>
      <div className="salvage-summary">{title}</div>
      <div className="salvage-made">{t('salvage.made', { when: new Date(change.createdAt).toLocaleString(locale, { timeZone: zone }) })}</div>
      {change.appointments.map((appointment) => (
        <dl key={appointment.id} className="salvage-facts">
          <dt>{t('salvage.was')}</dt>
          <dd>
            <Facts facts={appointment.before} zone={zone} names={names} />
          </dd>
          <dt>{t('salvage.becomes')}</dt>
          <dd>{appointment.after === null ? t('salvage.gone') : <Facts facts={appointment.after} zone={zone} names={names} />}</dd>
        </dl>
      ))}
      {change.otherClinic && <div className="salvage-other">{t('salvage.otherClinic')}</div>}
      <div className="inline-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => act('send')}>
          {t('salvage.send')}
        </button>
        <button type="button" disabled={busy} onClick={() => act('discard')}>
          {t('salvage.discard')}
        </button>
      </div>
    </li>
  );
}

export function SalvageDialog() {
  const t = useTranslate();
  const reviewing = useSalvage((state) => state.reviewing);
  const view = useSalvage((state) => state.view);
  const error = useSalvage((state) => state.error);
  const setReviewing = useSalvage((state) => state.setReviewing);
  const decide = useSalvage((state) => state.decide);
  if (!reviewing || view === null || view.changes.length === 0) return null;
  const all = view.changes.map((change) => change.changeId);
  return (
    <Dialog
      title={t('salvage.title')}
      subtitle={t('salvage.subtitle')}
      onClose={() => setReviewing(false)}
      testId="salvage-dialog"
      footer={
        <div className="inline-actions">
          <button type="button" className="primary" onClick={() => void decide('send', all)}>
            {t('salvage.sendAll')}
          </button>
          <button type="button" onClick={() => void decide('discard', all)}>
            {t('salvage.discardAll')}
          </button>
        </div>
      }
    >
      {error !== null && (
        <p role="alert" className="field-error">
          {error.message}
        </p>
      )}
      <ul className="salvage-list">
        {view.changes.map((change) => (
          <ChangeRow key={change.changeId} change={change} />
        ))}
      </ul>
    </Dialog>
  );
}
