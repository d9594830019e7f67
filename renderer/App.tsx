import { useEffect } from 'react';
import { AppHeader } from './components/AppHeader.tsx';
import { useAppStore } from './state/app-store.ts';

export function App() {
  const load = useAppStore((state) => state.load);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="app">
      <AppHeader />
      <main className="app-main" aria-label="Day view" />
    </div>
  );
}
