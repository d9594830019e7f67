import { useEffect } from 'react';
import { DayView } from '../day/DayView.tsx';

// The first day is asked for as the page starts, before the app's own first round trip.
export { openFirstDay } from '../day/DayView.tsx';
import { AppHeader } from './AppHeader.tsx';
import '../i18n/i18n.ts';
import { DialogHost } from './DialogHost.tsx';
import { SalvageDialog, SalvageNotice } from './SalvageReview.tsx';
import { useAppStore } from './app-store.ts';
import { startMenuCommands } from './menu-commands.ts';
import { UpdateBanner } from '../updates/UpdateBanner.tsx';

export function App() {
  const load = useAppStore((state) => state.load);
  const info = useAppStore((state) => state.info);
  useEffect(() => {
    void load();
    startMenuCommands();
  }, [load]);
  return (
    <div className="app">
      <AppHeader />
      {/* The day view needs main; until main has answered there is nothing to show. */}
      {info !== null && (
        <>
          <UpdateBanner />
          <SalvageNotice />
          <DayView />
          <DialogHost />
          <SalvageDialog />
        </>
      )}
    </div>
  );
}
