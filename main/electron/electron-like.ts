// The slice of Electron's API the shell uses, structurally, so that a test can hand the shell
// fakes and check every option and handler (test/support/fake-electron.ts).
import type { MenuItemLike } from './menu.ts';

export interface FrameLike {
  url: string;
  parent: FrameLike | null;
}
export interface IpcEventLike {
  senderFrame: FrameLike | null;
  /** The sending webContents: its calls share one allowance (main/ipc/call-limiter.ts). */
  sender?: { id: number };
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
  // — window —
  on(event: 'render-process-gone', listener: (event: unknown, details: RenderProcessGoneLike) => void): unknown;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  forcefullyCrashRenderer(): void;
  // — printing —
  print(options: { silent: boolean; printBackground: boolean }, callback: (success: boolean, failureReason: string) => void): void;
  printToPDF(options: PrintToPdfOptionsLike): Promise<Uint8Array>;
}
export interface RenderProcessGoneLike {
  reason: string;
  exitCode: number;
}
export interface RectangleLike {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface DisplayLike {
  id: number;
  workArea: RectangleLike;
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
  // — window —
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'move' | 'resize' | 'maximize' | 'unmaximize', listener: () => void): unknown;
  getNormalBounds(): RectangleLike;
  isMaximized(): boolean;
  maximize(): void;
  isDestroyed(): boolean;
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
  // — window — (where the window was left: window-state.ts)
  x?: number;
  y?: number;
}
export interface SessionLike {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}
export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void;
  handle(scheme: string, handler: (request: { url: string; method: string }) => Response | Promise<Response>): void;
}
export interface ElectronLike {
  app: {
    requestSingleInstanceLock(): boolean;
    quit(): void;
    exit(code?: number): void;
    whenReady(): Promise<unknown>;
    enableSandbox(): void;
    getVersion(): string;
    getPath(name: 'userData' | 'logs' | 'documents'): string;
    // — menus —
    readonly isPackaged: boolean;
    on(event: 'second-instance' | 'window-all-closed' | 'before-quit', listener: () => void): unknown;
    on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
    on(event: 'activate', listener: () => void): unknown;
    // — window —
    on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
    getLocale(): string;
  };
  BrowserWindow: new (options: BrowserWindowOptionsLike) => BrowserWindowLike;
  protocol: ProtocolLike;
  ipcMain: {
    handle(channel: string, listener: (event: IpcEventLike, arg: unknown) => Promise<unknown>): void;
  };
  session: { defaultSession: SessionLike };
  // — window —
  screen: { getAllDisplays(): DisplayLike[]; getPrimaryDisplay(): DisplayLike };
  dialog: {
    showMessageBox(options: MessageBoxOptionsLike): Promise<{ response: number }>;
    // — printing —
    showSaveDialog(options: SaveDialogOptionsLike): Promise<{ canceled: boolean; filePath?: string }>;
  };
  // — menus —
  Menu: { buildFromTemplate(template: MenuItemLike[]): unknown; setApplicationMenu(menu: unknown): void };
  shell: { openPath(path: string): Promise<string> };
}
// — printing —
export interface PrintToPdfOptionsLike {
  pageSize: 'A4';
  printBackground: boolean;
  margins: { top: number; bottom: number; left: number; right: number };
}
export interface SaveDialogOptionsLike {
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
}
export interface MessageBoxOptionsLike {
  type: 'question' | 'warning';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: boolean;
}
