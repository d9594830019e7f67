// Wire names, shared by the Electron IPC and the WebSocket transports. No schemas: the
// sandboxed preload bundles this.
import type { CallName } from './names.ts';

export const ipcChannel = (name: CallName): string => `frontdesk:call:${name}`;
export const EVENT_CHANNEL = 'frontdesk:event';
