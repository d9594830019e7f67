// What just happened, said once: the notices the Notices strip shows and reads out. Any
// feature may say something here; errors stay until dismissed, the rest fade after a while.
// A notice may offer one action (the Undo after a change).
import { create } from 'zustand';

export interface NoticeAction {
  label: string;
  run(): void;
  /** Notices whose action goes stale together (every Undo but the latest) are taken away together. */
  tag?: string;
}

interface Notice {
  id: number;
  level: 'info' | 'success' | 'error';
  text: string;
  action?: NoticeAction;
}

interface NoticesState {
  notices: Notice[];
  notify(level: Notice['level'], text: string, action?: NoticeAction): void;
  dismissNotice(id: number): void;
  /** Takes away the notices whose action has this tag. */
  dismissTagged(tag: string): void;
}

let nextNotice = 1;
const NOTICE_MS = 8_000;

export const useNotices = create<NoticesState>((set, get) => ({
  notices: [],
  notify(level, text, action) {
    const id = nextNotice++;
    // The same words again (a failure met on every retry) replace the notice rather than stack up.
    const others = get().notices.filter((notice) => notice.level !== level || notice.text !== text || notice.action !== undefined || action !== undefined);
    set({ notices: [...others.slice(-4), { id, level, text, ...(action !== undefined && { action }) }] });
    if (level !== 'error') setTimeout(() => get().dismissNotice(id), NOTICE_MS);
  },
  dismissNotice(id) {
    set({ notices: get().notices.filter((notice) => notice.id !== id) });
  },
  dismissTagged(tag) {
    if (get().notices.some((notice) => notice.action?.tag === tag)) set({ notices: get().notices.filter((notice) => notice.action?.tag !== tag) });
  },
}));
