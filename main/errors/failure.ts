// The one error idiom of main's services (docs/architecture.md): a service that cannot do
// what it was asked throws a Failure, a typed error that knows how the contract says it.
// Nothing between the service and the transport catches it: only the IPC router (and the
// bridge, for a broken transport) turns what escapes into a Result. Anything else that
// escapes is a bug, logged and answered as INTERNAL.
//
// Why throwing rather than returning Results inside main: a service's happy path stays a
// plain value (openDay returns a snapshot), failures cannot be dropped by forgetting to
// check, and the conversion to the wire's Result happens in one place.
import type { AppError, ErrorCode, RefusalSubject } from '../../preload/contract/results.ts';

export abstract class Failure extends Error {
  /** The failure as the contract carries it to the renderer: a code from the one table, and plain words. */
  abstract toAppError(): AppError;
}

/** A request the app itself turns down before anything is done (unknown id, a value that fails its rule, …). */
export class Refusal extends Failure {
  override name = 'Refusal';
  readonly code: ErrorCode;
  readonly issues: { path: string; message: string }[] | undefined;
  /** The appointments the refusal is about, for the renderer to name in its own words. */
  readonly subject: RefusalSubject | undefined;

  constructor(code: ErrorCode, message: string, issues?: { path: string; message: string }[], subject?: RefusalSubject) {
    super(message);
    this.code = code;
    this.issues = issues;
    this.subject = subject;
  }

  override toAppError(): AppError {
    return { code: this.code, message: this.message, ...(this.issues !== undefined && { issues: this.issues }), ...(this.subject !== undefined && { subject: this.subject }) };
  }
}

export const notFound = (message: string): Refusal => new Refusal('NOT_FOUND', message);
export const rejected = (message: string): Refusal => new Refusal('REJECTED', message);
export const invalidArgument = (path: string, message: string): Refusal =>
  new Refusal('INVALID_ARGUMENT', `Invalid argument: ${path}: ${message}`, [{ path, message }]);

/** The contract's error for anything thrown: a Failure says itself; anything else is a bug. */
export function appErrorOf(error: unknown, where = 'the app'): AppError {
  if (error instanceof Failure) return error.toAppError();
  return { code: 'INTERNAL', message: `Something went wrong in ${where}; the log has the details.` };
}
