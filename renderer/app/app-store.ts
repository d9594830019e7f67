// What the renderer knows about the app itself: filled from main's `getAppInfo`.
import { create } from 'zustand';
import type { AppError, AppInfo } from '../../preload/contract/index.ts';
import { frontdesk } from '../common/frontdesk.ts';

interface AppState {
  info: AppInfo | null;
  error: AppError | null;
  load(): Promise<void>;
}

export const useAppStore = create<AppState>((set) => ({
  info: null,
  error: null,
  async load() {
    const result = await frontdesk().getAppInfo();
    if (result.ok) set({ info: result.value, error: null });
    else set({ error: result.error });
  },
}));
