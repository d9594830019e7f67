// The Electron shell: the app's lifecycle, its one window, and the IPC wiring. It is kept
// thin: it takes the few Electron objects it touches as a parameter (electron-like.ts, so a
// test can hand it fakes and check every option and handler); the protocol and the
// hardening are modules of their own (app-protocol.ts, hardening.ts).
import path from 'node:path';
import { CALL_NAMES, EVENT_CHANNEL, ipcChannel, type EventName } from '../../preload/contract/index.ts';
import type { HostedServices } from '../ipc/hosted.ts';
import { createCallLimiter } from '../ipc/call-limiter.ts';
import { createRouter, type SenderInfo } from '../ipc/router.ts';
import { DisposableStore, toDisposable } from '../lifecycle/disposable.ts';
import type { Logger } from '../log/logger.ts';
import { APP_URL, isAppUrl, registerAppScheme, serveAppProtocol } from './app-protocol.ts';
import type { BrowserWindowLike, ElectronLike, IpcEventLike } from './electron-like.ts';
import { denyPermissions, hardenWebContents, windowOptions } from './hardening.ts';
import { careForWindow, placedWindow, quitGuardFor, type CaredServices } from './window-care.ts';
import { WINDOW_STATE_FILE } from './window-state.ts';
import { installAppMenu } from './app-menu.ts';
import { printHandlers } from './print.ts';
import type { EventBus } from '../events/bus.ts';

/** What the shell runs: the hosted services, the updater's quit hook, and their closing. */
export interface ShellServices extends HostedServices, CaredServices {
  /** The updater's before-quit hook (decides whether a ready update installs at quit). */
  updates?: { prepareForQuit(): void };
  /** Main's events: the window gets them all, and the menu sends its commands on it. */
  bus: Pick<EventBus, 'emit' | 'subscribe'>;
  close(): Promise<void>;
}

export interface ShellOptions {
  /** Folder of the built renderer (index.html, app.js, app.css). */
  rendererDir: string;
  /** Path of the bundled preload script. */
  preloadPath: string;
  startServices: (paths: { userData: string; version: string }) => Promise<ShellServices>;
  log: Logger;
  /** Where the window's place is kept; window-state.json in the data folder (userData/data) when absent. */
  windowStateFile?: string;
  /** The platform the menu is built for; this process's when absent. */
  platform?: NodeJS.Platform;
}

export interface ShellHandle {
  /** Resolves once the window is loaded; null when another instance already runs. */
  ready: Promise<BrowserWindowLike | null>;
}

export function senderOf(event: IpcEventLike): SenderInfo {
  const frame = event.senderFrame;
  return { url: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null };
}

/** Where the bundles sit relative to the main bundle (dist/main/index.cjs). */
export function bundlePaths(mainDir: string): { rendererDir: string; preloadPath: string } {
  return { rendererDir: path.join(mainDir, '..', 'renderer'), preloadPath: path.join(mainDir, '..', 'preload', 'index.cjs') };
}

/**
 * Every contract call over IPC, through the call limiter (one sender per webContents) and the
 * router (which checks the sending frame).
 */
function handleCalls(electron: ElectronLike, services: HostedServices, log: Logger): void {
  const router = createRouter({ handlers: services.handlers, isTrustedUrl: isAppUrl, log });
  const limiter = createCallLimiter(router);
  for (const name of CALL_NAMES) {
    electron.ipcMain.handle(ipcChannel(name), (event, arg) => limiter.dispatch(event.sender?.id ?? null, name, arg, senderOf(event)));
  }
}

/** The one window: loads app:// (`loaded`), and gets main's events while it lives. */
function openWindow(electron: ElectronLike, services: HostedServices, preloadPath: string, care: Omit<Parameters<typeof careForWindow>[1], 'recovery'>): { window: BrowserWindowLike; loaded: Promise<void> } {
  const { options, placement } = placedWindow(electron, windowOptions(preloadPath), care.stateFile, care.log);
  const window = new electron.BrowserWindow(options);
  if (placement.maximized) window.maximize();
  const owned = new DisposableStore();
  owned.add(careForWindow(window, { ...care, recovery: { appUrl: APP_URL, log: care.log } }));
  owned.add(
    toDisposable(
      services.bus.subscribe((event: EventName, payload) => {
        if (!window.webContents.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event, payload);
      }),
    ),
  );
  window.on('closed', () => owned.dispose());
  window.once('ready-to-show', () => window.show());
  return { window, loaded: window.loadURL(APP_URL) };
}

export function startShell(electron: ElectronLike, options: ShellOptions): ShellHandle {
  const { app } = electron;
  const { log } = options;
  if (!app.requestSingleInstanceLock()) {
    log.info('another instance is running; handing over to it');
    app.quit();
    return { ready: Promise.resolve(null) };
  }
  app.enableSandbox();
  registerAppScheme(electron);

  let mainWindow: BrowserWindowLike | null = null;
  let services: ShellServices | null = null;
  // Closing or quitting with changes unsent asks first; a quit waits for the services to close.
  const guard = quitGuardFor(electron, () => services, log);

  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
  app.on('window-all-closed', () => app.quit());
  // The guard calls the updater's quit hook once the quit is decided, before electron-updater's
  // quit handler (a ready update installs at quit only when no change is left unsent), then
  // closes the services, logging a failure, and quits again.
  app.on('before-quit', (event) => guard.onBeforeQuit(event));

  const ready = (async (): Promise<BrowserWindowLike> => {
    await app.whenReady();
    denyPermissions(electron.session.defaultSession, log);
    serveAppProtocol(electron.protocol, options.rendererDir);
    const started = await options.startServices({ userData: app.getPath('userData'), version: app.getVersion() });
    services = started;
    // Printing goes through the window's webContents here (print.ts), not the browser's print.
    handleCalls(electron, { ...started, handlers: { ...started.handlers, ...printHandlers(electron, () => mainWindow, log) } }, log);
    installAppMenu(electron, { bus: started.bus, language: () => started.language?.() ?? null, platform: options.platform ?? process.platform, log });
    const stateFile = options.windowStateFile ?? path.join(app.getPath('userData'), 'data', WINDOW_STATE_FILE);
    const { window, loaded } = openWindow(electron, started, options.preloadPath, { stateFile, guard, log });
    mainWindow = window;
    window.on('closed', () => {
      mainWindow = null;
    });
    await loaded;
    return window;
  })();
  ready.catch((error: unknown) => {
    log.fatal({ err: error }, 'the shell failed to start');
    app.exit(1);
  });
  return { ready };
}
