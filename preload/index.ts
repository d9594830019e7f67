// The Electron preload: runs sandboxed, bundled into one CommonJS file. It only maps the
// contract's methods onto IPC channels; it never exposes ipcRenderer or a generic invoke.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridge } from './bridge.ts';
import { EVENT_CHANNEL, ipcChannel } from './contract/channels.ts';
import type { EventName } from './contract/names.ts';
import type { Result } from './contract/results.ts';

const api = createBridge({
  invoke: (name, arg) => ipcRenderer.invoke(ipcChannel(name), arg) as Promise<Result<unknown>>,
  subscribe(listener) {
    const handler = (_event: IpcRendererEvent, name: EventName, payload: unknown): void => listener(name, payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
});

contextBridge.exposeInMainWorld('frontdesk', api);
