// The outbox: every change the receptionist made, in order, until Leyr has accepted or
// refused it, with what it touches (targets) and the local overlay that shows it. Writing
// an entry, its targets and the overlay is one transaction: the change either exists
// everywhere or nowhere. Entries are typed from the row on (entry-reader.ts).
import type { IDisposable } from '../../lifecycle/disposable.ts';
import type { Database } from '../database.ts';
import type { UnreadableReport } from './entry.ts';
import { createEntryReader } from './entry-reader.ts';
import { createHeldChanges, type HeldChanges } from './held.ts';
import { createOverlay } from './overlay.ts';
import { createOutboxReads, type OutboxReads } from './outbox-reads.ts';
import { createOutboxWrites, type OutboxWrites } from './outbox-writes.ts';

export interface OutboxStore extends OutboxReads, OutboxWrites {
  /** Told when a row is first found unreadable (marked, and refused if it was to be sent). */
  onUnreadable(listener: (report: UnreadableReport) => void): IDisposable;
  /** Changes salvaged from a damaged store, held until the receptionist sends or discards them. */
  readonly held: HeldChanges;
}

export function createOutboxStore(database: Database): OutboxStore {
  const overlay = createOverlay(database);
  const reader = createEntryReader(database, overlay);
  return {
    ...createOutboxReads(database, reader),
    ...createOutboxWrites(database, overlay),
    onUnreadable: reader.onUnreadable,
    held: createHeldChanges(database, overlay),
  };
}
