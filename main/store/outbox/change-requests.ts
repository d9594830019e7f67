// What the outbox keeps of each change: the request that goes to Leyr, one schema per kind.
// A row is read back with these once, where it leaves SQLite (entry-reader.ts); past that
// point a change is a typed ChangeRequest, never `unknown`. The kinds are the contract's
// (ChangeKind); what each kind does is registered once in main/schedule/changes/registry.ts.
import { z } from 'zod';
import type { ChangeKind } from '../../../preload/contract/schedule.ts';

const id = z.string().min(1);
const instant = z.string().min(1);

export const changeRequestSchemas = {
  move: z.object({ kind: z.literal('move'), appointmentId: id, start: instant.optional(), end: instant.optional(), resourceId: id.optional() }),
  cancel: z.object({ kind: z.literal('cancel'), ids: z.array(id).min(1), reason: z.string() }),
  'move-to-resource': z.object({ kind: z.literal('move-to-resource'), ids: z.array(id).min(1), resourceId: id }),
  reschedule: z.object({ kind: z.literal('reschedule'), ids: z.array(id).min(1), start: instant, end: instant }),
  book: z.object({
    kind: z.literal('book'),
    /** The id the day view shows until Leyr names the appointment. */
    localId: id,
    patientId: id,
    resourceId: id,
    serviceId: id.optional(),
    start: instant,
    end: instant,
    comment: z.string().optional(),
  }),
  confirm: z.object({
    kind: z.literal('confirm'),
    /** The id the code is sent for: the booking, or Leyr's record of a two-step cancel. */
    appointmentId: id,
    /** The appointment of the day view it concerns. */
    shownId: id,
    purpose: z.enum(['booking', 'cancellation']),
    code: z.string(),
  }),
  comment: z.object({
    kind: z.literal('comment'),
    appointmentId: id,
    /** The whole new comment; empty clears it. */
    comment: z.string(),
    /** The comment it replaces, as this computer last knew it (for undo). */
    previous: z.string().nullable(),
  }),
} as const satisfies { [K in ChangeKind]: z.ZodType<{ kind: K }> };

type RequestByKind = { [K in ChangeKind]: z.output<(typeof changeRequestSchemas)[K]> };
/** The request of one kind of change. */
export type ChangeRequestOf<K extends ChangeKind> = RequestByKind[K];
/** Any change request; `kind` tells which. */
export type ChangeRequest = RequestByKind[ChangeKind];

export const CHANGE_KINDS = Object.keys(changeRequestSchemas) as ChangeKind[];
export const isChangeKind = (kind: string): kind is ChangeKind => Object.hasOwn(changeRequestSchemas, kind);

export type ReadRequest = { ok: true; request: ChangeRequest } | { ok: false; problem: string };

/** A stored request read back: its kind column and its JSON must agree with one schema. */
export function readChangeRequest(kind: string, json: string): ReadRequest {
  if (!isChangeKind(kind)) return { ok: false, problem: `unknown kind ${JSON.stringify(kind.slice(0, 40))}` };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'the request is not JSON' };
  }
  const parsed = changeRequestSchemas[kind].safeParse(raw);
  if (!parsed.success) return { ok: false, problem: `the request does not fit its kind (${kind}): ${parsed.error.issues[0]?.message ?? 'bad shape'}` };
  return { ok: true, request: parsed.data };
}
