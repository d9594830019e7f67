// Printing in the desktop app through the shell's fakes: the window's calls reach
// webContents.print and printToPDF, the PDF lands where the save dialog says (in Documents by
// default), and a cancelled save writes nothing.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CALL_NAMES, ipcChannel, ok, type CallName } from '../../../preload/contract/index.ts';
import { startShell, type ShellServices } from '../../../main/electron/shell.ts';
import { EventBus } from '../../../main/events/bus.ts';
import type { Handlers } from '../../../main/ipc/router.ts';
import { FakeBrowserWindow, fakeElectron } from '../../support/fake-electron.ts';
import { captureLog } from '../../support/log-capture.ts';

async function shell(savePath: string | null) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-print-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  const electron = fakeElectron({ savePath, userData: path.join(dir, 'user') });
  const handlers = Object.fromEntries(CALL_NAMES.map((name) => [name, () => ok(null)])) as unknown as Handlers;
  const services: ShellServices = { handlers, bus: new EventBus(), close: async () => {} };
  await startShell(electron, { rendererDir: dir, preloadPath: '/app/preload.cjs', log: captureLog().log, startServices: async () => services, platform: 'win32' }).ready;
  const call = (name: CallName, arg?: unknown): Promise<unknown> => electron.record.ipcHandlers.get(ipcChannel(name))!({ senderFrame: { url: 'app://frontdesk/index.html', parent: null }, sender: { id: 1 } }, arg);
  return { electron, call, dir, contents: FakeBrowserWindow.created[0]!.webContents };
}

describe('printing in the desktop app', () => {
  it('printSheet opens the system print dialog of the window (not silent)', async () => {
    const { call, contents } = await shell(null);
    assert.deepEqual(await call('printSheet'), { ok: true, value: null });
    assert.deepEqual(contents.printed, [{ silent: false, printBackground: false }]);
  });

  it('saveSheetAsPdf asks where (Documents by default) and writes the PDF there', async () => {
    const target = path.join(mkdtempSync(path.join(os.tmpdir(), 'frontdesk-pdf-')), 'day.pdf');
    const { call, electron, contents, dir } = await shell(target);
    assert.deepEqual(await call('saveSheetAsPdf', { fileName: 'Frontdesk 2026-03-23' }), { ok: true, value: { saved: true } });
    assert.equal(electron.record.saveDialogs[0]!.defaultPath, path.join(dir, 'user', 'documents', 'Frontdesk 2026-03-23.pdf'));
    assert.equal(contents.pdfs[0]!.pageSize, 'A4');
    assert.match(readFileSync(target, 'utf8'), /^%PDF-/);
  });

  it('a cancelled save writes nothing and says so', async () => {
    const { call, contents } = await shell(null);
    assert.deepEqual(await call('saveSheetAsPdf', { fileName: 'Frontdesk' }), { ok: true, value: { saved: false } });
    assert.equal(contents.pdfs.length, 0);
  });

  it('a file name with a folder in it is refused before anything is asked', async () => {
    const { call, electron } = await shell('/tmp/x.pdf');
    const answer = (await call('saveSheetAsPdf', { fileName: '../../etc/passwd' })) as { ok: boolean; error?: { code: string } };
    assert.equal(answer.ok, false);
    assert.equal(answer.error?.code, 'INVALID_ARGUMENT');
    assert.equal(electron.record.saveDialogs.length, 0);
    assert.equal(existsSync('/tmp/x.pdf') && readFileSync('/tmp/x.pdf', 'utf8').startsWith('%PDF-1.7 fake'), false);
  });
});
