// The application menu: its template per platform and build (pure), and its wiring in the
// shell through the Electron fakes: the commands reach the window as `menu.command` events,
// Help opens the log folder, and the menu follows the language setting.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CALL_NAMES, ok, type EventName, type MenuCommand } from '../../../preload/contract/index.ts';
import { buildMenuTemplate, type MenuItemLike } from '../../../main/electron/menu.ts';
import { MENU_WORDS } from '../../../main/electron/menu-words.ts';
import { startShell, type ShellServices } from '../../../main/electron/shell.ts';
import { EventBus } from '../../../main/events/bus.ts';
import type { Handlers } from '../../../main/ipc/router.ts';
import { fakeElectron } from '../../support/fake-electron.ts';
import { captureLog } from '../../support/log-capture.ts';

/** Every item of a template, depth first. */
function items(template: MenuItemLike[]): MenuItemLike[] {
  return template.flatMap((item) => [item, ...items(item.submenu ?? [])]);
}
const roles = (template: MenuItemLike[]): string[] => items(template).flatMap((item) => (item.role === undefined ? [] : [item.role]));
const labelled = (template: MenuItemLike[], label: string): MenuItemLike => {
  const found = items(template).find((item) => item.label === label);
  assert.ok(found, `an item "${label}"`);
  return found;
};

function template(platform: NodeJS.Platform, packaged: boolean, sent: MenuCommand[] = [], opened: string[] = []): MenuItemLike[] {
  return buildMenuTemplate({ platform, packaged, words: MENU_WORDS.en, send: (command) => sent.push(command), openLogFolder: () => opened.push('logs') });
}

describe('application menu template', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`${platform}: a packaged build has no developer tools and no reload; a development build has both`, () => {
      const packaged = roles(template(platform, true));
      for (const role of ['toggleDevTools', 'reload', 'forceReload']) assert.ok(!packaged.includes(role), `${role} in a packaged build`);
      const development = roles(template(platform, false));
      for (const role of ['toggleDevTools', 'reload', 'forceReload']) assert.ok(development.includes(role), `${role} in a development build`);
    });
  }

  it('macOS: the app menu holds About, Settings, Services, Hide and Quit; File, Edit, View, Window and Help follow', () => {
    const mac = template('darwin', true);
    assert.deepEqual(
      mac.map((menu) => menu.label),
      ['Frontdesk', 'File', 'Edit', 'View', 'Window', 'Help'],
    );
    const app = mac[0]!.submenu!;
    assert.equal(app[0]!.label, 'About Frontdesk');
    assert.ok(app.some((item) => item.label === 'Settings…' && item.accelerator === 'CmdOrCtrl+,'));
    assert.deepEqual(
      app.flatMap((item) => (item.role === undefined ? [] : [item.role])),
      ['services', 'hide', 'hideOthers', 'unhide', 'quit'],
    );
    assert.equal(mac[4]!.role, 'windowMenu');
    // About lives in the app menu on macOS, not twice.
    assert.equal(items(mac).filter((item) => item.label === 'About Frontdesk').length, 1);
  });

  it('Windows and Linux: File has Settings and Quit (Ctrl+Q), Help has About; no app menu', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const menus = template(platform, true);
      assert.deepEqual(
        menus.map((menu) => menu.label),
        ['File', 'Edit', 'View', 'Help'],
      );
      const file = menus[0]!.submenu!;
      assert.equal(file[0]!.label, 'Print…');
      assert.equal(file[2]!.label, 'Settings…');
      assert.ok(file.some((item) => item.role === 'quit' && item.accelerator === 'Ctrl+Q'));
      assert.ok(menus[3]!.submenu!.some((item) => item.label === 'About Frontdesk'));
    }
  });

  it('shortcuts follow the platform (CmdOrCtrl), and single letters are left to the window', () => {
    const all = items(template('darwin', true)).flatMap((item) => (item.accelerator === undefined ? [] : [item.accelerator]));
    assert.deepEqual(all.sort(), ['CmdOrCtrl+,', 'CmdOrCtrl+-', 'CmdOrCtrl+0', 'CmdOrCtrl+F', 'CmdOrCtrl+P', 'CmdOrCtrl+Plus', 'CmdOrCtrl+Z', 'Shift+CmdOrCtrl+Z'].sort());
    assert.equal(labelled(template('darwin', true), 'Today').accelerator, undefined);
    assert.equal(labelled(template('darwin', true), 'First free time…').accelerator, undefined);
  });

  it('items that act on the day send their command to the window; Help opens the log folder', () => {
    const sent: MenuCommand[] = [];
    const opened: string[] = [];
    const menus = template('win32', true, sent, opened);
    for (const label of ['Find patient…', 'First free time…', 'Today', 'Zoom in on the day', 'Zoom out of the day', 'Actual size', 'Settings…', 'About Frontdesk', 'Print…', 'Undo', 'Redo']) labelled(menus, label).click!();
    assert.deepEqual(sent, ['find', 'first-free', 'today', 'zoom-in', 'zoom-out', 'zoom-reset', 'settings', 'about', 'print', 'undo', 'redo']);
    labelled(menus, 'Open log folder').click!();
    assert.deepEqual(opened, ['logs']);
    // The page's own zoom roles are not used: they would zoom the whole page.
    assert.ok(!roles(menus).some((role) => /zoom/i.test(role)));
  });
});

function rendererDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-menu-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  return dir;
}

describe('application menu in the shell', () => {
  async function started(options: { packaged: boolean; platform: NodeJS.Platform; language: string }) {
    const electron = fakeElectron({ packaged: options.packaged, userData: '/tmp/frontdesk-menu-user' });
    const bus = new EventBus();
    let language = options.language;
    const handlers = Object.fromEntries(CALL_NAMES.map((name) => [name, () => ok(null)])) as unknown as Handlers;
    const services: ShellServices = { handlers, bus, language: () => language, close: async () => {} };
    const events: { event: EventName; payload: unknown }[] = [];
    bus.subscribe((event, payload) => events.push({ event, payload }));
    const handle = startShell(electron, { rendererDir: rendererDir(), preloadPath: '/app/preload.cjs', log: captureLog().log, startServices: async () => services, platform: options.platform });
    await handle.ready;
    return { electron, bus, events, setLanguage: (next: string) => (language = next) };
  }

  it('sets the menu once main has started, without developer tools when packaged', async () => {
    const { electron } = await started({ packaged: true, platform: 'darwin', language: 'en' });
    const menu = electron.record.menu;
    assert.ok(menu !== null);
    assert.equal(menu[0]!.label, 'Frontdesk');
    assert.ok(!roles(menu).includes('toggleDevTools'));
  });

  it('a menu item reaches the window as a menu.command event; Open log folder opens the logs folder', async () => {
    const { electron, events } = await started({ packaged: true, platform: 'win32', language: 'en' });
    labelled(electron.record.menu!, 'Zoom in on the day').click!();
    assert.deepEqual(
      events.filter((e) => e.event === 'menu.command'),
      [{ event: 'menu.command', payload: { command: 'zoom-in' } }],
    );
    labelled(electron.record.menu!, 'Open log folder').click!();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(electron.record.openedPaths, ['/tmp/frontdesk-menu-user/logs']);
  });

  it('follows the language setting: built again in Swedish when the settings change', async () => {
    const { electron, bus, setLanguage } = await started({ packaged: true, platform: 'linux', language: 'en' });
    assert.equal(electron.record.menu![0]!.label, 'File');
    setLanguage('sv');
    bus.emit('settings.changed', {} as never);
    assert.equal(electron.record.menu![0]!.label, 'Arkiv');
    labelled(electron.record.menu!, 'Sök patient…');
  });
});
