// Booking from a free slot: find the patient (by name, or by personal number validated as it
// is typed), or create them; pick the start and a service that fits there; comment; book.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PatientView } from '../../../preload/contract/index.ts';
import { formatDateLong, formatTime } from '../../i18n/format.ts';
import { useTranslate } from '../../i18n/translate.ts';
import { MaskedPersonalNumber } from '../../patients/MaskedPersonalNumber.tsx';
import { checkPersonalNumber, looksLikePersonalNumber, type PersonalNumberCheck } from '../../patients/personal-number.ts';
import { Dialog } from '../../common/Dialog.tsx';
import { frontdesk } from '../../common/frontdesk.ts';
import { useNotices } from '../../common/notices.ts';
import type { DayModel } from '../model/day-model.ts';
import { bookAppointment, errorText } from '../state/actions.ts';
import { useUi } from '../state/ui-store.ts';

interface Props {
  model: DayModel;
  resourceId: string;
  startMs: number;
  bandStartMs: number;
  bandEndMs: number;
}

const SEARCH_DELAY_MS = 250;

export function patientName(patient: Pick<PatientView, 'firstName' | 'lastName'>): string {
  return [patient.firstName, patient.lastName].filter((part) => part !== null && part !== '').join(' ');
}

function PersonalNumberHint({ check, id }: { check: PersonalNumberCheck; id: string }) {
  const t = useTranslate();
  if (check.state === 'empty') return null;
  const text =
    check.state === 'valid'
      ? t('patient.valid')
      : check.state === 'partial'
        ? t('patient.partial')
        : check.problem === 'format'
          ? t('patient.invalidFormat')
          : t('patient.invalidCheck');
  return (
    <p id={id} className={`field-hint hint-${check.state}`} data-testid="pn-hint" data-state={check.state}>
      {text}
    </p>
  );
}

