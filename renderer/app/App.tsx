import { useEffect } from 'react';
import { DayView } from '../day/DayView.tsx';
import { useViewMode } from '../day/state/view-mode.ts';
import { WeekView, enterWeek } from '../week/WeekView.tsx';
import { usePreparedWeek } from '../week/prepare-week.ts';

// The first day is asked for as the page starts, before the app's own first round trip.
export { openFirstDay } from '../day/DayView.tsx';
import { AppHeader } from './AppHeader.tsx';
import '../i18n/i18n.ts';
import { DialogHost } from './DialogHost.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { announceRecovery } from './recovery-notice.ts';
import { FaultPoint, installTestFaults } from './test-faults.tsx';
import { guardUnsentChanges } from './unsent-guard.ts';
import { SalvageDialog, SalvageNotice } from './SalvageReview.tsx';
import { useAppStore } from './app-store.ts';
import { startMenuCommands } from './menu-commands.ts';
import { UpdateBanner } from '../updates/UpdateBanner.tsx';
import { PrintSheet } from '../print/PrintSheet.tsx';

export function App() {
  const load = useAppStore((state) => state.load);
  const info = useAppStore((state) => state.info);
  const mode = useViewMode((state) => state.mode);
  useEffect(() => {
    void load();
    startMenuCommands();
    installTestFaults();
  }, [load]);
  const ready = info !== null;
  const web = info?.mode === 'web';
  // Said once main has answered (the page's language is known by then).
  useEffect(() => {
    if (ready) announceRecovery();
  }, [ready]);
  useEffect(() => (web ? guardUnsentChanges() : undefined), [web]);
  usePreparedWeek();
  return (
    <div className="app">
      <AppHeader />
      {/* The day view needs main; until main has answered there is nothing to show. */}
      {info !== null && (
        <ErrorBoundary>
          <UpdateBanner />
          <SalvageNotice />
          {mode === 'week' ? <WeekView /> : <DayView onWeek={enterWeek} />}
          <DialogHost />
          <SalvageDialog />
          <FaultPoint />
          <PrintSheet desktop={info.mode === 'electron'} />
        </ErrorBoundary>
      )}
    </div>
  );
}
