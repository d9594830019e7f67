// The one contract between renderer and main: every call (name, argument schema, result
// type) and every event main pushes. Main implements it, the preload and the web bridge
// expose it, the renderer consumes it; the compiler keeps the three in step.
//
// Arguments carry a zod schema because the renderer is untrusted: main validates every
// argument before a service sees it. Results and event payloads are declared as types only
// (main is the trusted side), through the phantom helpers below.
import { z } from 'zod';

// ---------------------------------------------------------------------------------------
// Results: nothing throws across the bridge.

export const ERROR_CODES = [
  /** The argument failed the call's schema. */
  'INVALID_ARGUMENT',
  /** The call came from a frame or origin that is not our app. */
  'FORBIDDEN_SENDER',
  /** No such call in the contract. */
  'UNKNOWN_CALL',
  /** Leyr refused or failed; `leyr` carries its code, error codes and instance. */
  'LEYR_ERROR',
  /** Leyr could not be reached (offline, timeout, connection dropped). */
  'NETWORK',
  /** The thing asked for does not exist locally. */
  'NOT_FOUND',
  /** The keychain is missing, locked or refused the value. */
  'KEYCHAIN',
  /** A value the user gave is not acceptable (too long, empty, …). */
  'REJECTED',
  /** A bug in main; the log has the details. */
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What Leyr said about a failed call, for showing and quoting to support. */
export interface LeyrErrorInfo {
  /** Top-level code: BAD_REQUEST, UNAUTHORIZED, EMR_ERROR, UNKNOWN_ERROR, … */
  code: string | null;
  /** HTTP status, or null for a transport failure. */
  status: number | null;
  /** `errors[].error_code`, e.g. NO_TIMESLOTS_AVAILABLE. */
  errorCodes: string[];
  /** Leyr's id of the failed call, to quote to support. */
  instance: string | null;
  detail: string | null;
}

export interface AppError {
  code: ErrorCode;
  message: string;
  leyr?: LeyrErrorInfo;
  /** Where an argument failed its schema: path and reason per issue. */
  issues?: { path: string; message: string }[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
});

// ---------------------------------------------------------------------------------------
// Declaration helpers.

declare const resultBrand: unique symbol;
/** Phantom marker for a result or payload type: no runtime cost, full static typing. */
export type Phantom<T> = { readonly [resultBrand]: T };
const phantom = <T>(): Phantom<T> => ({}) as Phantom<T>;

interface CallSpec<A extends z.ZodType, R> {
  arg: A;
  result: Phantom<R>;
}
const call = <R>() => <A extends z.ZodType>(arg: A): CallSpec<A, R> => ({ arg, result: phantom<R>() });

// ---------------------------------------------------------------------------------------
// Shared value types.

export type RunMode = 'electron' | 'web';

export interface AppInfo {
  name: string;
  version: string;
  /** Which transport the renderer is talking through. */
  mode: RunMode;
  platform: NodeJS.Platform;
  /** Versions of the runtime under main (node, and electron where it is Electron). */
  runtime: { node: string; electron: string | null };
  /** True while the app runs against the embedded demo clinic. */
  demo: boolean;
}

// ---------------------------------------------------------------------------------------
// Calls. Keys are method names on `window.frontdesk`.

export const calls = {
  getAppInfo: call<AppInfo>()(z.undefined()),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallArg<K extends CallName> = z.input<Calls[K]['arg']>;
/** The argument after validation (defaults applied), as handlers see it. */
export type CallParsedArg<K extends CallName> = z.output<Calls[K]['arg']>;
export type CallResult<K extends CallName> = Calls[K]['result'] extends Phantom<infer R> ? R : never;
export const CALL_NAMES = Object.keys(calls) as CallName[];

// ---------------------------------------------------------------------------------------
// Events main pushes to the renderer.

export const events = {
  /** A log line meant for the user (not the debug log). */
  notice: phantom<{ level: 'info' | 'warning' | 'error'; message: string }>(),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = Events[K] extends Phantom<infer P> ? P : never;
export const EVENT_NAMES = Object.keys(events) as EventName[];

// ---------------------------------------------------------------------------------------
// The API the renderer sees as `window.frontdesk`.

type CallMethod<K extends CallName> = undefined extends CallArg<K>
  ? (arg?: CallArg<K>) => Promise<Result<CallResult<K>>>
  : (arg: CallArg<K>) => Promise<Result<CallResult<K>>>;

export type FrontdeskApi = { [K in CallName]: CallMethod<K> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

// ---------------------------------------------------------------------------------------
// Wire names, shared by the Electron IPC and the WebSocket transports.

export const ipcChannel = (name: CallName): string => `frontdesk:call:${name}`;
export const EVENT_CHANNEL = 'frontdesk:event';

/** WebSocket frames of the web host. */
export type WireRequest = { id: number; call: string; arg?: unknown };
export type WireMessage =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; event: EventName; payload: unknown };
