// Randomised sequences of changes under random faults (fast-check): whatever the order of
// latency, 5xx answers, dropped connections and outages, at the end the local store equals
// Leyr's state, every change was either applied or reported, and nothing was applied twice.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ChangeReceipt, ChangeView, DaySnapshot } from '../../preload/contract/index.ts';
import { Refusal } from '../../main/errors/failure.ts';
import { booked, contiguousFree, freeSlotFor, movableToOtherResource } from '../support/day-picks.ts';
import type { SandboxFaults } from '../support/sandbox-control.ts';
import { DAY, loadSeed, sandboxAppointments, SMALL_CLINIC, startHarness, type Harness } from '../support/schedule-harness.ts';

type Action = 'move' | 'move-resource' | 'cancel' | 'cancel-many' | 'book' | 'bulk-resource';

interface Op {
  action: Action;
  pick: number;
  fault: SandboxFaults | null;
  pauseMs: number;
}

const faultArb: fc.Arbitrary<SandboxFaults | null> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  {
    weight: 4,
    arbitrary: fc.record({
      latencyMs: fc.integer({ min: 0, max: 40 }),
      errorRate: fc.double({ min: 0, max: 0.6, noNaN: true }),
      dropRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
      dropPhase: fc.constantFrom<'request' | 'response'>('request', 'response'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ offline: true }) },
);

const opArb: fc.Arbitrary<Op> = fc.record({
  action: fc.constantFrom<Action>('move', 'move-resource', 'cancel', 'cancel-many', 'book', 'bulk-resource'),
  pick: fc.nat(10_000),
  fault: faultArb,
  pauseMs: fc.integer({ min: 0, max: 40 }),
});

const FINAL = new Set(['applied', 'refused', 'conflict']);

function perform(h: Harness, op: Op, day: DaySnapshot, patients: string[]): ChangeReceipt | null {
  const active = booked(day);
  if (active.length === 0) return null;
  const at = (n: number) => active[n % active.length] as (typeof active)[number];
  const appointment = at(op.pick);
  switch (op.action) {
    case 'move': {
      const slot = freeSlotFor(day, appointment);
      return slot === undefined ? null : h.service.moveAppointment({ appointmentId: appointment.id, start: slot.start, end: slot.end });
    }
    case 'move-resource': {
      const pick = movableToOtherResource(day);
      return pick === undefined ? null : h.service.moveAppointment({ appointmentId: pick.appointment.id, resourceId: pick.resourceId });
    }
    case 'cancel':
      return h.service.cancelAppointments({ ids: [appointment.id], reason: 'property test' });
    case 'cancel-many': {
      const ids = [...new Set([at(op.pick).id, at(op.pick + 7).id, at(op.pick + 19).id])];
      return h.service.cancelAppointments({ ids, reason: 'property test, many' });
    }
    case 'book': {
      const run = contiguousFree(day, op.pick % 2 === 0 ? 'svc-15' : 'svc-30', op.pick % 2 === 0 ? 15 : 30, 1);
      const patient = patients[op.pick % patients.length];
      if (run === undefined || patient === undefined) return null;
      return h.service.bookAppointment({ patientId: patient, resourceId: run.resourceId, serviceId: op.pick % 2 === 0 ? 'svc-15' : 'svc-30', start: run.start, end: run.end });
    }
    case 'bulk-resource': {
      // Sometimes fits, sometimes not: Leyr moves all or none.
      const target = day.resources[op.pick % day.resources.length]?.id;
      const ids = [...new Set([at(op.pick).id, at(op.pick + 3).id])].filter((id) => active.find((a) => a.id === id)?.resourceId !== target);
      return target === undefined || ids.length === 0 ? null : h.service.moveAppointmentsToResource({ ids, resourceId: target });
    }
  }
}

describe('schedule service property: random changes under random faults', () => {
  it('ends with the store equal to Leyr, every change applied or reported, nothing applied twice', async () => {
    const seed = await loadSeed(SMALL_CLINIC);
    const seedCount = seed.appointments.length;
    let runs = 0;
    let changesMade = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 10 }), async (ops) => {
        const h = await startHarness({ timeoutMs: 1_000, service: { retry: { baseMs: 10, maxMs: 80 } } });
        try {
          h.service.openDay(DAY);
          await h.service.refreshDay(DAY);
          const patients = (await h.service.searchPatients({ query: 'Anna' })).patients.map((p) => p.id);
          const receipts: ChangeReceipt[] = [];
          for (const op of ops) {
            if (op.fault === null) await h.control.clearFaults();
            else await h.control.setFaults(op.fault);
            try {
              const receipt = perform(h, op, h.service.snapshot(DAY), patients);
              if (receipt !== null) receipts.push(receipt);
            } catch (error) {
              // Turned down locally (e.g. already cancelled): a typed refusal, nothing queued.
              assert.ok(error instanceof Refusal, String(error));
            }
            await new Promise((resolve) => setTimeout(resolve, op.pauseMs));
          }
          await h.control.clearFaults();
          h.service.windowFocused();
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([h.service.whenIdle(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('outbox did not drain')), 30_000)))]);
          clearTimeout(timer);
          runs += 1;
          changesMade += receipts.length;

          // Every change applied or reported, each with its final event.
          const finals = new Map<string, ChangeView>();
          for (const change of h.events.of('change.status')) if (FINAL.has(change.status)) finals.set(change.changeId, change);
          for (const receipt of receipts) assert.ok(finals.has(receipt.changeId), `change ${receipt.changeId} has a final status`);
          assert.ok(!h.service.listChanges().some((c) => c.status === 'pending' || c.status === 'sent'));

          // The store equals Leyr (before any further fetch).
          const local = h.service.snapshot(DAY).appointments;
          assert.ok(local.every((a) => !a.pending));
          const remote = [...(await sandboxAppointments(h.control)).values()].filter((a) => a.start.startsWith(DAY));
          const describe = (a: { id: string; start: string; resourceId?: string | null; resource_id?: string | null; status: string }) =>
            `${a.id}|${Date.parse(a.start)}|${a.resourceId ?? a.resource_id}|${a.status}`;
          assert.deepEqual(local.map(describe).sort(), remote.map((a) => describe(a)).sort());

          // Nothing applied twice: per patient, as many new appointments at Leyr as bookings
          // applied for them (later changes may have moved or cancelled them, never removed).
          const seedIds = new Set(seed.appointments.map((a) => a.id));
          const all = await sandboxAppointments(h.control);
          const created = [...all.values()].filter((a) => !seedIds.has(a.id));
          const bookings = receipts.filter((r) => r.appointments.length === 1 && r.appointments[0]?.id.startsWith('local:'));
          const appliedFor = new Map<string, number>();
          for (const booking of bookings) {
            const patient = booking.appointments[0]?.patientId ?? '';
            if (finals.get(booking.changeId)?.status === 'applied') appliedFor.set(patient, (appliedFor.get(patient) ?? 0) + 1);
          }
          const createdFor = new Map<string, number>();
          for (const a of created) createdFor.set(a.patient_id ?? '', (createdFor.get(a.patient_id ?? '') ?? 0) + 1);
          assert.deepEqual(createdFor, appliedFor);
          assert.equal(all.size, seedCount + created.length);
        } finally {
          await h.close();
        }
      }),
      { numRuns: Number(process.env.FRONTDESK_PROPERTY_RUNS ?? 25), interruptAfterTimeLimit: 90_000 },
    );
    assert.ok(runs >= 10 && changesMade >= 30, `exercised ${runs} runs with ${changesMade} changes`);
  });
});
