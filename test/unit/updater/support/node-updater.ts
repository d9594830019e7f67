// electron-updater's real Windows updater (NsisUpdater: checks, downloads, sha512 and
// signature verification, cache handling), running on Node instead of Electron. Only the two
// Electron objects it reaches for are replaced: the app (by an AppAdapter over temp folders)
// and the `net` module (by Node's http). Installing is never run: quitAndInstall is a spy.
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { NsisUpdater } from 'electron-updater';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import path from 'node:path';

class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return request(options, callback);
  }

  // electron-updater's Electron executor has this method; builder-util-runtime's base lacks it.
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        { destination, options, onCancel, callback: (error) => (error == null ? resolve(destination) : reject(error)), responseHandler: null },
        0,
      );
    });
  }
}

export interface NodeUpdaterSetup {
  updater: NsisUpdater;
  /** Handlers electron-updater registered to install at quit (only after a verified download). */
  quitHandlers: ((exitCode: number) => void)[];
  installs: unknown[][];
  cacheDir: string;
}

export function createNodeNsisUpdater(options: {
  version: string;
  root: string;
  userData: string;
  feedUrl: string;
  publisherName?: string;
}): NodeUpdaterSetup {
  const cache = path.join(options.root, 'cache');
  mkdirSync(cache, { recursive: true });
  const appUpdateConfigPath = path.join(options.root, 'app-update.yml');
  writeFileSync(
    appUpdateConfigPath,
    [
      'provider: generic',
      `url: ${options.feedUrl}`,
      'updaterCacheDirName: frontdesk-updater',
      ...(options.publisherName === undefined ? [] : ['publisherName:', `  - ${options.publisherName}`]),
      '',
    ].join('\n'),
  );
  const quitHandlers: NodeUpdaterSetup['quitHandlers'] = [];
  const app = {
    version: options.version,
    name: 'Frontdesk',
    isPackaged: true,
    appUpdateConfigPath,
    userDataPath: options.userData,
    baseCachePath: cache,
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: (handler: (exitCode: number) => void) => {
      quitHandlers.push(handler);
    },
  };
  const updater = new NsisUpdater(null, app);
  // The transport and platform, as electron-updater's own tests set them.
  Object.assign(updater, { httpExecutor: new NodeHttpExecutor(), _testOnlyOptions: { platform: 'win32', isUseDifferentialDownload: false } });
  updater.logger = null;
  const installs: unknown[][] = [];
  updater.quitAndInstall = (...args: unknown[]) => {
    installs.push(args);
  };
  return { updater, quitHandlers, installs, cacheDir: path.join(cache, 'frontdesk-updater') };
}
