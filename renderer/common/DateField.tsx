// The date to show, typed in the language's own format or picked from a calendar. A native
// <input type="date"> writes the date in the browser's (the OS's) format, not the one of the
// language chosen in the app: a Swedish desk on an American Windows would read 03/23/2026.
// So the field is text in the locale's layout, and the native control only supplies the
// calendar popup.
import { useId, useRef, useState } from 'react';
import { datePlaceholder, formatDateInput, parseDateInput } from '../i18n/date-input.ts';
import { useTranslate } from '../i18n/translate.ts';

interface Props {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  locale: string;
  onDate(date: string): void;
  /** The field's label; "Date" when not given. */
  label?: string;
  /** The key that jumps to the field: the toolbar's G when not given; null for none. */
  keyShortcut?: string | null;
}

function CalendarIcon() {
  return (
    <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round">
      <rect x="2" y="3" width="12" height="11" rx="1.5" />
      <path d="M2 6.5h12M5.5 1.5v3M10.5 1.5v3" />
    </svg>
  );
}

export function DateField({ id, date, locale, onDate, label, keyShortcut = 'G' }: Props) {
  const t = useTranslate();
  const hintId = useId();
  const picker = useRef<HTMLInputElement>(null);
  // What is typed while the field has focus; null shows the date being viewed.
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const placeholder = datePlaceholder(locale, { year: t('nav.dateLetters.year'), month: t('nav.dateLetters.month'), day: t('nav.dateLetters.day') });
  const shown = draft ?? formatDateInput(date, locale);

  const commit = (text: string, complete = false): boolean => {
    const parsed = parseDateInput(text, locale, complete);
    if (parsed === null) return false;
    if (parsed !== date) onDate(parsed);
    return true;
  };

  return (
    <span className="date-field">
      <label className="visually-hidden" htmlFor={id}>
        {label ?? t('nav.date')}
      </label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        size={10}
        value={shown}
        placeholder={placeholder}
        aria-keyshortcuts={keyShortcut ?? undefined}
        aria-invalid={invalid}
        aria-describedby={invalid ? hintId : undefined}
        onFocus={(event) => {
          setDraft(event.target.value);
          event.target.select();
        }}
        onChange={(event) => {
          setDraft(event.target.value);
          // A whole date opens at once, as a native date field does; a part of one waits.
          if (commit(event.target.value, true)) setInvalid(false);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            setInvalid(!commit(event.currentTarget.value));
          } else if (event.key === 'Escape') {
            event.preventDefault();
            setDraft(formatDateInput(date, locale));
            setInvalid(false);
            event.currentTarget.select();
          }
        }}
        onBlur={() => {
          // Whatever was left half-typed gives way to the day shown.
          setDraft(null);
          setInvalid(false);
        }}
      />
      {invalid && (
        <span id={hintId} className="date-hint" role="alert">
          {t('nav.dateInvalid', { pattern: placeholder })}
        </span>
      )}
      <button
        type="button"
        className="icon-button date-picker-button"
        aria-label={t('nav.calendar')}
        title={t('nav.calendar')}
        onClick={() => {
          try {
            picker.current?.showPicker();
          } catch {
            // No popup here (an old engine, or not from a click): the text field still works.
            document.getElementById(id)?.focus();
          }
        }}
      >
        <CalendarIcon />
      </button>
      <input
        ref={picker}
        type="date"
        className="date-picker-native"
        tabIndex={-1}
        aria-hidden="true"
        value={date}
        onChange={(event) => {
          if (/^\d{4}-\d{2}-\d{2}$/.test(event.target.value) && event.target.value !== date) onDate(event.target.value);
        }}
      />
    </span>
  );
}
