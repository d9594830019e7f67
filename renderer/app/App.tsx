import { useEffect } from 'react';
import { DayView } from '../day/DayView.tsx';
import { useViewMode } from '../day/state/view-mode.ts';
import { WeekView } from '../week/WeekView.tsx';

// The first day is asked for as the page starts, before the app's own first round trip.
export { openFirstDay } from '../day/DayView.tsx';
import { AppHeader } from './AppHeader.tsx';
import '../i18n/i18n.ts';
import { DialogHost } from './DialogHost.tsx';
import { SalvageDialog, SalvageNotice } from './SalvageReview.tsx';
import { useAppStore } from './app-store.ts';

export function App() {
  const load = useAppStore((state) => state.load);
  const info = useAppStore((state) => state.info);
  const mode = useViewMode((state) => state.mode);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="app">
      <AppHeader />
      {/* The day view needs main; until main has answered there is nothing to show. */}
      {info !== null && (
        <>
          <SalvageNotice />
          {mode === 'week' ? <WeekView /> : <DayView />}
          <DialogHost />
          <SalvageDialog />
        </>
      )}
    </div>
  );
}
