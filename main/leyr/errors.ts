// The one error every Leyr call rejects with, and its translation into the contract's
// AppError. Leyr's envelope is read leniently: a proxy in front of Leyr may answer HTML or
// nothing at all, and the receptionist still deserves a clear sentence and a reference.
import type { AppError, LeyrErrorInfo } from '../../preload/contract/index.ts';
import { Failure } from '../errors/failure.ts';
import { scrub } from '../log/logger.ts';
import type { LeyrFailure, LeyrFailureKind } from './api.ts';

export interface LeyrErrorFields {
  kind: LeyrFailureKind;
  message: string;
  code?: string | null;
  errorCodes?: string[];
  status?: number | null;
  instance?: string | null;
  detail?: string | null;
  title?: string | null;
  type?: string | null;
  /** Which client method failed (listResources, createAppointment, …). */
  operation?: string | null;
  cause?: unknown;
}

export class LeyrError extends Failure implements LeyrFailure {
  readonly kind: LeyrFailureKind;
  readonly code: string | null;
  readonly errorCodes: string[];
  readonly status: number | null;
  readonly instance: string | null;
  readonly detail: string | null;
  readonly title: string | null;
  readonly type: string | null;
  readonly operation: string | null;

  constructor(fields: LeyrErrorFields) {
    super(fields.message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = 'LeyrError';
    this.kind = fields.kind;
    this.code = fields.code ?? null;
    this.errorCodes = fields.errorCodes ?? [];
    this.status = fields.status ?? null;
    this.instance = fields.instance ?? null;
    this.detail = fields.detail ?? null;
    this.title = fields.title ?? null;
    this.type = fields.type ?? null;
    this.operation = fields.operation ?? null;
  }

  override toAppError(): AppError {
    return toAppError(this);
  }

  /** What support needs, without the stack: safe to log and to send to the renderer. */
  info(): LeyrErrorInfo {
    return { code: this.code, status: this.status, errorCodes: [...this.errorCodes], instance: this.instance, detail: this.detail };
  }

  /**
   * A refusal from Leyr (any non-2xx answer). The body may be Leyr's envelope, part of it,
   * another JSON shape or not JSON at all; whatever is readable is kept.
   */
  static fromResponse(status: number, bodyText: string, context: { operation?: string; secrets?: Iterable<string> } = {}): LeyrError {
    const envelope = readEnvelope(bodyText);
    const secrets = new Set([...(context.secrets ?? [])].filter((secret) => secret.length > 0));
    const clean = (text: string | null): string | null => (text === null ? null : scrub(text, secrets));
    const detail = clean(envelope.detail);
    const code = envelope.code;
    const errorCodes = envelope.errorCodes;
    const parts = [`${status}${code ? ` ${code}` : ''}`];
    if (errorCodes.length > 0) parts.push(`(${errorCodes.join(', ')})`);
    const what = context.operation ? `Leyr refused ${context.operation}` : 'Leyr refused the request';
    const message = `${what}: ${parts.join(' ')}${detail ? `: ${detail}` : ''}${envelope.instance ? ` [instance ${envelope.instance}]` : ''}`;
    return new LeyrError({
      kind: 'http',
      message,
      code,
      errorCodes,
      status,
      instance: envelope.instance,
      detail,
      title: clean(envelope.title),
      type: envelope.type,
      operation: context.operation ?? null,
    });
  }
}

interface Envelope {
  code: string | null;
  errorCodes: string[];
  instance: string | null;
  detail: string | null;
  title: string | null;
  type: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

function readEnvelope(bodyText: string): Envelope {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    // Not JSON (an HTML error page from a proxy, an empty body): keep a short, single-line excerpt.
    const excerpt = bodyText.replace(/\s+/g, ' ').trim().slice(0, 200);
    return { code: null, errorCodes: [], instance: null, detail: excerpt === '' ? null : excerpt, title: null, type: null };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { code: null, errorCodes: [], instance: null, detail: null, title: null, type: null };
  }
  const record = body as Record<string, unknown>;
  const rawErrors = Array.isArray(record.errors) ? record.errors : record.errors && typeof record.errors === 'object' ? [record.errors] : [];
  const errorCodes = rawErrors
    .map((entry) => (entry && typeof entry === 'object' ? text((entry as Record<string, unknown>).error_code) : text(entry)))
    .filter((code): code is string => code !== null);
  return {
    code: text(record.code),
    errorCodes,
    instance: text(record.instance),
    detail: text(record.detail) ?? text(record.message),
    title: text(record.title),
    type: text(record.type),
  };
}

// ---------------------------------------------------------------------------------------
// Plain words for the receptionist.

const ERROR_CODE_WORDS: Record<string, string> = {
  NO_TIMESLOTS_AVAILABLE: 'That time is not free any more (the slot is taken or outside working hours).',
  AMBIGUOUS_TIMESLOTS: 'More than one appointment type fits that time; choose the appointment type.',
  INVALID_PATIENT_ID: 'The EHR does not know that patient.',
  INVALID_CARE_UNIT_ID: 'The EHR does not know this care unit; check the care unit in the settings.',
  INVALID_HEALTHCARE_SERVICE_ID: 'The EHR does not know that appointment type.',
  INVALID_RESOURCE_ID: 'The EHR does not know that doctor or room.',
  INVALID_APPOINTMENT_ID: 'The EHR does not know that appointment (it may have been removed).',
  INVALID_COMMENT_LENGTH: 'The comment is too long for the EHR.',
  MISSING_REQUIRED_FIELD: 'Something the EHR needs was missing from the request.',
  MAX_ITEMS_EXCEEDED: 'Too many appointments in one go; select fewer and try again.',
  BAD_INPUT: 'The EHR did not accept the request.',
  INVALID_PATIENT_ID_TYPE: 'That kind of patient id is not accepted here.',
  PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED: 'This EHR cannot look patients up by that kind of id.',
  NOT_SUPPORTED: 'This EHR does not support that change.',
};

function leyrSentence(error: LeyrError): string {
  if (error.status === 401 || error.code === 'UNAUTHORIZED') {
    return 'Leyr did not accept the app’s credentials (wrong client id or secret).';
  }
  if (error.status === 403) return 'Leyr refused access to this EHR or care unit for these credentials.';
  if (error.status === 429) return 'Leyr is receiving too many requests; try again in a moment.';
  for (const code of error.errorCodes) {
    const words = ERROR_CODE_WORDS[code];
    if (words) return words;
  }
  if (error.code === 'EMR_ERROR') {
    return error.detail ? `The clinic’s EHR reported an error: ${error.detail}` : 'The clinic’s EHR reported an error.';
  }
  if (error.status !== null && error.status >= 500) return 'Leyr had a problem answering; try again shortly.';
  if (error.status !== null && error.status >= 300 && error.status < 400) {
    return 'Leyr answered with a redirect, which the app does not follow; check the Leyr address in the settings.';
  }
  if (error.status === 404) return 'Leyr does not know that address; check the EHR and care unit in the settings.';
  if (error.detail) return `Leyr refused the request: ${error.detail}`;
  return 'Leyr refused the request.';
}

const withReference = (sentence: string, instance: string | null): string =>
  instance ? `${sentence} Reference for Leyr support: ${instance}.` : sentence;

/** Any error from a Leyr call (or from around it) as the contract's AppError. */
export function toAppError(error: unknown): AppError {
  if (!(error instanceof LeyrError)) {
    return { code: 'INTERNAL', message: 'Something went wrong in the app; the log has the details.' };
  }
  const leyr = error.info();
  if (leyr.detail !== null) leyr.detail = scrub(leyr.detail);
  switch (error.kind) {
    case 'network':
      return { code: 'NETWORK', message: 'Leyr could not be reached: no network connection, or the connection was dropped.', leyr };
    case 'timeout':
      return { code: 'NETWORK', message: 'Leyr did not answer in time.', leyr };
    case 'invalid-request':
      return { code: 'REJECTED', message: error.message, leyr };
    case 'invalid-response':
      return { code: 'LEYR_ERROR', message: withReference('Leyr’s answer could not be understood.', error.instance), leyr };
    case 'http':
      return { code: 'LEYR_ERROR', message: withReference(scrub(leyrSentence(error)), error.instance), leyr };
  }
}
