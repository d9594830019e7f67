// What every window and web contents of the app is refused: one sandboxed, context-isolated
// window without Node; no navigation, redirects, new windows, <webview>s or permissions.
import type { Logger } from '../log/logger.ts';
import type { BrowserWindowOptionsLike, PreventableEvent, SessionLike, WebContentsLike } from './electron-like.ts';

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

/** Every permission request and check is refused (the app needs none). */
export function denyPermissions(session: SessionLike, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn({ permission }, 'permission request refused');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}
