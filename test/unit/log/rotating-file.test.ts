// The desktop log file through the real logger and pino-roll on a real folder: lines written
// before the file opens are kept, files roll at their size cap, and no more than the set
// number of files stays, those of an earlier run included.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createLogger } from '../../../main/log/logger.ts';
import { rotatingLog } from '../../../main/log/rotating-file.ts';

const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
function folder(): string {
  const made = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-log-'));
  folders.push(made);
  return made;
}
const logFiles = (dir: string): string[] => readdirSync(dir).filter((name) => /^main\.\d+\.log$/.test(name)).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `count` lines of about 200 bytes, letting the stream drain now and then as a running app would. */
async function writeLines(log: ReturnType<typeof createLogger>, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    log.info({ line: i, padding: 'x'.repeat(150) }, 'a line');
    if (i % 20 === 19) await settle(2);
  }
}

describe('rotating log file', () => {
  it('keeps the lines written before the file opened, scrubbed like every line', async () => {
    const dir = folder();
    const rotating = rotatingLog({ folder: path.join(dir, 'logs'), name: 'main' });
    const log = createLogger({ destination: rotating.stream, level: 'info' });
    log.info({ patient: '191212121212' }, 'first line, before the file is open');
    assert.equal(await rotating.ready, true);
    log.info('second line');
    await rotating.close();
    const text = readFileSync(path.join(dir, 'logs', 'main.1.log'), 'utf8');
    assert.match(text, /first line, before the file is open/);
    assert.match(text, /second line/);
    assert.doesNotMatch(text, /191212121212/);
  });

  it('rolls to a new file at the size cap and keeps at most the set number of files', async () => {
    const dir = folder();
    // An earlier run's files, numbered low: they count towards the cap and go first.
    writeFileSync(path.join(dir, 'main.1.log'), 'old run\n');
    writeFileSync(path.join(dir, 'main.2.log'), 'old run\n');
    const rotating = rotatingLog({ folder: dir, name: 'main', size: '4k', files: 3 });
    const log = createLogger({ destination: rotating.stream, level: 'info' });
    assert.equal(await rotating.ready, true);
    await writeLines(log, 400); // about 80 kB: some twenty rolls
    await settle(100);
    await rotating.close();
    await settle(50);
    const files = logFiles(dir);
    assert.ok(files.length <= 3, `at most 3 files: ${files.join(', ')}`);
    assert.ok(files.length >= 2, `rolled: ${files.join(', ')}`);
    assert.ok(!files.includes('main.1.log') && !files.includes('main.2.log'), 'the earlier run’s oldest files are gone');
    // pino-roll rolls once the stream drains after the cap is passed: a file may take the
    // writes already queued, never much more (80 kB were written in all).
    for (const name of files) assert.ok(statSync(path.join(dir, name)).size <= 3 * 4 * 1024, `${name} is ${statSync(path.join(dir, name)).size} bytes`);
    const newest = files.map((name) => readFileSync(path.join(dir, name), 'utf8').trim()).filter((text) => text !== '').at(-1)!;
    const last = newest.split('\n').at(-1)!;
    assert.equal((JSON.parse(last) as { line: number }).line, 399, 'the newest line is in the newest file');
  });

  it('says so on stderr, and never throws, when the folder cannot be made', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'file'), '');
    const rotating = rotatingLog({ folder: path.join(dir, 'file', 'logs'), name: 'main' });
    const log = createLogger({ destination: rotating.stream, level: 'info' });
    log.info('a line with nowhere to go');
    assert.equal(await rotating.ready, false);
    await rotating.close();
  });
});
