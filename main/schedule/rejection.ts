// A change or question the schedule service turns down before it reaches Leyr (unknown
// appointment, nothing to change, a personal number that fails its check, …). It becomes
// the call's typed error; nothing is written.
import type { AppError, ErrorCode } from '../../preload/contract.ts';

export class ScheduleRejection extends Error {
  override name = 'ScheduleRejection';
  readonly code: ErrorCode;
  readonly issues: { path: string; message: string }[] | undefined;

  constructor(code: ErrorCode, message: string, issues?: { path: string; message: string }[]) {
    super(message);
    this.code = code;
    this.issues = issues;
  }

  toAppError(): AppError {
    return { code: this.code, message: this.message, ...(this.issues !== undefined && { issues: this.issues }) };
  }
}

export const notFound = (message: string): ScheduleRejection => new ScheduleRejection('NOT_FOUND', message);
export const rejected = (message: string): ScheduleRejection => new ScheduleRejection('REJECTED', message);
export const invalidArgument = (path: string, message: string): ScheduleRejection =>
  new ScheduleRejection('INVALID_ARGUMENT', `Invalid argument: ${path}: ${message}`, [{ path, message }]);
