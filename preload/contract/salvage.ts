// What the window learns when the store kept on this computer could not be used as it was
// (damaged, made by a newer Frontdesk, or held by another program), and the changes read
// back from it that wait for the receptionist's word before anything is sent.
import { z } from 'zod';
import type { AppointmentFacts, ChangeKind } from './schedule.ts';
import { idArg } from './schedule.ts';

/**
 * What happened to the store at this start:
 * - `damaged`: the file could not be read as a database (or failed its check); it was set
 *   aside and a new store started;
 * - `newer`: a newer Frontdesk made the file; it was set aside untouched (never migrated down);
 * - `locked`: another program holds the file; it was not touched, and this run uses a
 *   temporary store that is gone when Frontdesk closes.
 */
export type StoreIncidentKind = 'damaged' | 'newer' | 'locked';

export interface StoreIncident {
  kind: StoreIncidentKind;
  /** The name the old file was given in the data folder (null when nothing was set aside). */
  setAsideAs: string | null;
  /** `newer`: the schema version the file has. */
  version: number | null;
  /** Changes read back and held for review. */
  salvaged: number;
  /** Changes (or rows) that were there but could not be read back. */
  unreadable: number;
  /** This run keeps its data only until Frontdesk closes. */
  temporary: boolean;
  /** When it was found (ISO 8601). */
  at: string;
}

/** A change read back from a set-aside store, held until the receptionist sends or discards it. */
export interface SalvagedChange {
  changeId: string;
  kind: ChangeKind;
  /** Plain words, ids and times only (no patient data). */
  summary: string;
  createdAt: string;
  /** What it changes: each appointment as the change found it and as it should leave it (null: none). */
  appointments: { id: string; before: AppointmentFacts | null; after: AppointmentFacts | null }[];
  /** The set-aside file it was read from. */
  heldFrom: string;
  /** It belongs to a clinic other than the one running now; it is sent when that clinic runs. */
  otherClinic: boolean;
}

export interface SalvageView {
  /** What happened at this start, or null (held changes may remain from an earlier start). */
  incident: StoreIncident | null;
  changes: SalvagedChange[];
}

/** One or more held changes, by id. */
export const salvagedChangesArg = z.strictObject({ changeIds: z.array(idArg).min(1, 'must name a change').max(1_000, 'too many at once') });
