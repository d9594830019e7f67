import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { datePattern, datePlaceholder, formatDateInput, parseDateInput } from '../../../renderer/i18n/date-input.ts';

describe('dates typed in the locale’s own format', () => {
  it('writes a date the way each locale does, whatever the browser’s own format', () => {
    assert.equal(formatDateInput('2026-03-23', 'sv-SE'), '2026-03-23');
    assert.equal(formatDateInput('2026-03-23', 'en-GB'), '23/03/2026');
    assert.equal(formatDateInput('2026-03-23', 'en-US'), '03/23/2026');
    assert.equal(formatDateInput('2026-03-23', 'de-DE'), '23.03.2026');
    assert.deepEqual(datePattern('en-US'), { order: ['month', 'day', 'year'], separator: '/' });
  });

  it('shows a placeholder in the language’s letters', () => {
    assert.equal(datePlaceholder('sv-SE', { year: 'ÅÅÅÅ', month: 'MM', day: 'DD' }), 'ÅÅÅÅ-MM-DD');
    assert.equal(datePlaceholder('en-GB', { year: 'YYYY', month: 'MM', day: 'DD' }), 'DD/MM/YYYY');
  });

  it('reads the locale’s order, any separator, one-digit parts, and ISO 8601 everywhere', () => {
    assert.equal(parseDateInput('23/03/2026', 'en-GB'), '2026-03-23');
    assert.equal(parseDateInput('3/23/2026', 'en-US'), '2026-03-23');
    assert.equal(parseDateInput(' 23.3.2026 ', 'en-GB'), '2026-03-23');
    assert.equal(parseDateInput('2026-03-23', 'en-US'), '2026-03-23');
    assert.equal(parseDateInput('2026-3-9', 'sv-SE'), '2026-03-09');
  });

  it('takes nothing that is not a whole, real date', () => {
    assert.equal(parseDateInput('', 'sv-SE'), null);
    assert.equal(parseDateInput('23/03/26', 'en-GB'), null, 'a two-digit year may still be being typed');
    assert.equal(parseDateInput('31/02/2026', 'en-GB'), null);
    assert.equal(parseDateInput('2026-13-01', 'sv-SE'), null);
    assert.equal(parseDateInput('tomorrow', 'en-GB'), null);
    assert.equal(parseDateInput('23/03/2026/1', 'en-GB'), null);
  });

  it('waits for the last part in full while typing (2026-03-2 may become 2026-03-27)', () => {
    assert.equal(parseDateInput('2026-03-2', 'sv-SE', true), null);
    assert.equal(parseDateInput('2026-03-27', 'sv-SE', true), '2026-03-27');
    assert.equal(parseDateInput('3/23/202', 'en-US', true), null);
    assert.equal(parseDateInput('3/23/2026', 'en-US', true), '2026-03-23');
    // Enter takes the short form.
    assert.equal(parseDateInput('2026-03-2', 'sv-SE'), '2026-03-02');
  });
});
