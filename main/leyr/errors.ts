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
  /** The EHR's own message (`errors[].emr_error`) of an EMR_ERROR. */
  emrError?: string | null;
  /** How long Leyr asked to wait, in ms (429, 503, SERVICE_UNAVAILABLE), or for how long the gate holds a request. */
  retryAfterMs?: number | null;
  /** The same as an epoch-milliseconds time. */
  waitUntil?: number | null;
  /** The request was not sent: the client's wait gate was closed. */
  heldByGate?: boolean;
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
  readonly emrError: string | null;
  readonly retryAfterMs: number | null;
  readonly waitUntil: number | null;
  readonly heldByGate: boolean;

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
    this.emrError = fields.emrError ?? null;
    this.retryAfterMs = fields.retryAfterMs ?? null;
    this.waitUntil = fields.waitUntil ?? null;
    this.heldByGate = fields.heldByGate ?? false;
  }

  /** Everything this error was made of, to make a copy with a field changed. */
  fields(): LeyrErrorFields {
    return {
      kind: this.kind,
      message: this.message,
      code: this.code,
      errorCodes: [...this.errorCodes],
      status: this.status,
      instance: this.instance,
      detail: this.detail,
      title: this.title,
      type: this.type,
      operation: this.operation,
      emrError: this.emrError,
      retryAfterMs: this.retryAfterMs,
      waitUntil: this.waitUntil,
      heldByGate: this.heldByGate,
      ...(this.cause !== undefined && { cause: this.cause }),
    };
  }

  /** The same refusal, knowing how long Leyr asked to wait. */
  withWait(wait: { retryAfterMs: number; waitUntil: number }): LeyrError {
    return new LeyrError({ ...this.fields(), ...wait, message: `${this.message} (Leyr asked to wait ${Math.ceil(wait.retryAfterMs)} ms)` });
  }

  /**
   * A request the client did not send because the wait gate is closed until `waitUntil`.
   * It carries the status and code of the answer that closed the gate, and no instance.
   */
  static held(operation: string, reason: { status: number | null; code: string | null }, waitUntil: number, now: number): LeyrError {
    const retryAfterMs = Math.max(0, waitUntil - now);
    return new LeyrError({
      kind: 'http',
      message: `${operation} was not sent: Leyr asked to wait ${retryAfterMs} ms more (after ${reason.status ?? 'an answer'}${reason.code ? ` ${reason.code}` : ''})`,
      status: reason.status,
      code: reason.code,
      operation,
      retryAfterMs,
      waitUntil,
      heldByGate: true,
    });
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
      emrError: clean(envelope.emrError),
    });
  }
}

interface Envelope {
  code: string | null;
  emrError: string | null;
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
    return { code: null, emrError: null, errorCodes: [], instance: null, detail: excerpt === '' ? null : excerpt, title: null, type: null };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { code: null, emrError: null, errorCodes: [], instance: null, detail: null, title: null, type: null };
  }
  const record = body as Record<string, unknown>;
  const rawErrors = Array.isArray(record.errors) ? record.errors : record.errors && typeof record.errors === 'object' ? [record.errors] : [];
  const errorCodes = rawErrors
    .map((entry) => (entry && typeof entry === 'object' ? text((entry as Record<string, unknown>).error_code) : text(entry)))
    .filter((code): code is string => code !== null);
  const emrError =
    rawErrors.map((entry) => (entry && typeof entry === 'object' ? text((entry as Record<string, unknown>).emr_error) : null)).find((message) => message !== null) ?? null;
  return {
    code: text(record.code),
    emrError,
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

/** Text that ends as a sentence (Leyr's and the EHR's details often have no full stop). */
const period = (text: string): string => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** A wait in plain words: "5 seconds", "1 minute", "3 minutes". */
export function waitWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** Leyr's codes that say Leyr, not the request, is the trouble, and that the wait must be honoured. */
const asksToWait = (error: LeyrError): boolean => error.code === 'SERVICE_UNAVAILABLE' || error.status === 429 || error.status === 503;

function waitSentence(error: LeyrError): string {
  const howLong = error.retryAfterMs === null ? '' : ` ${waitWords(error.retryAfterMs)}`;
  if (error.heldByGate) return `Not sent: Leyr asked to wait${howLong ? `${howLong} more` : ''} before the next request.`;
  return `Leyr asked to wait${howLong} before the next request; nothing is sent to it until then.`;
}

/**
 * The sentence for an answer from Leyr (or from whatever answered in its place). Leyr's
 * top-level code decides first, whatever the status (docs/leyr-api.md "Errors"): only
 * UNAUTHORIZED means this app's client id or secret; EMR_ERROR and UNKNOWN_ERROR are failures
 * behind Leyr, even as a 401 (Leyr's own examples are 401s).
 */
function leyrSentence(error: LeyrError): string {
  if (error.heldByGate) return waitSentence(error);
  const waitNote = error.retryAfterMs === null ? '' : ` Leyr asked to wait ${waitWords(error.retryAfterMs)} before the next request.`;
  switch (error.code) {
    case 'UNAUTHORIZED':
      return 'Leyr did not accept the app’s credentials (wrong client id or secret): check the client id and the client secret in the settings.';
    case 'EMR_ERROR': {
      const said = error.detail ?? error.emrError;
      return `${said ? period(`The clinic’s EHR reported an error: ${said}`) : 'The clinic’s EHR reported an error; Leyr passed on no message from it.'}${waitNote}`;
    }
    case 'UNKNOWN_ERROR':
      return `${error.detail ? period(`Leyr failed: ${error.detail}`) : 'Leyr failed.'}${waitNote}`;
    case 'SERVICE_UNAVAILABLE':
      return waitSentence(error);
  }
  for (const code of error.errorCodes) {
    const words = ERROR_CODE_WORDS[code];
    if (words) return words;
  }
  if (asksToWait(error)) return waitSentence(error);
  // What a gateway's text said, when it is short plain text rather than Leyr's envelope or a page.
  const said = error.code === null && error.detail && !error.detail.includes('<') ? ` (it said: ${error.detail})` : '';
  if (error.status === 401 || error.status === 403) {
    if (error.code === null) {
      return `The request was refused (HTTP ${error.status}) without a reason from Leyr, perhaps by a gateway or proxy in front of it${said}.`;
    }
    return period(`Leyr refused the request (HTTP ${error.status}, ${error.code})${error.detail ? `: ${error.detail}` : ''}`);
  }
  if (error.status !== null && error.status >= 500) return waitNote ? `Leyr had a problem answering${said}.${waitNote}` : `Leyr had a problem answering; try again shortly${said}.`;
  if (error.status !== null && error.status >= 300 && error.status < 400) {
    return 'Leyr answered with a redirect, which the app does not follow; check the Leyr address in the settings.';
  }
  if (error.status === 404) return 'Leyr does not know that address; check the EHR and care unit in the settings.';
  if (error.detail) return period(`Leyr refused the request: ${error.detail}`);
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
