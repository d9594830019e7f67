// Leyr's error envelope, and the one exception the sandbox's rules throw to refuse a request.
// Every refusal, whatever its cause, leaves the handler as a LeyrRefusal and reaches the wire
// as the envelope documented in docs/leyr-api.md, with a fresh `instance`.
import { randomUUID } from 'node:crypto';
import type { LeyrBadRequestCode } from '../leyr/api.ts';

/** The 400 `error_code`s Leyr documents. */
export type BadRequestCode = LeyrBadRequestCode;

/**
 * Top-level codes: Leyr's five, plus NOT_FOUND and METHOD_NOT_ALLOWED for requests that name
 * no endpoint at all.
 */
export type TopLevelCode = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'EMR_ERROR' | 'UNKNOWN_ERROR' | 'SERVICE_UNAVAILABLE' | 'NOT_FOUND' | 'METHOD_NOT_ALLOWED';

export interface ErrorItem {
  error_code: string;
  details: string;
  emr_error: string | null;
  path: string | null;
}

export interface ErrorEnvelope {
  code: TopLevelCode;
  status: number;
  title: string;
  detail: string;
  instance: string;
  type: string;
  errors: ErrorItem[];
}

const TITLES: Record<TopLevelCode, string> = {
  BAD_REQUEST: 'Request validation failed',
  UNAUTHORIZED: 'Unauthorized',
  EMR_ERROR: 'EMR error',
  UNKNOWN_ERROR: 'Unknown error',
  SERVICE_UNAVAILABLE: 'Service unavailable',
  NOT_FOUND: 'Not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
};

export function envelope(code: TopLevelCode, status: number, detail: string, errors: ErrorItem[] = []): ErrorEnvelope {
  return {
    code,
    status,
    title: TITLES[code],
    detail,
    instance: randomUUID(),
    type: `https://docs.leyr.io/api/error-handling/${code.toLowerCase()}`,
    errors,
  };
}

/** A refusal by the sandbox's rules; the routes turn it into an envelope. */
export class LeyrRefusal extends Error {
  override name = 'LeyrRefusal';
  readonly code: TopLevelCode;
  readonly status: number;
  readonly errors: ErrorItem[];

  constructor(code: TopLevelCode, status: number, detail: string, errors: ErrorItem[] = []) {
    super(detail);
    this.code = code;
    this.status = status;
    this.errors = errors;
  }

  toEnvelope(): ErrorEnvelope {
    return envelope(this.code, this.status, this.message, this.errors);
  }
}

/** A 400 with one error item: the usual refusal. */
export function badRequest(errorCode: BadRequestCode, details: string, path: string | null = null): LeyrRefusal {
  return new LeyrRefusal('BAD_REQUEST', 400, details, [{ error_code: errorCode, details, emr_error: null, path }]);
}

export function unauthorized(detail: string): LeyrRefusal {
  return new LeyrRefusal('UNAUTHORIZED', 401, detail);
}

export function notFound(detail: string): LeyrRefusal {
  return new LeyrRefusal('NOT_FOUND', 404, detail);
}
