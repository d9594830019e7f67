// Property: whatever sequence of creates, moves, bulk moves, continuous reschedules and
// cancels the client sends (valid or not), after every step
//   1. no two active appointments of a resource overlap,
//   2. every active appointment sits on a valid slot of the seed's schedules,
//   3. a refused request changed nothing,
//   4. an accepted request's answer is what the sandbox now holds.
// Runs against the local sandbox (small clinic), with a reset between runs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { Appointment, HealthcareService, Resource, Timeslot } from '../../main/leyr/api.ts';
import { LeyrError } from '../../main/leyr/errors.ts';
import { SlotOracle } from './slot-oracle.ts';
import { ms, plusMinutes } from './support.ts';
import { contractTargets, needsControls, type SandboxControls, type SandboxState, type TargetSession } from './targets.ts';

type Op =
  | { kind: 'create'; free: boolean; pick: number; shift: number; withService: boolean }
  | { kind: 'move'; free: boolean; pick: number; mode: 'time' | 'resource' | 'both'; target: number; shift: number }
  | { kind: 'bulkMove'; free: boolean; picks: number[]; resource: number }
  | { kind: 'reschedule'; free: boolean; pick: number; stranger: number | null; startAt: number; count: number }
  | { kind: 'cancel'; picks: number[]; unknown: boolean; comment: string };

const shift = fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(5, 15, -15, 60) });
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), free: fc.boolean(), pick: fc.nat(), shift, withService: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('move' as const), free: fc.boolean(), pick: fc.nat(), mode: fc.constantFrom('time' as const, 'resource' as const, 'both' as const), target: fc.nat(), shift }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('bulkMove' as const), free: fc.boolean(), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), resource: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reschedule' as const),
      free: fc.boolean(),
      pick: fc.nat(),
      // Now and then an appointment of another patient or resource joins the ids: refused.
      stranger: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
      startAt: fc.nat(),
      count: fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.integer({ min: 2, max: 3 }) }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('cancel' as const),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      unknown: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      comment: fc.constantFrom('Sjuk', 'Flyttad', ''),
    }),
  },
);

const RESOURCES_IN_PLAY = 3;
const isActive = (appointment: Appointment): boolean =>
  (appointment.status === 'booked' || appointment.status === 'awaiting_confirmation') && !('cancellation_of' in appointment && appointment.cancellation_of);
const at = <T>(items: readonly T[], index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);
const canonical = (state: SandboxState): SandboxState => ({
  appointments: [...state.appointments].sort((a, b) => a.id.localeCompare(b.id)),
  patients: [...state.patients].sort((a, b) => a.id.localeCompare(b.id)),
});

function checkInvariants(state: SandboxState, oracle: SlotOracle, step: string): void {
  const byResource = new Map<string, Appointment[]>();
  for (const appointment of state.appointments.filter(isActive)) {
    const reason = oracle.invalidity(appointment);
    assert.equal(reason, null, `${step}: active ${appointment.id} (${appointment.resource_id} ${appointment.start}–${appointment.end}) is not on a valid slot: ${reason}`);
    const list = byResource.get(appointment.resource_id ?? '') ?? [];
    list.push(appointment);
    byResource.set(appointment.resource_id ?? '', list);
  }
  for (const [resourceId, list] of byResource) {
    list.sort((a, b) => ms(a.start) - ms(b.start));
    for (let index = 1; index < list.length; index += 1) {
      const previous = list[index - 1] as Appointment;
      const current = list[index] as Appointment;
      assert.ok(ms(current.start) >= ms(previous.end), `${step}: ${previous.id} and ${current.id} overlap on ${resourceId} (${previous.start}–${previous.end}, ${current.start}–${current.end})`);
    }
  }
}

for (const target of contractTargets()) {
  describe(`bulk operations keep the schedule sound (property) [${target.name}]`, { skip: target.skip ?? false }, () => {
    let session: TargetSession;
    before(async () => {
      session = await target.start();
    });
    after(async () => {
      await session?.close();
    });

    it('the invariant check itself catches an overlap, an off-grid start, a wrong length and a lunch-time booking', async (t) => {
      const controls = needsControls(t, session, 'state and the seed');
      if (!controls) return;
      const oracle = new SlotOracle(controls.seed);
      const state = await controls.state();
      checkInvariants(state, oracle, 'seed');
      const sample = state.appointments.find((appointment) => isActive(appointment) && appointment.healthcare_service_id !== null);
      assert.ok(sample);
      const broken = (change: Partial<Appointment>): SandboxState => ({ ...state, appointments: [...state.appointments, { ...sample, id: 'broken', ...change }] });
      const lunch = DateTime.fromISO(sample.start, { zone: oracle.zone }).set({ hour: 12, minute: 0 });
      const length = (ms(sample.end) - ms(sample.start)) / 60_000;
      assert.throws(() => checkInvariants(broken({}), oracle, 'twin'), /overlap/);
      assert.throws(() => checkInvariants(broken({ start: plusMinutes(sample.start, 5), end: plusMinutes(sample.end, 5) }), oracle, 'off grid'), /grid|overlap/);
      assert.throws(() => checkInvariants(broken({ end: plusMinutes(sample.end, 15) }), oracle, 'too long'), /lasts/);
      assert.throws(() => checkInvariants(broken({ start: lunch.toISO() ?? '', end: lunch.plus({ minutes: length }).toISO() ?? '' }), oracle, 'lunch'), /working period/);
    });

    it('random sequences of creates, moves, bulk moves, reschedules and cancels', { timeout: 120_000 + Number(process.env.PROPERTY_RUNS ?? 0) * 1_000 }, async (t) => {
      const controls = needsControls(t, session, 'state, reset and the seed (to recompute valid slots)');
      if (!controls) return;
      const stats = await runProperty(session, controls);
      t.diagnostic(`runs ${stats.runs}; accepted ${JSON.stringify(stats.accepted)}; refused ${JSON.stringify(stats.refused)}`);
    });
  });
}

