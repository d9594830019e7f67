// The demo clinic's Leyr, as the clinic switcher needs it: a port. The switcher knows nothing
// of what serves the demo clinic; main/app plugs in the embedded Leyr sandbox
// (main/app/demo-sandbox.ts).
import type { LeyrCredentials } from '../leyr/client.ts';

/** Where the demo clinic is served, once started. */
export interface DemoLeyr {
  /** Leyr's base URL, e.g. http://127.0.0.1:PORT/api. */
  apiBaseUrl: string;
  emr: string;
  careUnitId: string;
  credentials: LeyrCredentials;
  /**
   * Tells this demo clinic's cached data from the built-in one's (e.g. the seed file's name);
   * null for the built-in demo clinic.
   */
  variant: string | null;
}

export interface DemoBackend {
  /** Starts the demo clinic's Leyr. The switcher calls it once, when the demo clinic is first used. */
  start(): Promise<DemoLeyr>;
  /** Stops it, if it was started. */
  close(): Promise<void>;
}
