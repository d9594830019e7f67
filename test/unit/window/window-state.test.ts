// Where the window opens: the remembered place when a display still shows it, else centred on
// the primary display; the file written atomically and read defensively. Then the same
// through the shell with the Electron fakes: moved, closed, started again.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CALL_NAMES, ok } from '../../../preload/contract/index.ts';
import type { DisplayLike } from '../../../main/electron/electron-like.ts';
import { startShell } from '../../../main/electron/shell.ts';
import { DEFAULT_SIZE, placeWindow, readWindowState, WINDOW_STATE_FILE, writeWindowState } from '../../../main/electron/window-state.ts';
import { EventBus } from '../../../main/events/bus.ts';
import type { Handlers } from '../../../main/ipc/router.ts';
import { type FakeBrowserWindow, fakeElectron, PRIMARY_DISPLAY } from '../../support/fake-electron.ts';
import { captureLog } from '../../support/log-capture.ts';

const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
function folder(): string {
  const made = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-window-'));
  folders.push(made);
  return made;
}

const LEFT: DisplayLike = { id: 2, workArea: { x: -1680, y: 0, width: 1680, height: 1050 } };
const SMALL: DisplayLike = { id: 3, workArea: { x: 0, y: 0, width: 1280, height: 720 } };

describe('window placement', () => {
  it('opens where it was left when a display still shows that place', () => {
    const saved = { bounds: { x: -1500, y: 100, width: 1200, height: 800 }, maximized: false };
    assert.deepEqual(placeWindow(saved, [PRIMARY_DISPLAY, LEFT], PRIMARY_DISPLAY), { bounds: saved.bounds, maximized: false });
  });

  it('opens centred on the primary display when the display it was on is gone, and stays maximised', () => {
    const saved = { bounds: { x: -1500, y: 100, width: 1200, height: 800 }, maximized: true };
    const placed = placeWindow(saved, [PRIMARY_DISPLAY], PRIMARY_DISPLAY);
    const area = PRIMARY_DISPLAY.workArea;
    assert.deepEqual(placed.bounds, {
      x: area.x + (area.width - DEFAULT_SIZE.width) / 2,
      y: area.y + Math.round((area.height - DEFAULT_SIZE.height) / 2),
      width: DEFAULT_SIZE.width,
      height: DEFAULT_SIZE.height,
    });
    assert.equal(placed.maximized, true);
  });

  it('does not count a sliver on a display as shown: a title bar must be reachable', () => {
    // 20 px of the window on the primary display: not enough to grab.
    const saved = { bounds: { x: 1900, y: 100, width: 1200, height: 800 }, maximized: false };
    assert.notEqual(placeWindow(saved, [PRIMARY_DISPLAY], PRIMARY_DISPLAY).bounds.x, 1900);
  });

  it('shrinks a remembered size to the display it is on, and the default size to a small primary display', () => {
    const saved = { bounds: { x: 0, y: 0, width: 2400, height: 1400 }, maximized: false };
    assert.deepEqual(placeWindow(saved, [SMALL], SMALL).bounds, { x: 0, y: 0, width: 1280, height: 720 });
    assert.deepEqual(placeWindow(null, [SMALL], SMALL), { bounds: { x: 0, y: 0, width: 1280, height: 720 }, maximized: false });
  });

  it('writes the file atomically and reads it back; a damaged or foreign file gives the default, logged', () => {
    const dir = folder();
    const file = path.join(dir, WINDOW_STATE_FILE);
    const { log, lines } = captureLog();
    assert.equal(readWindowState(file, log), null, 'no file: first start');
    assert.equal(lines().length, 0, 'a first start is not a problem');
    writeWindowState(file, { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true });
    assert.deepEqual(readdirSync(dir), [WINDOW_STATE_FILE], 'no temporary file left');
    assert.deepEqual(readWindowState(file, log), { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true });
    for (const damaged of ['{"version":1,"bounds":{"x":1', '{"version":1,"bounds":{"x":"a","y":0,"width":1,"height":1},"maximized":false}', '[]', '{"version":2,"bounds":{"x":0,"y":0,"width":10,"height":10},"maximized":false}']) {
      writeFileSync(file, damaged);
      assert.equal(readWindowState(file, log), null, damaged);
    }
    assert.equal(lines().filter((line) => String(line.msg).startsWith('window state file is damaged')).length, 4);
  });
});

describe('window placement through the shell', () => {
  const services = () => ({
    handlers: Object.fromEntries(CALL_NAMES.map((name) => [name, () => ok(null)])) as unknown as Handlers,
    bus: new EventBus(),
    close: async () => undefined,
  });
  async function start(userData: string, displays: DisplayLike[]) {
    const electron = fakeElectron({ userData, displays });
    const rendererDir = folder();
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    const window = (await startShell(electron, { rendererDir, preloadPath: '/p.cjs', log: captureLog().log, startServices: async () => services() }).ready) as FakeBrowserWindow;
    return { electron, window };
  }

  it('remembers where the window was moved and that it was maximised, and restores it on the next start', async () => {
    const userData = folder();
    const first = await start(userData, [PRIMARY_DISPLAY, LEFT]);
    first.window.bounds = { x: -1600, y: 40, width: 1300, height: 900 };
    first.window.fire('move');
    first.window.maximized = true;
    first.window.fire('maximize');
    assert.equal(first.window.fire('close'), false, 'nothing unsent: the window closes');
    const saved = JSON.parse(readFileSync(path.join(userData, 'data', WINDOW_STATE_FILE), 'utf8')) as unknown;
    assert.deepEqual(saved, { version: 1, bounds: { x: -1600, y: 40, width: 1300, height: 900 }, maximized: true });

    const second = await start(userData, [PRIMARY_DISPLAY, LEFT]);
    assert.equal(second.window.options.x, -1600);
    assert.equal(second.window.options.y, 40);
    assert.equal(second.window.options.width, 1300);
    assert.equal(second.window.maximized, true, 'maximised again');
  });

  it('opens on the primary display when the remembered one was unplugged', async () => {
    const userData = folder();
    const first = await start(userData, [PRIMARY_DISPLAY, LEFT]);
    first.window.bounds = { x: -1600, y: 40, width: 1300, height: 900 };
    first.window.fire('close');
    assert.equal(readWindowState(path.join(userData, 'data', WINDOW_STATE_FILE), captureLog().log)?.bounds.x, -1600, 'the left display’s place was saved');
    const second = await start(userData, [PRIMARY_DISPLAY]);
    const { x = -1, y = -1 } = second.window.options;
    const area = PRIMARY_DISPLAY.workArea;
    assert.ok(x >= area.x && x + second.window.options.width <= area.x + area.width, `x ${x} on the primary display`);
    assert.ok(y >= area.y && y + second.window.options.height <= area.y + area.height, `y ${y} on the primary display`);
  });

  it('saves once a burst of moves pauses, not on every move', async () => {
    const userData = folder();
    const { window } = await start(userData, [PRIMARY_DISPLAY]);
    const file = path.join(userData, 'data', WINDOW_STATE_FILE);
    for (let i = 0; i < 10; i += 1) {
      window.bounds = { x: 100 + i, y: 100, width: 1200, height: 800 };
      window.fire('move');
    }
    assert.throws(() => readFileSync(file), /ENOENT/, 'not written mid-drag');
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { bounds: { x: number } }).bounds.x, 109);
  });
});
