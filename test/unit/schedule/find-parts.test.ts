// The find's listing parts: the window cut into ranges Leyr's 92-day cap takes, midnight to
// midnight in the care unit's zone, meeting without gap or overlap, DST days included.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listingParts, MAX_SPAN_DAYS } from '../../../main/schedule/find/patient-appointments.ts';

describe('find listing parts', () => {
  it('cuts 121 days into parts of at most 91 calendar days that meet exactly', () => {
    const parts = listingParts('2026-02-21', '2026-06-21', 'Europe/Stockholm');
    assert.equal(parts.length, 2);
    assert.equal(parts[0]?.start, '2026-02-21T00:00:00+01:00');
    assert.equal(parts[1]?.end, '2026-06-22T00:00:00+02:00');
    assert.equal(parts[0]?.end, parts[1]?.start);
    for (const part of parts) assert.ok(Date.parse(part.end) - Date.parse(part.start) <= 92 * 24 * 3_600_000, 'within the cap, across the DST change');
    assert.equal(MAX_SPAN_DAYS, 91);
  });

  it('keeps a short window in one part and a single day whole', () => {
    assert.equal(listingParts('2026-03-01', '2026-03-31', 'Europe/Oslo').length, 1);
    assert.deepEqual(listingParts('2026-03-29', '2026-03-29', 'Europe/Stockholm'), [{ start: '2026-03-29T00:00:00+01:00', end: '2026-03-30T00:00:00+02:00' }]);
    assert.equal(listingParts('2026-01-01', '2026-12-31', 'UTC', 30).length, 13);
  });
});
