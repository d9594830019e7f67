// The rebook dialog's arithmetic, pure: which slot each row has chosen, which choices collide
// (one resource cannot take two at once: the later row must choose another), and how the
// confirmed rows are sent: the rows moving at their own times to one resource as ONE bulk
// move (Leyr's bulk update), every other row as a single move with its new time.
import { slotsCollide, type RebookRow, type RebookSlot } from '../../../preload/contract/index.ts';

/** A slot's key in the row's select. */
export const slotKey = (slot: Pick<RebookSlot, 'resourceId' | 'start' | 'end'>): string => `${slot.resourceId}|${slot.start}|${slot.end}`;

/** The slots a row can choose from: its proposal, then its alternatives. */
export function choicesOf(row: RebookRow): RebookSlot[] {
  return row.proposal === null ? [...row.alternatives] : [row.proposal, ...row.alternatives];
}

/** Each row's choice: the key picked, or its proposal. Null when the row has nothing to choose. */
export function chosenSlots(rows: readonly RebookRow[], picked: ReadonlyMap<string, string>): Map<string, RebookSlot | null> {
  const out = new Map<string, RebookSlot | null>();
  for (const row of rows) {
    const choices = choicesOf(row);
    const key = picked.get(row.appointment.id);
    out.set(row.appointment.id, choices.find((slot) => slotKey(slot) === key) ?? choices[0] ?? null);
  }
  return out;
}

/** Rows (included, in order) whose choice collides with an earlier included row's choice. */
export function collidingRows(rows: readonly RebookRow[], chosen: ReadonlyMap<string, RebookSlot | null>, included: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const taken: RebookSlot[] = [];
  for (const row of rows) {
    if (!included.has(row.appointment.id)) continue;
    const slot = chosen.get(row.appointment.id) ?? null;
    if (slot === null) continue;
    if (taken.some((other) => slotsCollide(slot, other))) out.add(row.appointment.id);
    else taken.push(slot);
  }
  return out;
}

export interface BulkSend {
  kind: 'bulk';
  resourceId: string;
  ids: string[];
}
export interface SingleSend {
  kind: 'single';
  id: string;
  slot: RebookSlot;
}
export type RebookSend = BulkSend | SingleSend;

/** What to send for the included rows that have a slot: bulk moves where two or more go to one resource at their own times, single moves for the rest. */
export function sendPlan(rows: readonly RebookRow[], chosen: ReadonlyMap<string, RebookSlot | null>, included: ReadonlySet<string>): RebookSend[] {
  const sameTime = new Map<string, string[]>();
  const singles: SingleSend[] = [];
  for (const row of rows) {
    const { id, start, end } = row.appointment;
    const slot = chosen.get(id) ?? null;
    if (!included.has(id) || slot === null) continue;
    if (Date.parse(slot.start) === Date.parse(start) && Date.parse(slot.end) === Date.parse(end)) {
      sameTime.set(slot.resourceId, [...(sameTime.get(slot.resourceId) ?? []), id]);
    } else singles.push({ kind: 'single', id, slot });
  }
  const out: RebookSend[] = [];
  for (const [resourceId, ids] of sameTime) {
    if (ids.length >= 2) out.push({ kind: 'bulk', resourceId, ids });
    else for (const id of ids) singles.push({ kind: 'single', id, slot: chosen.get(id) as RebookSlot });
  }
  return [...out, ...singles];
}