interface Stats {
  runs: number;
  accepted: Record<Op['kind'], number>;
  refused: Record<Op['kind'], number>;
}

async function runProperty(session: TargetSession, controls: SandboxControls): Promise<Stats> {
  const api = session.api;
  const oracle = new SlotOracle(controls.seed);
  const resources: Resource[] = (await api.listResources()).slice(0, RESOURCES_IN_PLAY);
  const services: HealthcareService[] = await api.listHealthcareServices();
  const inPlay = new Set(resources.map((resource) => resource.id));
  // One busy day of the seed, in the care unit's zone: the second day of the window.
  const day = DateTime.fromISO(session.window.start, { zone: oracle.zone }).plus({ days: 1 }).startOf('day');
  const range = { start: day.toISO() ?? '', end: day.plus({ days: 1 }).toISO() ?? '' };
  // Candidate starts on the slot grid from 07:00 to 18:00, wrong ones (outside hours, in lunch) included.
  const grid: string[] = [];
  for (let t = day.set({ hour: 7 }); t < day.set({ hour: 18 }); t = t.plus({ minutes: oracle.slotMinutes })) grid.push(t.toISO() ?? '');
  const patients = (await controls.state()).patients;
  const none = (): Record<Op['kind'], number> => ({ create: 0, move: 0, bulkMove: 0, reschedule: 0, cancel: 0 });
  const stats: Stats = { runs: 0, accepted: none(), refused: none() };

  const dayAppointments = (state: SandboxState): Appointment[] =>
    state.appointments
      .filter((appointment) => isActive(appointment) && inPlay.has(appointment.resource_id ?? '') && ms(appointment.start) >= ms(range.start) && ms(appointment.end) <= ms(range.end))
      .sort((a, b) => a.id.localeCompare(b.id));

  async function apply(op: Op, state: SandboxState): Promise<Appointment[] | null> {
    const active = dayAppointments(state);
    const freeSlots = async (filter: { resource_id?: string; healthcare_service_id?: string } = {}): Promise<Timeslot[]> =>
      (await api.listTimeslots({ ...range, ...filter })).filter((slot) => inPlay.has(slot.resource_id)).sort((a, b) => ms(a.start) - ms(b.start) || a.resource_id.localeCompare(b.resource_id));
    switch (op.kind) {
      case 'create': {
        const patient = at(patients, op.pick);
        let slot: { start: string; end: string; resource_id: string; healthcare_service_id: string } | undefined;
        if (op.free) {
          const free = at(await freeSlots(), op.pick);
          if (free?.healthcare_service_id) slot = { ...free, healthcare_service_id: free.healthcare_service_id };
        } else {
          const resource = at(resources, op.pick);
          const service = at(services, op.pick >> 3);
          const start = at(grid, op.pick >> 5);
          if (resource && service && start) slot = { start, end: plusMinutes(start, service.duration_minutes ?? 15), resource_id: resource.id, healthcare_service_id: service.id };
        }
        if (!slot || !patient) return null;
        return api.createAppointment({
          start: plusMinutes(slot.start, op.shift),
          end: plusMinutes(slot.end, op.shift),
          patient_id: patient.id,
          resource_id: slot.resource_id,
          ...(op.withService && { healthcare_service_id: slot.healthcare_service_id }),
        });
      }
      case 'move': {
        const appointment = at(active, op.pick);
        if (!appointment) return null;
        const duration = (ms(appointment.end) - ms(appointment.start)) / 60_000;
        // Either a free slot of the appointment's service (likely accepted) or any grid time and resource.
        const free = op.free ? at(await freeSlots({ healthcare_service_id: appointment.healthcare_service_id ?? '' }), op.target) : undefined;
        const resourceId = free?.resource_id ?? at(resources, op.target)?.id;
        const start = free?.start ?? at(grid, op.target);
        if (!resourceId || !start) return null;
        const moved = { start: plusMinutes(start, op.shift), end: plusMinutes(start, op.shift + duration) };
        const change = op.mode === 'time' ? moved : op.mode === 'resource' ? { resource_id: resourceId } : { ...moved, resource_id: resourceId };
        return [await api.updateAppointment(appointment.id, change)];
      }
      case 'bulkMove': {
        const ids = [...new Set(op.picks.map((pick) => at(active, pick)?.id).filter((id): id is string => id !== undefined))];
        const first = active.find((appointment) => appointment.id === ids[0]);
        if (!first) return null;
        // Either a resource free at the first one's time (likely accepted for one id) or any resource.
        const free = op.free
          ? at((await freeSlots({ healthcare_service_id: first.healthcare_service_id ?? '' })).filter((slot) => ms(slot.start) === ms(first.start) && slot.resource_id !== first.resource_id), op.resource)
          : undefined;
        const resourceId = free?.resource_id ?? at(resources, op.resource)?.id;
        if (!resourceId) return null;
        return api.bulkUpdateAppointments({ ids, resource_id: resourceId });
      }
      case 'reschedule': {
        const appointment = at(active, op.pick);
        if (!appointment) return null;
        const group = active.filter(
          (other) =>
            other.patient_id === appointment.patient_id && other.resource_id === appointment.resource_id && other.healthcare_service_id === appointment.healthcare_service_id,
        );
        const stranger = op.stranger === null ? undefined : at(active, op.stranger);
        const ids = [...new Set([...group.map((other) => other.id), ...(stranger ? [stranger.id] : [])])];
        // Either from a free slot of the group's resource and service (likely accepted for one slot) or any grid time.
        const free = op.free
          ? at(await freeSlots({ resource_id: appointment.resource_id ?? '', healthcare_service_id: appointment.healthcare_service_id ?? '' }), op.startAt)
          : undefined;
        const start = free?.start ?? at(grid, op.startAt);
        if (!start) return null;
        const duration = (ms(appointment.end) - ms(appointment.start)) / 60_000;
        return api.bulkUpdateAppointments({ ids, start, end: plusMinutes(start, duration * op.count) });
      }
      case 'cancel': {
        const ids = [...new Set(op.picks.map((pick) => at(active, pick)?.id).filter((id): id is string => id !== undefined))];
        // An unknown id among them must make the whole cancel refused, nothing cancelled.
        if (op.unknown) ids.push('no-such-appointment');
        if (ids.length === 0) return null;
        if (ids.length === 1) return [await api.cancelAppointment(ids[0] as string, op.comment)];
        return api.cancelAppointments(ids, op.comment);
      }
    }
  }

  const property = fc.asyncProperty(fc.array(opArbitrary, { minLength: 1, maxLength: 12 }), async (ops) => {
    stats.runs += 1;
    await controls.reset();
    let state = await controls.state();
    checkInvariants(state, oracle, 'after reset');
    for (const [index, op] of ops.entries()) {
      const step = `step ${index + 1} ${JSON.stringify(op)}`;
      let answer: Appointment[] | null;
      try {
        answer = await apply(op, state);
      } catch (error) {
        if (!(error instanceof LeyrError) || error.kind !== 'http' || error.status !== 400) throw error;
        stats.refused[op.kind] += 1;
        const after = await controls.state();
        assert.deepEqual(canonical(after), canonical(state), `${step}: refused (${error.errorCodes.join(', ')}) but changed the state`);
        continue;
      }
      if (answer === null) continue;
      stats.accepted[op.kind] += 1;
      state = await controls.state();
      checkInvariants(state, oracle, step);
      for (const answered of answer) {
        const held = state.appointments.find((appointment) => appointment.id === answered.id);
        assert.ok(held, `${step}: answered ${answered.id}, which the sandbox does not hold`);
        assert.deepEqual(
          [held.status, ms(held.start), ms(held.end), held.resource_id],
          [answered.status, ms(answered.start), ms(answered.end), answered.resource_id],
          `${step}: the answer for ${answered.id} differs from the sandbox's state`,
        );
      }
    }
  });

  // PROPERTY_RUNS raises the number of runs for a deeper search (the default keeps the suite quick).
  const numRuns = Number(process.env.PROPERTY_RUNS ?? 30);
  await fc.assert(property, { numRuns, interruptAfterTimeLimit: 90_000 + numRuns * 1_000, markInterruptAsFailure: true });
  // The property means little if an operation was always refused, or never.
  for (const kind of Object.keys(stats.accepted) as Op['kind'][]) {
    assert.ok(stats.accepted[kind] > 0, `no ${kind} was accepted in ${stats.runs} runs`);
  }
  assert.ok(Object.values(stats.refused).reduce((a, b) => a + b) >= 10, `too few refusals: ${JSON.stringify(stats.refused)}`);
  return stats;
}
