// The renderer's only way to main: `window.frontdesk`, put there by the Electron preload or
// the web host's bridge. Typed by the contract.
import type { FrontdeskApi } from '../../preload/contract/index.ts';

declare global {
  interface Window {
    readonly frontdesk: FrontdeskApi;
  }
}

export const frontdesk = (): FrontdeskApi => window.frontdesk;
