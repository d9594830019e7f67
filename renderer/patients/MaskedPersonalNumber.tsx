// A personal number on screen: masked (19121212-****) unless the receptionist reveals it on
// purpose with the toggle beside it (or the clinic turned masking off in the settings). The
// revealed state lives only in this component, so it is never stored and is masked again
// whenever the field leaves the screen.
import { useState } from 'react';
import { useTranslate } from '../i18n/translate.ts';
import { useMaskPersonalNumbers } from './masking.ts';
import { formatPersonalNumber, maskPersonalNumber } from './personal-number.ts';

function EyeIcon({ open }: { open: boolean }) {
  return (
    <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round">
      <path d="M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8s-2.4 4.5-6.5 4.5S1.5 8 1.5 8z" />
      <circle cx="8" cy="8" r="2" />
      {!open && <path d="M2.5 13.5l11-11" />}
    </svg>
  );
}

export function MaskedPersonalNumber({ value, label }: { value: string; label?: string }) {
  const t = useTranslate();
  const mask = useMaskPersonalNumbers();
  const [revealed, setRevealed] = useState(!mask);
  return (
    <span className="personal-number">
      <span className="personal-number-value" data-testid="personal-number" aria-label={label === undefined ? undefined : `${label}: ${revealed ? formatPersonalNumber(value) : maskPersonalNumber(value)}`}>
        {revealed ? formatPersonalNumber(value) : maskPersonalNumber(value)}
      </span>
      <button type="button" className="reveal-toggle" aria-pressed={revealed} onClick={() => setRevealed((shown) => !shown)} title={revealed ? t('patient.hide') : t('patient.reveal')}>
        <span className="visually-hidden">{t('patient.reveal')}</span>
        <EyeIcon open={revealed} />
      </button>
    </span>
  );
}
