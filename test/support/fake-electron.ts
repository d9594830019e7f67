// A fake of the few Electron objects the shell touches, recording every option and handler
// so tests can assert they are really set, and fire events at them.
import type {
  BrowserWindowLike,
  BrowserWindowOptionsLike,
  ElectronLike,
  IpcEventLike,
  PreventableEvent,
  WebContentsLike,
} from '../../main/electron/electron-like.ts';

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
    FakeBrowserWindow.created.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }
  once(_event: 'ready-to-show', listener: () => void): this {
    queueMicrotask(listener);
    return this;
  }
  on(): this {
    return this;
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
  };
}

export function fakeElectron({ gotLock = true } = {}): FakeElectron {
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
  };
  return {
    record,
    app: {
      requestSingleInstanceLock: () => gotLock,
      quit: () => {
        record.quit += 1;
      },
      exit: () => {
        record.quit += 1;
      },
      whenReady: async () => undefined,
      enableSandbox: () => {
        record.sandboxEnabled = true;
      },
      getVersion: () => '9.9.9',
      getPath: () => '/tmp/frontdesk-fake-user-data',
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
  };
}
