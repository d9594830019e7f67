// The series dialog's checks before sending: a range that holds a whole number of the
// series' appointments (as main plans it), else said in the dialog, not refused by main.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appointmentLengthMs, holdsWholeAppointments } from '../../../renderer/day/model/reschedule-range.ts';

const MIN = 60_000;

describe('the series dialog: whole appointments', () => {
  it("takes the service's length when it is known, else the series' own", () => {
    assert.equal(appointmentLengthMs(30, { startMs: 0, endMs: 90 * MIN, count: 2 }), 30 * MIN);
    assert.equal(appointmentLengthMs(null, { startMs: 0, endMs: 90 * MIN, count: 2 }), 45 * MIN);
    assert.equal(appointmentLengthMs(0, { startMs: 0, endMs: 60 * MIN, count: 4 }), 15 * MIN);
  });

  it('accepts a range of whole appointments and refuses one that is not', () => {
    assert.equal(holdsWholeAppointments(0, 60 * MIN, 30 * MIN), true);
    assert.equal(holdsWholeAppointments(15 * MIN, 60 * MIN, 30 * MIN), false);
    assert.equal(holdsWholeAppointments(0, 45 * MIN, 15 * MIN), true);
    assert.equal(holdsWholeAppointments(0, 45 * MIN, 0), false);
  });
});
