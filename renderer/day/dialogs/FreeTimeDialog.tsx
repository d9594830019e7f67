// "When is the first free time with a doctor?": a service, one or more doctors or any, from
// which day, morning or afternoon, how many. The answer lists the earliest distinct starts
// across days and doctors (main searches Leyr window after window and keeps the answer a
// short while); arrows move through them, Enter books one: its day opens and the booking
// dialog opens on it with doctor, start and service chosen. "More" goes on from the last.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { FREE_TIME_MAX_COUNT, type FreeTimeSlot, type PartOfDay } from '../../../preload/contract/index.ts';
import { DateField } from '../../common/DateField.tsx';
import { Dialog } from '../../common/Dialog.tsx';
import { formatDateLong, formatTime, formatTimeRange, todayIn } from '../../i18n/format.ts';
import { useTranslate } from '../../i18n/translate.ts';
import type { DayModel } from '../model/day-model.ts';
import { errorText } from '../state/actions.ts';
import { cancelFreeTimePick, pickFreeTime } from '../state/free-time-pick.ts';
import { DEFAULT_COUNT, useFreeTime, type FreeTimeQuestion } from '../state/free-time-store.ts';
import { useUi } from '../state/ui-store.ts';

const PARTS: PartOfDay[] = ['any', 'morning', 'afternoon'];
const FROM_ID = 'free-time-from';

/** The kept question, if the catalog still has its service and every doctor of it. */
function keptQuestion(question: FreeTimeQuestion | null, model: DayModel): FreeTimeQuestion | null {
  if (question === null) return null;
  if (!model.snapshot.services.some((s) => s.id === question.serviceId)) return null;
  const doctors = new Set(model.resources.map((r) => r.id));
  return question.resourceIds.every((id) => doctors.has(id)) ? question : null;
}

