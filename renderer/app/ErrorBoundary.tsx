// A fault in a view must not leave the receptionist a blank window: the views are inside
// this boundary, which shows what happened in plain words and offers to reload the window.
// Reloading loses nothing: the day, the outbox and the store are main's, and the page only
// shows them. The header stays outside, so the connection and the language stay in view.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslate } from '../i18n/translate.ts';
import { allowUnload } from './unsent-guard.ts';

function reloadWindow(): void {
  // On purpose: the unsent changes are main's, so the page's leave warning does not apply.
  allowUnload();
  window.location.reload();
}

function BreakageNotice({ error }: { error: Error }) {
  const t = useTranslate();
  return (
    <section className="breakage" role="alert" aria-labelledby="breakage-title" data-testid="breakage">
      <h2 id="breakage-title">{t('breakage.title')}</h2>
      <p>{t('breakage.body')}</p>
      {/* Focused at once: Enter reloads. */}
      <button type="button" className="primary" autoFocus onClick={reloadWindow} data-testid="breakage-reload">
        {t('breakage.reload')}
      </button>
      <details>
        <summary>{t('breakage.details')}</summary>
        <pre>{`${error.name}: ${error.message}`}</pre>
      </details>
    </section>
  );
}

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // For whoever opens the developer tools; main's log never sees page content (patients).
    console.error('Frontdesk: a view failed', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.error === null ? this.props.children : <BreakageNotice error={this.state.error} />;
  }
}
