// A small clinic in a real store for the schedule's unit tests: two doctors, one service,
// a patient, and a day of appointments; the same appointments in a Leyr in memory.
import { silentLogger, type Logger } from '../../../../main/log/logger.ts';
import type { ChangeKind } from '../../../../preload/contract/index.ts';
import type { ChangeArg } from '../../../../main/schedule/changes/change-kind.ts';
import type { PlanContext } from '../../../../main/schedule/changes/planning.ts';
import { planChange } from '../../../../main/schedule/changes/registry.ts';
import { createScheduleContext, type ScheduleContext } from '../../../../main/schedule/common/context.ts';
import type { OutboxEntry } from '../../../../main/store/outbox/entry.ts';
import type { AppointmentRecord } from '../../../../main/store/records.ts';
import { appointment, tempStore, type TempStore } from '../../../support/store-fixtures.ts';
import { fakeLeyr, type FakeLeyr } from './fake-leyr.ts';

export const DAY = '2026-03-23';
export const ACCOUNT = { key: 'test:webdoc:L0_1', emr: 'webdoc', careUnitId: 'L0_1' };

export interface Clinic {
  t: TempStore;
  ctx: ScheduleContext;
  leyr: FakeLeyr;
  planContext(changeId: string): PlanContext;
  /** Plans a change of `kind` and writes it to the outbox, as the change queue does. */
  queue<K extends ChangeKind>(changeId: string, kind: K, arg: ChangeArg<K>): OutboxEntry;
  dispose(): void;
}

export const dayAppointments = (): AppointmentRecord[] => [
  appointment('a1', '09:00'),
  appointment('a2', '09:30'),
  appointment('a3', '11:00', { patientId: 'pat-2', resourceId: 'res-002' }),
];

export function clinic(options: { records?: AppointmentRecord[]; log?: Logger; now?: () => number; careUnitNow?: () => number; emr?: string } = {}): Clinic {
  const records = options.records ?? dayAppointments();
  const t = tempStore();
  t.store.days.replaceCatalog(t.accountId, { resources: [{ id: 'res-001', name: 'Dr. Åsa' }, { id: 'res-002', name: 'Dr. Per' }], services: [{ id: 'svc-30', name: 'Besök', durationMinutes: 30 }] }, new Date().toISOString());
  t.store.days.writeDay(t.accountId, DAY, { appointments: records, timeslots: [], fetchedAt: new Date().toISOString(), fetchSeq: 0 });
  t.store.patients.upsert(t.accountId, [{ id: 'pat-1', emrId: null, firstName: 'Anna', lastName: 'Ek', externalId: '191212121212' }], DAY);
  const account = options.emr === undefined ? ACCOUNT : { ...ACCOUNT, emr: options.emr };
  const ctx = createScheduleContext({ store: t.store, log: options.log ?? silentLogger, account, actor: 'desk-1', ...(options.now !== undefined && { now: options.now }), ...(options.careUnitNow !== undefined && { careUnitNow: options.careUnitNow }) });
  const leyr = fakeLeyr(records);
  const planContext = (changeId: string): PlanContext => ({
    changeId,
    zone: ctx.zone(),
    careUnitId: ctx.careUnitId,
    local: (ids) => t.store.days.localAppointments(t.accountId, ids),
    resource: (id) => t.store.days.resource(t.accountId, id),
    service: (id) => t.store.days.service(t.accountId, id),
    patientKnown: (id) => t.store.patients.get(t.accountId, id) !== null,
    cancellationRequests: () => t.store.days.cancellationRequests(t.accountId),
  });
  return {
    t,
    ctx,
    leyr,
    planContext,
    queue(changeId, kind, arg) {
      const { request, summary, targets } = planChange(kind, planContext(changeId), arg);
      t.store.outbox.enqueue(t.accountId, { changeId, request, summary, actor: 'desk-1', createdAt: ctx.nowIso(), targets });
      const entry = t.store.outbox.byChangeId(changeId);
      if (entry === null || entry.request === null) throw new Error(`${changeId} was not queued`);
      return entry;
    },
    dispose: () => t.dispose(),
  };
}

/** An instant on the fixture day (Stockholm, +01:00). */
export const at = (time: string): string => `${DAY}T${time}:00+01:00`;
