import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger, logLevelFromEnvironment, scrub } from '../../main/log/logger.ts';
import { captureLog } from '../support/log-capture.ts';

describe('logger', () => {
  it('masks personal numbers in every form, and leaves other numbers', () => {
    for (const pn of ['191212121212', '19121212-1212', '121212-1212', '121212+1212', 'se_personal_number:191212121212']) {
      assert.ok(!/1212121212|1212-1212|1212\+1212/.test(scrub(`patient ${pn} booked`)), pn);
    }
    assert.ok(!scrub('/patients/se_personal_number%3A191212121212').includes('1212121212'));
    assert.ok(!scrub('samordningsnummer 199001721234').includes('721234'));
    assert.equal(scrub('took 1234 ms, id 42'), 'took 1234 ms, id 42');
    // Leyr's instance ids must survive: support asks for them.
    for (const uuid of ['d3e84cc1-148a-4edf-9579-5dcef1d6dbfa', '0b8e7d2a-1c3f-4b5a-9e6d-bc1212121212', '0b8e7d2a-1c3f-4b5a-9e6d-191212121212x']) {
      assert.equal(scrub(`instance ${uuid}`), `instance ${uuid}`);
    }
  });

  it('never writes a registered secret or a personal number, in messages or fields', () => {
    const secrets = new Set(['s3cr3t-value-xyz']);
    const { log, text } = captureLog(secrets);
    log.info({ header: 's3cr3t-value-xyz', nested: { pn: '191212121212' } }, 'using s3cr3t-value-xyz for 19121212-1212');
    log.error({ err: new Error('failed with s3cr3t-value-xyz') }, 'oops');
    assert.ok(!text().includes('s3cr3t-value-xyz'));
    assert.ok(!text().includes('1212121212') && !text().includes('1212-1212'));
    assert.ok(text().includes('[secret]'));
  });

  it('reads the level from FRONTDESK_LOG_LEVEL, and a value that is no level falls back instead of stopping the app', () => {
    assert.equal(logLevelFromEnvironment('warn', { FRONTDESK_LOG_LEVEL: 'debug' }), 'debug');
    assert.equal(logLevelFromEnvironment('warn', { FRONTDESK_LOG_LEVEL: ' Silent ' }), 'silent');
    assert.equal(logLevelFromEnvironment('warn', {}), 'warn');
    assert.equal(logLevelFromEnvironment('warn', { FRONTDESK_LOG_LEVEL: 'verbose' }), 'warn');
    const before = process.env.FRONTDESK_LOG_LEVEL;
    process.env.FRONTDESK_LOG_LEVEL = 'verbose';
    try {
      assert.equal(createLogger().level, 'info');
    } finally {
      if (before === undefined) delete process.env.FRONTDESK_LOG_LEVEL;
      else process.env.FRONTDESK_LOG_LEVEL = before;
    }
  });
});
