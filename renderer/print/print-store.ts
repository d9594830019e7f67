// What the printout shows (the days main answered, and how they were chosen), and printing
// it: the sheet is drawn into its print-only container first, then the desktop app prints
// the window through main (webContents.print) and the web host through the browser.
import { create } from 'zustand';
import type { PrintDays } from '../../preload/contract/index.ts';
import { frontdesk } from '../common/frontdesk.ts';
import { useNotices } from '../common/notices.ts';
import { useLocale } from '../i18n/i18n.ts';

export interface PrintSheet {
  data: PrintDays;
  /** One resource's days (a week), or one day of several resources. */
  mode: 'day' | 'week';
  /** When the sheet was made (the paper says so). */
  madeAt: number;
}

interface PrintState {
  sheet: PrintSheet | null;
  /** Bumped for each print asked for: the sheet prints (or is saved) once it is drawn. */
  request: number;
  action: 'print' | 'pdf';
  show(sheet: PrintSheet, action: 'print' | 'pdf'): void;
}

export const usePrint = create<PrintState>((set) => ({
  sheet: null,
  request: 0,
  action: 'print',
  show: (sheet, action) => set((state) => ({ sheet, action, request: state.request + 1 })),
}));

/** The sheet is drawn: print it the host's way. */
export async function printDrawnSheet(mode: 'electron' | 'web'): Promise<void> {
  if (mode === 'web') {
    window.print();
    return;
  }
  const result = await frontdesk().printView();
  if (!result.ok) useNotices.getState().notify('error', useLocale.getState().t('commentPrint.failed', { message: result.error.message }));
}

/** Desktop app: the drawn sheet as a PDF where the receptionist chooses. */
export async function saveDrawnSheetAsPdf(suggestedName: string): Promise<void> {
  const { t } = useLocale.getState();
  const result = await frontdesk().saveViewAsPdf({ suggestedName });
  if (!result.ok) useNotices.getState().notify('error', t('commentPrint.failed', { message: result.error.message }));
  else if (result.value !== null) useNotices.getState().notify('success', t('commentPrint.saved', { path: result.value }));
}
