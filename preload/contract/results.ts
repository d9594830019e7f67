// Results: nothing throws across the bridge. Every call answers a Result; a failure is a
// value with a code from the one table below, and what Leyr said when Leyr said it.

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
  /**
   * The change was made on a screen that no longer showed the appointments as they are
   * (another desk, or a refresh, changed them since): nothing was queued. `changed` says how.
   */
  'CONFLICT',
  /** The computer's disk is full: the change was not kept (the store refused the write). */
  'DISK_FULL',
  /** A bug in main; the log has the details. */
  'INTERNAL',
  /**
   * Main is busy with many calls from this window (main/ipc/call-limiter.ts): nothing was
   * done. A read may be asked again in a moment; a change was not made.
   */
  'BUSY',
  /**
   * The window is not connected to main (the web host restarted or went away): nothing was
   * sent, or the connection dropped before main answered.
   */
  'DISCONNECTED',
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
  /** CONFLICT: each appointment that differs, as the screen showed it and as it is now (null: gone). */
  changed?: ChangedSinceSeen[];
  /** A refusal about some appointments: which, and why, for the renderer to say with their names and times (never ids). */
  subject?: RefusalSubject;
}

/**
 * What a refusal about appointments is: they are not on this computer (`not-found`), their
 * status lets no change (`cannot-change`), or they lie too many days apart to handle at once
 * (`too-far-apart`: the earliest and the latest).
 */
export interface RefusalSubject {
  problem: 'not-found' | 'cannot-change' | 'too-far-apart';
  appointmentIds: string[];
}

/** An appointment's time, column and status. */
export interface AppointmentPlace {
  start: string;
  end: string;
  resourceId: string | null;
  status: string;
}

export interface ChangedSinceSeen {
  id: string;
  seen: AppointmentPlace;
  now: AppointmentPlace | null;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
});
