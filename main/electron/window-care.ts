// What the shell does for its window beyond opening it, in one place so that shell.ts keeps
// a few call sites: where it opens (window-state.ts), saving where it is left, reloading it
// when its renderer dies or hangs (window-recovery.ts), and asking before it closes with
// changes unsent (quit-guard.ts, with the words of quit-words.ts).
import { DisposableStore, type IDisposable } from '../lifecycle/disposable.ts';
import type { Logger } from '../log/logger.ts';
import type { BrowserWindowLike, BrowserWindowOptionsLike, ElectronLike } from './electron-like.ts';
import { createQuitGuard, type QuitGuard } from './quit-guard.ts';
import { QUIT_ANYWAY, quitLanguage, quitQuestion } from './quit-words.ts';
import { watchRenderer, type RecoveryOptions } from './window-recovery.ts';
import { placeWindow, readWindowState, trackWindowState, type WindowPlacement } from './window-state.ts';

/** What the window's care asks of main's services (none of it before they have started). */
export interface CaredServices {
  /** Changes in the outbox not yet accepted by Leyr. */
  unsentChanges?(): number;
  /** The language setting ('system', 'sv', 'en', 'nb'). */
  language?(): string;
  updates?: { prepareForQuit(): void };
  close(): Promise<void>;
}

/** The window's options placed where it was left (if that display is still there), and whether to maximise it. */
export function placedWindow(electron: Pick<ElectronLike, 'screen'>, base: BrowserWindowOptionsLike, stateFile: string, log: Logger): { options: BrowserWindowOptionsLike; placement: WindowPlacement } {
  const saved = readWindowState(stateFile, log);
  const placement = placeWindow(saved, electron.screen.getAllDisplays(), electron.screen.getPrimaryDisplay());
  const { x, y, width, height } = placement.bounds;
  return { options: { ...base, x, y, width: Math.max(width, base.minWidth), height: Math.max(height, base.minHeight) }, placement };
}

/** The quit guard for the app, asking in a native message box over the window when there is one. */
export function quitGuardFor(electron: Pick<ElectronLike, 'app' | 'dialog'>, services: () => CaredServices | null, log: Logger): QuitGuard {
  return createQuitGuard({
    app: electron.app,
    unsentChanges: () => {
      try {
        return services()?.unsentChanges?.() ?? 0;
      } catch (error) {
        // Not knowing is not a reason to trap the receptionist: the changes stay in the store.
        log.warn({ err: error }, 'unsent changes could not be counted at quit');
        return 0;
      }
    },
    confirmQuit: async (count) => {
      const language = quitLanguage(services()?.language?.() ?? null, electron.app.getLocale());
      const { response } = await electron.dialog.showMessageBox(quitQuestion(count, language));
      return response === QUIT_ANYWAY;
    },
    onQuitDecided: () => services()?.updates?.prepareForQuit(),
    closeServices: () => services()?.close() ?? Promise.resolve(),
    log,
  });
}

/** Saves the window's place, reloads it when its renderer fails, and guards its closing; undone when it is closed. */
export function careForWindow(window: BrowserWindowLike, options: { stateFile: string; guard: QuitGuard; log: Logger; recovery: RecoveryOptions }): IDisposable {
  const owned = new DisposableStore();
  owned.add(trackWindowState(window, { file: options.stateFile, log: options.log }));
  owned.add(watchRenderer(window, options.recovery));
  window.on('close', (event) => options.guard.onWindowClose(event));
  return owned;
}
