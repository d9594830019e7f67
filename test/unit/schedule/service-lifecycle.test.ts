// The schedule service as a host builds it: every timer, interval and subscription it makes
// is released by close(), which waits briefly for the change in flight; a change in flight
// at close still gets its answer (whenStopped), and nothing is sent after it.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { EventBus } from '../../../main/events/bus.ts';
import { silentLogger } from '../../../main/log/logger.ts';
import { createScheduleService, type ScheduleService } from '../../../main/schedule/service.ts';
import { ACCOUNT, at, clinic, DAY, dayAppointments, type Clinic } from './support/clinic.ts';
import { clockFrom } from '../../support/clinic-clock.ts';

const timers = (): number => process.getActiveResourcesInfo().filter((name) => name === 'Timeout' || name === 'Immediate').length;

describe('the schedule service’s life', () => {
  let c: Clinic;
  let bus: EventBus;
  let service: ScheduleService;
  let before: number;
  beforeEach(() => {
    c = clinic();
    bus = new EventBus();
    before = timers();
    service = createScheduleService({ store: c.t.store, api: c.leyr.api, bus, log: silentLogger, account: ACCOUNT, actor: 'desk-1', refreshIntervalMs: 60_000, retry: { baseMs: 5, maxMs: 20 }, careUnitNow: clockFrom(DAY) });
    // The fixture day is in the past, which the service forgets as it starts: it is fetched again.
    c.t.store.days.writeDay(c.t.accountId, DAY, { appointments: dayAppointments(), timeslots: [], fetchedAt: new Date().toISOString(), fetchSeq: 0 });
  });
  afterEach(() => c.dispose());

  it('releases every timer, interval and subscription with close()', async () => {
    service.openDay(DAY);
    service.cancelAppointments({ ids: ['a3'], reason: 'x' });
    await service.whenIdle();
    service.windowFocused();
    assert.ok(timers() > before, 'the service keeps timers while it runs');
    await service.close();
    await service.close();
    assert.equal(timers(), before);
    assert.throws(() => service.moveAppointment({ appointmentId: 'a1', start: at('14:00'), end: at('14:30') }), /shutting down/);
  });

  it('lets the change in flight at close get its answer, and sends nothing after it', async () => {
    const release = c.leyr.hold('updateAppointment');
    service.moveAppointment({ appointmentId: 'a1', start: at('14:00'), end: at('14:30') });
    service.cancelAppointments({ ids: ['a2'], reason: 'x' });
    while (!c.leyr.calls.some((call) => call.method === 'updateAppointment')) await new Promise((resolve) => setTimeout(resolve, 2));
    const closed = service.close();
    setTimeout(release, 20);
    await closed;
    await service.whenStopped();
    assert.deepEqual(service.listChanges().map((change) => change.status), ['pending']);
    assert.ok(!c.leyr.calls.some((call) => call.method === 'cancelAppointment'));
    assert.equal(timers(), before);
  });
});