function PatientSearch({ onChoose, onCreate }: { onChoose: (patient: PatientView) => void; onCreate: (initial: string) => void }) {
  const t = useTranslate();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ patients: PatientView[]; source: 'leyr' | 'store' } | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hintId = useId();
  const numeric = looksLikePersonalNumber(query);
  const check = numeric ? checkPersonalNumber(query) : ({ state: 'empty' } as const);
  const searchable = numeric ? check.state === 'valid' : query.trim().length >= 2;
  const term = check.state === 'valid' ? check.canonical : query.trim();
  const latest = useRef(0);

  useEffect(() => {
    if (!searchable) return;
    const mine = ++latest.current;
    const timer = setTimeout(() => {
      setSearching(true);
      void frontdesk()
        .searchPatients({ query: term })
        .then((result) => {
          if (mine !== latest.current) return;
          setSearching(false);
          if (result.ok) {
            setResults(result.value);
            setError(null);
          } else {
            setResults(null);
            setError(errorText(result.error));
          }
        });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [term, searchable]);

  return (
    <div className="patient-search">
      <label className="field">
        <span>{t('booking.search')}</span>
        <input
          type="search"
          value={query}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          aria-describedby={hintId}
          aria-invalid={check.state === 'invalid'}
          onChange={(event) => setQuery(event.target.value)}
          data-testid="patient-query"
        />
      </label>
      {numeric ? (
        <PersonalNumberHint check={check} id={hintId} />
      ) : (
        <p id={hintId} className="field-hint">
          {t('booking.searchHint')}
        </p>
      )}
      <div aria-live="polite" className="search-status">
        {searching && <span>{t('booking.searching')}</span>}
        {!searching && results?.source === 'store' && <span>{t('booking.fromStore')}</span>}
        {!searching && results !== null && results.patients.length === 0 && searchable && <span>{t('booking.noMatches')}</span>}
        {error !== null && <span className="error-text">{error}</span>}
      </div>
      {searchable && results !== null && results.patients.length > 0 && (
        <ul className="patient-results" aria-label={t('booking.patient')}>
          {results.patients.map((patient) => (
            <li key={patient.id}>
              <span className="patient-name">{patientName(patient) || patient.id}</span>
              {patient.personalNumber !== null && <MaskedPersonalNumber value={patient.personalNumber} label={t('patient.personalNumber')} />}
              <button type="button" onClick={() => onChoose(patient)} aria-label={`${t('booking.choose')} ${patientName(patient)}`}>
                {t('booking.choose')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="link-button" onClick={() => onCreate(numeric ? query : '')}>
        {t('booking.create')}
      </button>
    </div>
  );
}

function CreatePatient({ initialNumber, onCreated, onBack }: { initialNumber: string; onCreated: (patient: PatientView) => void; onBack: () => void }) {
  const t = useTranslate();
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [number, setNumber] = useState(initialNumber);
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const hintId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const check = checkPersonalNumber(number);
  const complete = firstName.trim() !== '' && lastName.trim() !== '' && check.state === 'valid';
  const missing = (value: string): boolean => tried && value.trim() === '';

  const submit = async (): Promise<void> => {
    setTried(true);
    if (!complete || check.state !== 'valid') {
      // Straight to the first field that needs something.
      setTimeout(() => formRef.current?.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setBusy(true);
    const result = await frontdesk().createPatient({
      firstName: firstName.trim(),
      lastName: lastName.trim(),
      personalNumber: check.canonical,
      ...(phone.trim() !== '' && { phone: phone.trim() }),
      ...(email.trim() !== '' && { email: email.trim() }),
    });
    setBusy(false);
    if (result.ok) onCreated(result.value);
    else setError(errorText(result.error));
  };

  return (
    <form
      ref={formRef}
      className="create-patient"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      noValidate
    >
      <div className="field-row">
        <label className="field">
          <span>{t('patient.firstName')}</span>
          <input value={firstName} onChange={(e) => setFirstName(e.target.value)} required aria-invalid={missing(firstName)} aria-describedby={missing(firstName) ? `${hintId}-first` : undefined} autoFocus />
          {missing(firstName) && (
            <span id={`${hintId}-first`} className="field-hint hint-invalid">
              {t('patient.required')}
            </span>
          )}
        </label>
        <label className="field">
          <span>{t('patient.lastName')}</span>
          <input value={lastName} onChange={(e) => setLastName(e.target.value)} required aria-invalid={missing(lastName)} aria-describedby={missing(lastName) ? `${hintId}-last` : undefined} />
          {missing(lastName) && (
            <span id={`${hintId}-last`} className="field-hint hint-invalid">
              {t('patient.required')}
            </span>
          )}
        </label>
      </div>
      <label className="field">
        <span>{t('patient.personalNumber')}</span>
        <input
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          inputMode="numeric"
          autoComplete="off"
          required
          aria-describedby={hintId}
          aria-invalid={check.state === 'invalid' || (tried && check.state !== 'valid')}
          data-testid="new-patient-pn"
        />
      </label>
      {tried && check.state === 'empty' ? (
        <p id={hintId} className="field-hint hint-invalid">
          {t('patient.required')}
        </p>
      ) : (
        <PersonalNumberHint check={check} id={hintId} />
      )}
      <div className="field-row">
        <label className="field">
          <span>{t('patient.phone')}</span>
          <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" />
        </label>
        <label className="field">
          <span>{t('patient.email')}</span>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
        </label>
      </div>
      {error !== null && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="inline-actions">
        <button type="button" onClick={onBack}>
          {t('patient.back')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('patient.create')}
        </button>
      </div>
    </form>
  );
}

export function BookingDialog({ model, resourceId, startMs: initialStart, bandStartMs, bandEndMs }: Props) {
  const t = useTranslate();
  const close = useUi((state) => state.closeDialog);
  const notify = useNotices((state) => state.notify);
  const [patient, setPatient] = useState<PatientView | null>(null);
  const [creating, setCreating] = useState<string | null>(null);
  const [startMs, setStartMs] = useState(initialStart);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const resource = model.resourceNames.get(resourceId) ?? resourceId;
  const fmt = (ms: number): string => formatTime(ms, model.zone, model.locale);
  const bookRef = useRef<HTMLButtonElement>(null);
  // Once the patient is chosen the next step is Book: take the keyboard there.
  useEffect(() => {
    if (patient !== null) bookRef.current?.focus();
  }, [patient]);

  const slots = useMemo(() => model.slots.slotsWithin(resourceId, bandStartMs, bandEndMs), [model, resourceId, bandStartMs, bandEndMs]);
  const starts = useMemo(() => [...new Set(slots.map((slot) => slot.startMs))], [slots]);
  const fitting = useMemo(
    () =>
      slots
        .filter((slot) => slot.startMs === startMs)
        .map((slot) => ({ slot, service: model.services.get(slot.serviceId) }))
        .sort((a, b) => (a.service?.durationMinutes ?? 0) - (b.service?.durationMinutes ?? 0)),
    [slots, startMs, model.services],
  );
  const [serviceId, setServiceId] = useState<string | null>(null);
  const chosen = fitting.find((entry) => entry.slot.serviceId === serviceId) ?? fitting[0] ?? null;

  const book = async (): Promise<void> => {
    if (patient === null) {
      setError(t('booking.pickPatient'));
      return;
    }
    if (chosen === null) {
      setError(t('booking.noService'));
      return;
    }
    setBusy(true);
    const result = await bookAppointment({
      patientId: patient.id,
      resourceId,
      serviceId: chosen.slot.serviceId === '' ? null : chosen.slot.serviceId,
      startMs: chosen.slot.startMs,
      endMs: chosen.slot.endMs,
      comment,
    });
    setBusy(false);
    if (result.ok) {
      notify('success', t('booking.booked', { patient: patientName(patient), time: fmt(chosen.slot.startMs) }));
      close();
    } else {
      setError(errorText(result.error));
    }
  };

  return (
    <Dialog
      title={t('booking.title')}
      subtitle={t('booking.slot', { date: formatDateLong(model.snapshot.date, model.zone, model.locale), time: fmt(startMs), resource })}
      onClose={close}
      testId="booking-dialog"
      footer={
        <>
          <button type="button" onClick={close}>
            {t('booking.cancel')}
          </button>
          <button ref={bookRef} type="button" className="primary" onClick={() => void book()} disabled={busy || patient === null || chosen === null} data-testid="book-button">
            {t('booking.book')}
          </button>
        </>
      }
    >
      <fieldset className="section">
        <legend>{t('booking.patient')}</legend>
        {patient !== null ? (
          <div className="chosen-patient" data-testid="chosen-patient">
            <span className="patient-name">{patientName(patient) || patient.id}</span>
            {patient.personalNumber !== null && <MaskedPersonalNumber value={patient.personalNumber} label={t('patient.personalNumber')} />}
            <button type="button" className="link-button" onClick={() => setPatient(null)}>
              {t('booking.change')}
            </button>
          </div>
        ) : creating !== null ? (
          <CreatePatient
            initialNumber={creating}
            onBack={() => setCreating(null)}
            onCreated={(created) => {
              setCreating(null);
              setPatient(created);
              notify('success', t('patient.created'));
            }}
          />
        ) : (
          <PatientSearch onChoose={setPatient} onCreate={(initial) => setCreating(initial)} />
        )}
      </fieldset>
      <div className="field-row">
        <label className="field">
          <span>{t('booking.start')}</span>
          <select value={startMs} onChange={(event) => setStartMs(Number(event.target.value))} data-testid="booking-start">
            {starts.map((ms) => (
              <option key={ms} value={ms}>
                {fmt(ms)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('booking.service')}</span>
          <select value={chosen?.slot.serviceId ?? ''} onChange={(event) => setServiceId(event.target.value)} disabled={fitting.length === 0} data-testid="booking-service">
            {fitting.map(({ slot, service }) => (
              <option key={slot.serviceId} value={slot.serviceId}>
                {t('booking.serviceOption', { name: service?.name ?? slot.serviceId, minutes: Math.round((slot.endMs - slot.startMs) / 60_000) })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {fitting.length === 0 && <p className="error-text">{t('booking.noService')}</p>}
      <label className="field">
        <span>{t('booking.comment')}</span>
        <textarea value={comment} maxLength={500} rows={2} onChange={(event) => setComment(event.target.value)} />
      </label>
      {error !== null && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
