// Whether a change whose answer was lost took effect, judged from Leyr's state.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { planChange, reconcileChange } from '../../../main/schedule/changes/registry.ts';
import { at, clinic, type Clinic } from './support/clinic.ts';

describe('reconciling a change whose answer was lost', () => {
  let c: Clinic;
  beforeEach(() => {
    c = clinic();
  });
  afterEach(() => c.dispose());

  const verdict = async (kind: 'move' | 'reschedule' | 'book', arg: Parameters<typeof planChange<typeof kind>>[2]) => {
    const planned = planChange(kind, c.planContext('c1'), arg);
    return reconcileChange(c.leyr.api, planned.request, planned.targets, 'Europe/Stockholm');
  };
  const moveLeyr = (id: string, start: string, end: string): void => {
    const found = c.leyr.appointments.get(id);
    assert.ok(found);
    c.leyr.appointments.set(id, { ...found, start, end });
  };

  it('a move: applied when Leyr shows it, not applied when Leyr still shows the base, a conflict otherwise', async () => {
    const arg = { appointmentId: 'a1', start: at('14:00'), end: at('14:30') };
    assert.deepEqual(await verdict('move', arg), { outcome: 'not-applied' });
    moveLeyr('a1', at('14:00'), at('14:30'));
    const applied = await verdict('move', arg);
    assert.equal(applied.outcome, 'applied');
    assert.deepEqual(applied.outcome === 'applied' && applied.remote.map((a) => a.id), ['a1']);
    moveLeyr('a1', at('16:00'), at('16:30'));
    const conflict = await verdict('move', arg);
    assert.equal(conflict.outcome, 'conflict');
    assert.deepEqual(conflict.outcome === 'conflict' && conflict.remote.map((r) => r.start), [at('16:00')]);
  });

  it('a continuous reschedule: applied when the range is tiled, whichever appointment Leyr reused where', async () => {
    const arg = { ids: ['a1', 'a2'], start: at('14:00'), end: at('15:00') };
    assert.deepEqual(await verdict('reschedule', arg), { outcome: 'not-applied' });
    moveLeyr('a1', at('14:30'), at('15:00'));
    moveLeyr('a2', at('14:00'), at('14:30'));
    const applied = await verdict('reschedule', arg);
    assert.equal(applied.outcome, 'applied');
    moveLeyr('a2', at('16:00'), at('16:30'));
    assert.equal((await verdict('reschedule', arg)).outcome, 'conflict');
  });

  it('a booking: applied when the patient holds exactly that slot', async () => {
    const arg = { patientId: 'pat-1', resourceId: 'res-001', serviceId: 'svc-30', start: at('15:00'), end: at('15:30') };
    assert.deepEqual(await verdict('book', arg), { outcome: 'not-applied' });
    await c.leyr.api.createAppointment({ patient_id: 'pat-1', resource_id: 'res-001', healthcare_service_id: 'svc-30', start: '2026-03-23T14:00:00Z', end: '2026-03-23T14:30:00Z' });
    assert.equal((await verdict('book', arg)).outcome, 'applied');
  });
});
