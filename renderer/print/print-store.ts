// What the printout shows (the days main answered, and how they were chosen), and printing
// it: the sheet is drawn into its print-only container first, then printed with the
// window's own print in the web host (the browser's dialog, which saves PDFs too), and through
// main in the desktop app (the system's print dialog, or a PDF saved where the receptionist
// chooses: main/electron/print.ts).
import { create } from 'zustand';
import type { PrintDays } from '../../preload/contract/index.ts';

export interface PrintSheet {
  data: PrintDays;
  /** One resource's days (a week), or one day of several resources. */
  mode: 'day' | 'week';
  /** When the sheet was made (the paper says so). */
  madeAt: number;
  /** Printed on paper, or (the desktop app) saved as a PDF. */
  output: 'print' | 'pdf';
}

interface PrintState {
  sheet: PrintSheet | null;
  /** Bumped for each print asked for: the sheet prints once it is drawn. */
  request: number;
  show(sheet: PrintSheet): void;
}

export const usePrint = create<PrintState>((set) => ({
  sheet: null,
  request: 0,
  show: (sheet) => set((state) => ({ sheet, request: state.request + 1 })),
}));
