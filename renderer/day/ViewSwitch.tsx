// Day ⇄ Week, in both views' toolbars. Each view says what switching away means (the week
// opens the week around the day; the day opens the focused appointment's day); the
// appointment that has focus keeps it across the switch.
import { useTranslate } from '../i18n/translate.ts';
import { useViewMode, type ViewMode } from './state/view-mode.ts';

export function ViewSwitch({ onSwitch }: { onSwitch(mode: ViewMode): void }) {
  const t = useTranslate();
  const mode = useViewMode((state) => state.mode);
  const switching = useViewMode((state) => state.switching);
  return (
    <div className="view-switch" role="group" aria-label={t('week.switchLabel')}>
      {(['day', 'week'] as const).map((option) => (
        <button key={option} type="button" aria-pressed={mode === option} aria-busy={switching === option} data-testid={`view-${option}`} onClick={() => mode !== option && onSwitch(option)}>
          {t(option === 'day' ? 'week.day' : 'week.week')}
        </button>
      ))}
    </div>
  );
}
