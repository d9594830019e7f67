// Printing in the desktop app, through the window's webContents: the system print dialog for
// what the window shows on paper (its print stylesheet shows only the printout), and the same
// saved as a PDF where the receptionist chooses. The web host answers these calls REJECTED
// (startup-steps.ts); its browser prints by itself.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ok, type Result, type SavedPdf } from '../../preload/contract/index.ts';
import { rejected } from '../errors/failure.ts';
import type { Logger } from '../log/logger.ts';
import type { BrowserWindowLike, ElectronLike } from './electron-like.ts';

export interface PrintHandlers {
  printSheet(): Promise<Result<null>>;
  saveSheetAsPdf(arg: { fileName: string }): Promise<Result<SavedPdf>>;
}

/** A4, the margins of a plain list; backgrounds off (the sheet is black on white). */
const PDF_OPTIONS = { pageSize: 'A4', printBackground: false, margins: { top: 0.5, bottom: 0.5, left: 0.5, right: 0.5 } } as const;

export function printHandlers(electron: Pick<ElectronLike, 'app' | 'dialog'>, window: () => BrowserWindowLike | null, log: Logger): PrintHandlers {
  const shown = (): BrowserWindowLike => {
    const current = window();
    if (current === null || current.webContents.isDestroyed()) throw rejected('The window is not open.');
    return current;
  };
  return {
    async printSheet() {
      const current = shown();
      await new Promise<void>((resolve) => {
        current.webContents.print({ silent: false, printBackground: false }, (success, reason) => {
          // Cancelled is not a failure; anything else goes to the log (never the page's content).
          if (!success && reason !== 'cancelled') log.warn({ reason }, 'printing failed');
          resolve();
        });
      });
      return ok(null);
    },
    async saveSheetAsPdf({ fileName }) {
      const current = shown();
      const answer = await electron.dialog.showSaveDialog({
        defaultPath: path.join(electron.app.getPath('documents'), `${fileName}.pdf`),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      });
      if (answer.canceled || answer.filePath === undefined || answer.filePath === '') return ok({ saved: false });
      const pdf = await current.webContents.printToPDF(PDF_OPTIONS);
      try {
        await writeFile(answer.filePath, pdf);
      } catch (error) {
        // The folder's name may carry the receptionist's name: the log gets the code only.
        log.warn({ code: (error as NodeJS.ErrnoException).code ?? null }, 'the PDF could not be saved');
        throw rejected('The PDF could not be saved there; choose another folder.');
      }
      return ok({ saved: true });
    },
  };
}