export function FreeTimeDialog({ model }: { model: DayModel }) {
  const t = useTranslate();
  const close = useUi((state) => state.closeDialog);
  const store = useFreeTime();
  const services = model.snapshot.services;
  const resources = model.resources;
  const today = todayIn(model.zone);
  // A question kept from before holds only if this clinic's catalog still has its service and
  // doctors (a clinic switch resets it, free-time-store.ts; the catalog may change too).
  const kept = keptQuestion(store.question, model);
  const [serviceId, setServiceId] = useState(kept?.serviceId ?? services[0]?.id ?? '');
  const [resourceIds, setResourceIds] = useState<string[]>(kept?.resourceIds ?? []);
  const [from, setFrom] = useState<string | null>(kept?.from ?? null);
  const [partOfDay, setPartOfDay] = useState<PartOfDay>(kept?.partOfDay ?? 'any');
  const [count, setCount] = useState(String(kept?.count ?? DEFAULT_COUNT));
  const [active, setActive] = useState(0);
  const [picking, setPicking] = useState<string | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const optionId = useId();
  const statusId = useId();
  const fromDate = from === null || from < today ? today : from;
  const countValue = Math.min(Math.max(Math.round(Number(count)) || DEFAULT_COUNT, 1), FREE_TIME_MAX_COUNT);
  const names = model.resourceNames;
  const serviceName = (id: string | null): string => services.find((s) => s.id === id)?.name ?? id ?? '';

  const question = (): FreeTimeQuestion => ({ serviceId, resourceIds, from: from === null || from <= today ? null : from, partOfDay, count: countValue });

  const search = async (): Promise<void> => {
    if (serviceId === '') return;
    setPickError(null);
    setActive(0);
    await useFreeTime.getState().search(question(), today);
    // The answer is where the keyboard goes next.
    if (useFreeTime.getState().slots.length > 0) listRef.current?.focus();
  };

  const more = async (): Promise<void> => {
    const before = useFreeTime.getState().slots.length;
    await useFreeTime.getState().more(today);
    if (useFreeTime.getState().slots.length > before) {
      setActive(before);
      listRef.current?.focus();
    }
  };

  const pick = async (slot: FreeTimeSlot): Promise<void> => {
    setPicking(slot.start + slot.resourceId);
    setPickError(null);
    const outcome = await pickFreeTime(slot);
    setPicking(null);
    if (outcome === 'gone') {
      // Said with the time and doctor, and the question asked again: the other results may
      // have gone the same way.
      setPickError(t('freeTime.gone', { time: formatTime(Date.parse(slot.start), model.zone, model.locale), resource: names.get(slot.resourceId) ?? slot.resourceId }));
      const state = useFreeTime.getState();
      state.drop(slot);
      if (state.question !== null) {
        await state.search(state.question, today);
        setActive(0);
        if (useFreeTime.getState().slots.length > 0) listRef.current?.focus();
      }
    } else if (outcome === 'timeout') setPickError(t('freeTime.slow'));
  };

  // The panel closed (Esc, the close button, another dialog): a pick under way ends with it.
  useEffect(() => () => cancelFreeTimePick(), []);

  // Keep the question for the next time the panel opens (after a booking, say).
  useEffect(() => {
    if (serviceId !== '') useFreeTime.getState().setQuestion({ serviceId, resourceIds, from: from === null || from <= today ? null : from, partOfDay, count: countValue });
  }, [serviceId, resourceIds, from, partOfDay, countValue, today]);

  // Opened again with an answer kept: asked again (from main's cache, or Leyr for a day that
  // changed since, such as the one just booked), so that a taken time is not offered.
  useEffect(() => {
    const state = useFreeTime.getState();
    if (kept !== null && state.answer !== null) void state.search(kept, today);
    else if (state.answer !== null) state.reset();
    // Once, as the panel opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const slots = store.slots;
  const activeIndex = Math.min(active, Math.max(slots.length - 1, 0));
  useEffect(() => {
    document.getElementById(`${optionId}-${activeIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex, optionId]);

  const onListKey = (event: KeyboardEvent<HTMLUListElement>): void => {
    const last = slots.length - 1;
    let next: number | null = null;
    if (event.key === 'ArrowDown') next = Math.min(activeIndex + 1, last);
    else if (event.key === 'ArrowUp') next = Math.max(activeIndex - 1, 0);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = last;
    else if (event.key === 'PageDown') next = Math.min(activeIndex + 5, last);
    else if (event.key === 'PageUp') next = Math.max(activeIndex - 5, 0);
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const slot = slots[activeIndex];
      if (slot !== undefined && picking === null) void pick(slot);
      return;
    }
    if (next === null) return;
    event.preventDefault();
    setActive(next);
  };

  const answer = store.answer;
  const until = answer === null ? '' : formatDateLong(answer.searchedUntil, model.zone, model.locale);
  const label = (slot: FreeTimeSlot): string =>
    t('freeTime.slot', {
      date: formatDateLong(slot.date, model.zone, model.locale),
      time: formatTimeRange(Date.parse(slot.start), Date.parse(slot.end), model.zone, model.locale),
      resource: names.get(slot.resourceId) ?? t('find.unknownResource'),
    });

  return (
    <Dialog title={t('freeTime.title')} subtitle={t('freeTime.subtitle')} onClose={close} testId="free-time-dialog" className="free-time-dialog">
      <form
        className="free-time-form"
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
        aria-label={t('freeTime.question')}
      >
        <div className="field-row">
          <label className="field">
            <span>{t('freeTime.service')}</span>
            <select value={serviceId} onChange={(event) => setServiceId(event.target.value)} data-testid="free-service" required>
              {services.length === 0 && <option value="">{t('freeTime.noServices')}</option>}
              {services.map((service) => (
                <option key={service.id} value={service.id}>
                  {service.durationMinutes === null ? (service.name ?? service.id) : t('booking.serviceOption', { name: service.name ?? service.id, minutes: service.durationMinutes })}
                </option>
              ))}
            </select>
          </label>
          <div className="field">
            {/* Seen, not read: the field's own label says it. */}
            <span aria-hidden="true">{t('freeTime.from')}</span>
            <DateField id={FROM_ID} date={fromDate} locale={model.locale} onDate={setFrom} label={t('freeTime.from')} keyShortcut={null} />
          </div>
        </div>
        <fieldset className="section free-doctors" data-testid="free-doctors">
          <legend>{t('freeTime.doctors')}</legend>
          <label className="check">
            <input type="checkbox" checked={resourceIds.length === 0} onChange={() => setResourceIds([])} data-testid="free-any-doctor" />
            {t('freeTime.anyDoctor')}
          </label>
          {resources.map((resource) => (
            <label key={resource.id} className="check">
              <input
                type="checkbox"
                checked={resourceIds.includes(resource.id)}
                onChange={(event) => setResourceIds(event.target.checked ? [...resourceIds, resource.id] : resourceIds.filter((id) => id !== resource.id))}
                data-resource={resource.id}
              />
              {resource.name ?? resource.id}
            </label>
          ))}
        </fieldset>
        <div className="field-row">
          <fieldset className="section free-part">
            <legend>{t('freeTime.partOfDay')}</legend>
            {PARTS.map((part) => (
              <label key={part} className="check">
                <input type="radio" name="free-part" value={part} checked={partOfDay === part} onChange={() => setPartOfDay(part)} data-testid={`free-part-${part}`} />
                {t(`freeTime.part.${part}`)}
              </label>
            ))}
          </fieldset>
          <label className="field free-count">
            <span>{t('freeTime.count')}</span>
            <input type="number" min={1} max={FREE_TIME_MAX_COUNT} value={count} onChange={(event) => setCount(event.target.value)} data-testid="free-count" />
          </label>
        </div>
        <div className="inline-actions">
          <button type="submit" className="primary" disabled={store.searching || serviceId === ''} data-testid="free-search">
            {t('freeTime.search')}
          </button>
        </div>
      </form>
      <div id={statusId} className="free-status" role="status" aria-live="polite" data-testid="free-status" data-source={answer?.source}>
        {store.searching && <span>{t('freeTime.searching')}</span>}
        {!store.searching && store.error !== null && <span className="error-text">{errorText(store.error)}</span>}
        {!store.searching && store.error === null && answer !== null && (
          <span>
            {slots.length === 0 ? t('freeTime.none', { until, service: serviceName(kept?.serviceId ?? serviceId) }) : t('freeTime.found', { count: slots.length, until })}
            {answer.source === 'cache' && ` ${t('freeTime.fromCache')}`}
            {answer.source === 'store' && ` ${t('freeTime.fromStore')}`}
          </span>
        )}
        {picking !== null && <span>{t('freeTime.opening')}</span>}
        {pickError !== null && <span className="error-text">{pickError}</span>}
      </div>
      {slots.length > 0 && (
        <>
          <ul
            ref={listRef}
            className="free-results"
            role="listbox"
            tabIndex={0}
            aria-label={t('freeTime.results')}
            aria-describedby={statusId}
            aria-activedescendant={`${optionId}-${activeIndex}`}
            onKeyDown={onListKey}
            data-testid="free-results"
          >
            {slots.map((slot, index) => (
              <li
                key={`${slot.resourceId}-${slot.start}`}
                id={`${optionId}-${index}`}
                role="option"
                aria-selected={index === activeIndex}
                className={index === activeIndex ? 'is-active' : undefined}
                onClick={() => {
                  setActive(index);
                  if (picking === null) void pick(slot);
                }}
                data-start={slot.start}
                data-resource={slot.resourceId}
              >
                {label(slot)}
              </li>
            ))}
          </ul>
          <p className="field-hint">{t('freeTime.pickHint')}</p>
        </>
      )}
      {answer?.more === true && slots.length > 0 && (
        <div className="inline-actions">
          <button type="button" onClick={() => void more()} disabled={store.searching} data-testid="free-more">
            {t('freeTime.more')}
          </button>
        </div>
      )}
    </Dialog>
  );
}
