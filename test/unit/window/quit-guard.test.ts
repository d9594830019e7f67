// Closing and quitting with changes unsent, through the shell and the Electron fakes: the
// question in the receptionist's language, Cancel keeps everything running, "Quit anyway"
// waits for the services to close before the app goes, and a hung close is capped.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CALL_NAMES, ok } from '../../../preload/contract/index.ts';
import { createQuitGuard } from '../../../main/electron/quit-guard.ts';
import { startShell, type ShellServices } from '../../../main/electron/shell.ts';
import { EventBus } from '../../../main/events/bus.ts';
import type { Handlers } from '../../../main/ipc/router.ts';
import { type FakeBrowserWindow, fakeElectron } from '../../support/fake-electron.ts';
import { captureLog } from '../../support/log-capture.ts';

const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
function folder(): string {
  const made = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-quit-'));
  folders.push(made);
  return made;
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

interface Scripted {
  unsent: number;
  language: string;
  /** Resolves the services' close (held until a test lets it go). */
  letClose: () => void;
  closeCalls: number;
  closed: boolean;
  events: string[];
}

async function start(options: { unsent: number; answers?: number[]; language?: string; locale?: string }) {
  const electron = fakeElectron({ userData: folder(), answers: options.answers ?? [], ...(options.locale !== undefined && { locale: options.locale }) });
  const rendererDir = folder();
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const state: Scripted = { unsent: options.unsent, language: options.language ?? 'en', letClose: () => release(), closeCalls: 0, closed: false, events: [] };
  const services: ShellServices = {
    handlers: Object.fromEntries(CALL_NAMES.map((name) => [name, () => ok(null)])) as unknown as Handlers,
    bus: new EventBus(),
    unsentChanges: () => state.unsent,
    language: () => state.language,
    updates: { prepareForQuit: () => state.events.push('prepareForQuit') },
    close: async () => {
      state.closeCalls += 1;
      state.events.push('close started');
      await released;
      state.closed = true;
      state.events.push('closed');
    },
  };
  const capture = captureLog();
  const window = (await startShell(electron, { rendererDir, preloadPath: '/p.cjs', log: capture.log, startServices: async () => services }).ready) as FakeBrowserWindow;
  return { electron, window, state, capture };
}

describe('quit guard', () => {
  it('with nothing unsent, quits without asking, once the services have closed', async () => {
    const { electron, state } = await start({ unsent: 0 });
    electron.app.quit();
    await tick();
    assert.equal(electron.record.messageBoxes.length, 0, 'nobody is asked');
    assert.equal(electron.record.quitDone, 0, 'the quit waits for the services');
    assert.deepEqual(state.events, ['prepareForQuit', 'close started']);
    state.letClose();
    await tick();
    await tick();
    assert.equal(state.closed, true);
    assert.equal(electron.record.quitDone, 1, 'then the app goes');
  });

  it('asks before closing the window with changes unsent; Cancel keeps the window and the services', async () => {
    const { electron, window, state } = await start({ unsent: 3, answers: [1] });
    assert.equal(window.fire('close'), true, 'the close is held while asking');
    await tick();
    assert.equal(electron.record.messageBoxes.length, 1);
    const box = electron.record.messageBoxes[0]!;
    assert.equal(box.message, '3 changes are not sent yet. Quit anyway?');
    assert.match(box.detail, /sent next time/);
    assert.deepEqual(box.buttons, ['Quit anyway', 'Cancel']);
    assert.equal(box.cancelId, 1, 'Escape cancels');
    assert.equal(box.defaultId, 1, 'Enter does not quit by accident');
    assert.equal(electron.record.quit, 0, 'no quit');
    assert.equal(state.closeCalls, 0, 'the services run on');
    // Asked again the next time, since the answer was no.
    state.letClose();
    assert.equal(window.fire('close'), true);
    await tick();
    assert.equal(electron.record.messageBoxes.length, 2);
  });

  it('"Quit anyway" quits: asked once, then the services close before the app goes', async () => {
    const { electron, window, state } = await start({ unsent: 1, answers: [0] });
    window.fire('close');
    await tick();
    assert.equal(electron.record.messageBoxes[0]?.message, '1 change is not sent yet. Quit anyway?');
    assert.equal(electron.record.quit, 1, 'the answer quits the app');
    assert.equal(window.fire('close'), false, 'the window closes as part of the quit, not asked again');
    assert.equal(electron.record.messageBoxes.length, 1);
    assert.equal(electron.record.quitDone, 0);
    state.letClose();
    await tick();
    await tick();
    assert.deepEqual(state.events, ['prepareForQuit', 'close started', 'closed']);
    assert.equal(electron.record.quitDone, 1);
  });

  it('asks when the quit comes from elsewhere (menu, Cmd+Q), in the language of the settings or the system', async () => {
    const swedish = await start({ unsent: 2, answers: [1], language: 'sv' });
    swedish.electron.app.quit();
    await tick();
    assert.equal(swedish.electron.record.messageBoxes[0]?.message, '2 ändringar är inte skickade än. Avsluta ändå?');
    assert.equal(swedish.electron.record.quitDone, 0, 'Cancel: still running');
    assert.equal(swedish.state.closeCalls, 0);

    const norwegian = await start({ unsent: 2, answers: [0], language: 'system', locale: 'nb-NO' });
    norwegian.electron.app.quit();
    await tick();
    assert.equal(norwegian.electron.record.messageBoxes[0]?.buttons[0], 'Avslutt likevel');
    norwegian.state.letClose();
    await tick();
    await tick();
    assert.equal(norwegian.electron.record.quitDone, 1);
  });

  it('caps the wait for services that do not close, and quits anyway, logged', async () => {
    const { log, lines } = captureLog();
    let quits = 0;
    const guard = createQuitGuard({
      app: { quit: () => (quits += 1) },
      unsentChanges: () => 0,
      confirmQuit: async () => true,
      onQuitDecided: () => undefined,
      closeServices: () => new Promise<void>(() => undefined),
      log,
      capMs: 50,
    });
    let held = false;
    guard.onBeforeQuit({ preventDefault: () => (held = true) });
    assert.equal(held, true);
    await guard.finished;
    assert.equal(quits, 1);
    assert.ok(lines().some((line) => String(line.msg).startsWith('services did not close in time')));
    // The final quit passes.
    held = false;
    guard.onBeforeQuit({ preventDefault: () => (held = true) });
    assert.equal(held, false);
  });

  it('a question that cannot be shown does not trap the app', async () => {
    const { log } = captureLog();
    let quits = 0;
    const guard = createQuitGuard({
      app: { quit: () => (quits += 1) },
      unsentChanges: () => 4,
      confirmQuit: () => Promise.reject(new Error('no dialog')),
      onQuitDecided: () => undefined,
      closeServices: async () => undefined,
      log,
    });
    guard.onBeforeQuit({ preventDefault: () => undefined });
    await guard.finished;
    assert.equal(quits, 1);
  });
});
