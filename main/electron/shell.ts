// The Electron shell: windows, the app:// protocol, IPC wiring and hardening. It is kept
// thin: it takes the few Electron objects it touches as a parameter (so a test can hand it
// fakes and check every option and handler) and everything it wires up is a plain module.
import path from 'node:path';
import { EVENT_CHANNEL, ipcChannel, CALL_NAMES, type EventName } from '../../preload/contract/index.ts';
import { contentSecurityPolicy, readStaticFile } from '../app/static-files.ts';
import type { MainServices } from '../app/services.ts';
import { createRouter, type SenderInfo } from '../ipc/router.ts';
import type { Logger } from '../log/logger.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'frontdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** True only for pages of our own app:// origin. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

// ---- The slice of Electron's API the shell uses (structural, so fakes can stand in). ----

export interface FrameLike {
  url: string;
  parent: FrameLike | null;
}
export interface IpcEventLike {
  senderFrame: FrameLike | null;
}
export interface PreventableEvent {
  preventDefault(): void;
}
export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}
export interface BrowserWindowLike {
  webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
}
export interface WebPreferencesLike {
  preload: string;
  contextIsolation: boolean;
  sandbox: boolean;
  nodeIntegration: boolean;
  nodeIntegrationInWorker: boolean;
  nodeIntegrationInSubFrames: boolean;
  webSecurity: boolean;
  allowRunningInsecureContent: boolean;
  webviewTag: boolean;
  experimentalFeatures: boolean;
  spellcheck: boolean;
}
export interface BrowserWindowOptionsLike {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  backgroundColor: string;
  webPreferences: WebPreferencesLike;
}
export interface SessionLike {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}
export interface ElectronLike {
  app: {
    requestSingleInstanceLock(): boolean;
    quit(): void;
    exit(code?: number): void;
    whenReady(): Promise<unknown>;
    enableSandbox(): void;
    getVersion(): string;
    getPath(name: 'userData'): string;
    on(event: 'second-instance' | 'window-all-closed' | 'before-quit', listener: () => void): unknown;
    on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
    on(event: 'activate', listener: () => void): unknown;
  };
  BrowserWindow: new (options: BrowserWindowOptionsLike) => BrowserWindowLike;
  protocol: {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void;
    handle(scheme: string, handler: (request: { url: string; method: string }) => Response | Promise<Response>): void;
  };
  ipcMain: {
    handle(channel: string, listener: (event: IpcEventLike, arg: unknown) => Promise<unknown>): void;
  };
  session: { defaultSession: SessionLike };
}

export interface ShellOptions {
  /** Folder of the built renderer (index.html, app.js, app.css). */
  rendererDir: string;
  /** Path of the bundled preload script. */
  preloadPath: string;
  startServices: (paths: { userData: string; version: string }) => Promise<MainServices>;
  log: Logger;
}

export function windowOptions(preloadPath: string): BrowserWindowOptionsLike {
  return {
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Frontdesk',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  };
}

/** Hardening for every web contents the app ever creates. */
export function hardenWebContents(contents: WebContentsLike, log: Logger): void {
  const refuseNavigation = (event: PreventableEvent, url: string): void => {
    event.preventDefault();
    log.warn({ url: url.slice(0, 200) }, 'navigation refused');
  };
  contents.on('will-navigate', refuseNavigation);
  contents.on('will-redirect', refuseNavigation);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview refused');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ url: url.slice(0, 200) }, 'new window refused');
    return { action: 'deny' };
  });
}

/** Must run before the app is ready: our scheme behaves like https (secure, standard). */
export function registerAppScheme(electron: Pick<ElectronLike, 'protocol'>): void {
  electron.protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false } },
  ]);
}

export interface ShellHandle {
  /** Resolves once the window is loaded; null when another instance already runs. */
  ready: Promise<BrowserWindowLike | null>;
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
  let services: MainServices | null = null;

  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    // Synchronously, before electron-updater's quit handler: a ready update installs at quit
    // only when no change is left unsent.
    services?.updates?.prepareForQuit();
    // Nothing awaits this (the app is quitting): a failure is logged, never left unhandled,
    // which in Electron's main process would be an error dialog on the way out.
    services?.close().catch((error: unknown) => log.error({ err: error }, 'services did not close cleanly'));
  });

  const ready = (async (): Promise<BrowserWindowLike> => {
    await app.whenReady();
    const session = electron.session.defaultSession;
    session.setPermissionRequestHandler((_contents, permission, callback) => {
      log.warn({ permission }, 'permission request refused');
      callback(false);
    });
    session.setPermissionCheckHandler(() => false);

    const csp = contentSecurityPolicy();
    electron.protocol.handle(APP_SCHEME, async (request) => {
      const url = new URL(request.url);
      const file = url.host === APP_HOST && request.method === 'GET' ? await readStaticFile(options.rendererDir, url.pathname) : null;
      if (file === null) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
      return new Response(new Uint8Array(file.body), {
        status: 200,
        headers: { 'content-type': file.contentType, 'content-security-policy': csp, 'x-content-type-options': 'nosniff' },
      });
    });

    services = await options.startServices({ userData: app.getPath('userData'), version: app.getVersion() });
    const router = createRouter({ handlers: services.handlers, isTrustedUrl: isAppUrl, log });
    for (const name of CALL_NAMES) {
      electron.ipcMain.handle(ipcChannel(name), (event, arg) => router.dispatch(name, arg, senderOf(event)));
    }

    const window = new electron.BrowserWindow(windowOptions(options.preloadPath));
    mainWindow = window;
    window.on('closed', () => {
      mainWindow = null;
    });
    const unsubscribe = services.bus.subscribe((event: EventName, payload) => {
      if (!window.webContents.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event, payload);
    });
    window.on('closed', unsubscribe);
    window.once('ready-to-show', () => window.show());
    await window.loadURL(APP_URL);
    return window;
  })();
  ready.catch((error: unknown) => {
    log.fatal({ err: error }, 'the shell failed to start');
    app.exit(1);
  });
  return { ready };
}

export function senderOf(event: IpcEventLike): SenderInfo {
  const frame = event.senderFrame;
  return { url: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null };
}

/** Where the bundles sit relative to the main bundle (dist/main/index.cjs). */
export function bundlePaths(mainDir: string): { rendererDir: string; preloadPath: string } {
  return { rendererDir: path.join(mainDir, '..', 'renderer'), preloadPath: path.join(mainDir, '..', 'preload', 'index.cjs') };
}
