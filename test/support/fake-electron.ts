// A fake of the few Electron objects the shell touches, recording every option and handler
// so tests can assert they are really set, and fire events at them.
import type {
  BrowserWindowLike,
  BrowserWindowOptionsLike,
  DisplayLike,
  ElectronLike,
  IpcEventLike,
  MessageBoxOptionsLike,
  PreventableEvent,
  PrintToPdfOptionsLike,
  SaveDialogOptionsLike,
  RectangleLike,
  WebContentsLike,
} from '../../main/electron/electron-like.ts';
import type { MenuItemLike } from '../../main/electron/menu.ts';

type Listener = (...args: never[]) => unknown;

export class FakeWebContents implements WebContentsLike {
  readonly listeners = new Map<string, Listener[]>();
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' } | { action: 'allow' }) | null = null;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  destroyed = false;
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Print jobs asked for, and how the next one ends (`cancelled` as when the dialog is closed). */
  readonly printed: { silent: boolean; printBackground: boolean }[] = [];
  printOutcome: { success: boolean; reason: string } = { success: true, reason: '' };
  print(options: { silent: boolean; printBackground: boolean }, callback: (success: boolean, failureReason: string) => void): void {
    this.printed.push(options);
    callback(this.printOutcome.success, this.printOutcome.reason);
  }
  readonly pdfs: PrintToPdfOptionsLike[] = [];
  async printToPDF(options: PrintToPdfOptionsLike): Promise<Uint8Array> {
    this.pdfs.push(options);
    return new TextEncoder().encode('%PDF-1.7 fake');
  }
  crashes = 0;
  /** As Electron does: the renderer dies, and 'render-process-gone' follows. */
  forcefullyCrashRenderer(): void {
    this.crashes += 1;
    this.fire('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
  }
  /** Calls every listener of `event` with `args`. */
  fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
  /** Fires a preventable event and tells whether some listener prevented it. */
  firePreventable(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    const preventable: PreventableEvent = { preventDefault: () => (prevented = true) };
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(preventable, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow implements BrowserWindowLike {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  shown = false;
  focused = false;
  readonly options: BrowserWindowOptionsLike;
  constructor(options: BrowserWindowOptionsLike) {
    this.options = options;
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width, height: options.height };
    FakeBrowserWindow.created.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }
  once(_event: 'ready-to-show', listener: () => void): this {
    queueMicrotask(listener);
    return this;
  }
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  /** Fires `event` at the window's listeners (a preventable one for 'close'); tells whether one prevented it. */
  fire(event: string): boolean {
    let prevented = false;
    const preventable: PreventableEvent = { preventDefault: () => (prevented = true) };
    for (const listener of this.listeners.get(event) ?? []) (listener as (e: PreventableEvent) => unknown)(preventable);
    return prevented;
  }
  /** Where the window is (when not maximised); moved by tests, then 'move' fired. */
  bounds: RectangleLike = { x: 0, y: 0, width: 0, height: 0 };
  maximized = false;
  destroyed = false;
  getNormalBounds(): RectangleLike {
    return { ...this.bounds };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  maximize(): void {
    this.maximized = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
}

export interface FakeElectron extends ElectronLike {
  record: {
    quit: number;
    sandboxEnabled: boolean;
    appListeners: Map<string, Listener[]>;
    privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[];
    protocolHandlers: Map<string, (request: { url: string; method: string }) => Response | Promise<Response>>;
    ipcHandlers: Map<string, (event: IpcEventLike, arg: unknown) => Promise<unknown>>;
    permissionRequestHandler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null;
    permissionCheckHandler: ((webContents: unknown, permission: string) => boolean) | null;
    /** Every native message box shown, and the button index each answers in turn (`answers`; Cancel when they run out). */
    messageBoxes: MessageBoxOptionsLike[];
    exitCodes: number[];
    /** Quits that no 'before-quit' listener held: the app really went. */
    quitDone: number;
    /** The application menu's template, as last set. */
    menu: MenuItemLike[] | null;
    /** Save dialogs shown. */
    saveDialogs: SaveDialogOptionsLike[];
    /** Folders opened in the file manager. */
    openedPaths: string[];
  };
}

export const PRIMARY_DISPLAY: DisplayLike = { id: 1, workArea: { x: 0, y: 25, width: 1920, height: 1055 } };

export interface FakeElectronOptions {
  gotLock?: boolean;
  displays?: DisplayLike[];
  /** The buttons a test's user presses in the message boxes, in turn. */
  answers?: number[];
  userData?: string;
  locale?: string;
  /** An installed (packaged) app, not a development build. */
  packaged?: boolean;
  /** Where the save dialog's user saves (null: they cancel). */
  savePath?: string | null;
}

export function fakeElectron({ gotLock = true, displays = [PRIMARY_DISPLAY], answers = [], userData = '/tmp/frontdesk-fake-user-data', locale = 'en-US', packaged = false, savePath = null }: FakeElectronOptions = {}): FakeElectron {
  FakeBrowserWindow.created = [];
  const record: FakeElectron['record'] = {
    quit: 0,
    sandboxEnabled: false,
    appListeners: new Map(),
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    ipcHandlers: new Map(),
    permissionRequestHandler: null,
    permissionCheckHandler: null,
    messageBoxes: [],
    exitCodes: [],
    quitDone: 0,
    menu: null,
    openedPaths: [],
    saveDialogs: [],
  };
  const pressed = [...answers];
  return {
    record,
    app: {
      requestSingleInstanceLock: () => gotLock,
      // As Electron does: 'before-quit' first, whose listeners may hold the quit.
      quit: () => {
        record.quit += 1;
        let held = false;
        for (const listener of record.appListeners.get('before-quit') ?? []) (listener as (e: PreventableEvent) => unknown)({ preventDefault: () => (held = true) });
        if (!held) record.quitDone += 1;
      },
      exit: (code = 0) => {
        record.quit += 1;
        record.exitCodes.push(code);
      },
      whenReady: async () => undefined,
      enableSandbox: () => {
        record.sandboxEnabled = true;
      },
      getVersion: () => '9.9.9',
      getPath: (name: 'userData' | 'logs' | 'documents') => (name === 'userData' ? userData : `${userData}/${name}`),
      getLocale: () => locale,
      isPackaged: packaged,
      on(event: string, listener: Listener) {
        record.appListeners.set(event, [...(record.appListeners.get(event) ?? []), listener]);
        return this;
      },
    } as ElectronLike['app'],
    BrowserWindow: FakeBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes) => {
        record.privilegedSchemes.push(...schemes);
      },
      handle: (scheme, handler) => {
        record.protocolHandlers.set(scheme, handler);
      },
    },
    ipcMain: {
      handle: (channel, listener) => {
        record.ipcHandlers.set(channel, listener);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler) => {
          record.permissionRequestHandler = handler;
        },
        setPermissionCheckHandler: (handler) => {
          record.permissionCheckHandler = handler;
        },
      },
    },
    screen: {
      getAllDisplays: () => displays,
      getPrimaryDisplay: () => displays[0] ?? PRIMARY_DISPLAY,
    },
    dialog: {
      showMessageBox: async (options) => {
        record.messageBoxes.push(options);
        return { response: pressed.shift() ?? options.cancelId };
      },
      showSaveDialog: async (options) => {
        record.saveDialogs.push(options);
        return savePath === null ? { canceled: true } : { canceled: false, filePath: savePath };
      },
    },
    Menu: {
      buildFromTemplate: (template) => template,
      setApplicationMenu: (menu) => {
        record.menu = menu as MenuItemLike[];
      },
    },
    shell: {
      openPath: async (path) => {
        record.openedPaths.push(path);
        return '';
      },
    },
  };
}
