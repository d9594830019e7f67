// The salvage calls: what happened to the store at this start, the changes read back from a
// set-aside store (held, main/store/outbox/held.ts), and the receptionist's word on each:
// send (back into the queue of its clinic, which checks Leyr's copy before sending) or
// discard (never sent). Nothing salvaged leaves before that word; the hold is in the file, so
// it outlives a restart.
import type { AppointmentFacts, SalvagedChange, SalvageView, StoreIncident } from '../../preload/contract/index.ts';
import { notFound } from '../errors/failure.ts';
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../log/logger.ts';
import type { HeldEntry } from '../store/outbox/held.ts';
import type { AppointmentRecord } from '../store/records.ts';
import type { LocalStore } from '../store/store.ts';
import type { ClinicSwitcher } from './switcher.ts';

export interface SalvageService {
  view(): SalvageView;
  send(changeIds: readonly string[]): SalvageView;
  discard(changeIds: readonly string[]): SalvageView;
}

export interface SalvageServiceOptions {
  store: LocalStore;
  switcher: ClinicSwitcher;
  bus: EventBus;
  log: Logger;
  /** What happened to the store at this start (main/store/salvage/open-safely.ts). */
  incident: StoreIncident | null;
  /** Who is written in the audit log. */
  actor: string;
  now?: () => Date;
}

const facts = (record: AppointmentRecord | null): AppointmentFacts | null =>
  record === null
    ? null
    : { id: record.id, resourceId: record.resourceId, patientId: record.patientId, serviceId: record.serviceId, start: record.start, end: record.end, status: record.status };

export function createSalvageService(options: SalvageServiceOptions): SalvageService {
  const { store, switcher, bus, log } = options;
  const now = options.now ?? (() => new Date());

  const changeOf = (entry: HeldEntry, clinicKey: string): SalvagedChange => ({
    changeId: entry.changeId,
    kind: entry.request.kind,
    summary: entry.summary,
    createdAt: entry.createdAt,
    appointments: entry.targets.map((target) => ({ id: target.appointmentId, before: facts(target.base), after: facts(target.expected) })),
    heldFrom: entry.heldFrom,
    otherClinic: entry.accountKey !== clinicKey,
  });

  const view = (): SalvageView => {
    const { clinicKey } = switcher.current();
    return { incident: options.incident, changes: store.outbox.held.list().map((entry) => changeOf(entry, clinicKey)) };
  };

  /** Applies `settle` to the held changes named, writes the audit, and tells the window and the clinic's queue. */
  const decide = (changeIds: readonly string[], action: 'salvage.sent' | 'salvage.discarded', settle: (ids: readonly string[], at: string) => HeldEntry[]): SalvageView => {
    const at = now().toISOString();
    const settled = store.transaction(() => {
      const done = settle(changeIds, at);
      for (const entry of done) store.audit.write({ accountId: entry.accountId, at, actor: options.actor, action, changeId: entry.changeId, outcome: null, detail: entry.summary });
      return done;
    });
    if (settled.length === 0) throw notFound('None of these changes waits for review any more.');
    log.info({ action, count: settled.length }, 'salvaged changes decided');
    const { clinicKey, schedule } = switcher.current();
    const here = settled.filter((entry) => entry.accountKey === clinicKey).map((entry) => entry.changeId);
    if (here.length > 0) schedule.heldChangesSettled(here);
    const next = view();
    bus.emit('salvage.changed', next);
    return next;
  };

  return {
    view,
    send: (changeIds) => decide(changeIds, 'salvage.sent', store.outbox.held.release),
    discard: (changeIds) => decide(changeIds, 'salvage.discarded', store.outbox.held.discard),
  };
}
