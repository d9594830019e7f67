// The packaging promises: the committed electron-builder.yml, the icons, the entitlements,
// and the checks `npm run package:check` runs on a packaged app (each shown to catch what it
// is there to catch), then the whole check once against the real build when dist/ exists.
import { createPackageWithOptions } from '@electron/asar';
import { flipFuses, FuseVersion } from '@electron/fuses';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { renderIcons, staleIcons, ICON_SOURCE, PNG_SIZES } from '../../scripts/icons.ts';
import {
  checkAppUpdateConfig,
  checkAsar,
  checkBuilderConfig,
  checkEntitlements,
  checkFuses,
  checkIcons,
  createStubElectronDist,
  FUSE_POLICY,
  icnsTypes,
  icoSizes,
  pngSize,
  readAsar,
  readBuilderConfig,
  runPackageCheck,
  runtimeRequires,
} from '../../scripts/package-check.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const temp = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-package-config-'));
  dirs.push(dir);
  return dir;
};

type Section = Record<string, unknown>;
interface Config {
  [key: string]: unknown;
  electronFuses: Section;
  nsis: Section;
  win: Section;
  mac: Section;
}
const committed = (): Config => structuredClone(readBuilderConfig(root)) as Config;

describe('electron-builder.yml', () => {
  it('keeps every promise: fuses, generic feed from configuration, per-user NSIS, signed and notarized macOS', () => {
    assert.deepEqual(checkBuilderConfig(readBuilderConfig(root), root), []);
  });

  it('sets every fuse explicitly, as the policy says', () => {
    const config = committed();
    assert.deepEqual(Object.fromEntries(Object.keys(FUSE_POLICY).map((k) => [k, config.electronFuses[k]])), FUSE_POLICY);
  });

  for (const [label, mutate, expect] of [
    ['run-as-node left on', (c: Config) => (c.electronFuses.runAsNode = true), /fuse runAsNode/],
    ['a fuse left to Electron’s default', (c: Config) => delete c.electronFuses.onlyLoadAppFromAsar, /fuse onlyLoadAppFromAsar/],
    ['a hard-coded feed URL', (c: Config) => (c.publish = { provider: 'generic', url: 'https://updates.example.se/' }), /FRONTDESK_UPDATE_URL/],
    ['a per-machine installer', (c: Config) => (c.nsis.perMachine = true), /perMachine/],
    ['no publisher name', (c: Config) => delete c.win.signtoolOptions, /publisherName/],
    ['update signature checks off', (c: Config) => (c.win.verifyUpdateCodeSignature = false), /verifyUpdateCodeSignature/],
    ['no hardened runtime', (c: Config) => (c.mac.hardenedRuntime = false), /hardenedRuntime/],
    ['notarization switched off', (c: Config) => (c.mac.notarize = false), /notarize/],
    ['no zip for the macOS updater', (c: Config) => (c.mac.target = ['dmg']), /zip/],
    ['native modules packed', (c: Config) => (c.asarUnpack = []), /asarUnpack/],
    ['a stub Electron committed', (c: Config) => (c.electronDist = '/tmp/stub'), /command line/],
    ['a missing entitlements file', (c: Config) => (c.mac.entitlements = 'assets/mac/nope.plist'), /mac\.entitlements/],
  ] as const) {
    it(`is refused with ${label}`, () => {
      const config = committed();
      mutate(config);
      const problems = checkBuilderConfig(config, root);
      assert.ok(problems.some((p) => expect.test(p)), problems.join('\n') || '(no problems)');
    });
  }
});

describe('macOS entitlements', () => {
  const plist = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n${body}\n</dict>\n</plist>\n`;

  it('grant JIT and nothing more', () => {
    assert.deepEqual(checkEntitlements(readFileSync(path.join(root, 'assets', 'mac', 'entitlements.mac.plist'), 'utf8')), []);
  });

  it('refuse device access and weakened library validation', () => {
    const problems = checkEntitlements(
      plist('<key>com.apple.security.cs.allow-jit</key><true/><key>com.apple.security.device.camera</key><true/><key>com.apple.security.cs.disable-library-validation</key><true/>'),
    );
    assert.equal(problems.length, 2, problems.join('\n'));
  });

  it('require JIT', () => {
    assert.ok(checkEntitlements(plist('')).some((p) => p.includes('allow-jit')));
  });
});

describe('icons', () => {
  it('exist for every platform, as valid files of the right sizes', () => {
    assert.deepEqual(checkIcons(path.join(root, 'assets', 'icons')), []);
    for (const size of PNG_SIZES) {
      assert.deepEqual(pngSize(readFileSync(path.join(root, 'assets', 'icons', 'png', `${size}x${size}.png`))), { width: size, height: size });
    }
    const ico = icoSizes(readFileSync(path.join(root, 'assets', 'icons', 'icon.ico')));
    assert.ok(ico?.includes(16) && ico.includes(32) && ico.includes(48) && ico.includes(256), String(ico));
    const icns = icnsTypes(readFileSync(path.join(root, 'assets', 'icons', 'icon.icns')));
    assert.ok(icns?.includes('ic10'), String(icns));
  });

  it('are what the generator makes from the SVG, byte for byte, every time', async () => {
    const svg = readFileSync(ICON_SOURCE, 'utf8');
    const first = renderIcons(svg);
    const second = renderIcons(svg);
    for (const [name, bytes] of first) assert.ok(bytes.equals(second.get(name) ?? Buffer.alloc(0)), `${name} is deterministic`);
    assert.deepEqual(await staleIcons(first), [], 'committed icons are current (run node scripts/icons.ts)');
  });

  it('are refused when damaged', () => {
    const dir = temp();
    mkdirSync(path.join(dir, 'png'));
    writeFileSync(path.join(dir, 'png', '256x256.png'), readFileSync(path.join(root, 'assets', 'icons', 'png', '128x128.png')));
    writeFileSync(path.join(dir, 'icon.png'), Buffer.from('not a png'));
    writeFileSync(path.join(dir, 'icon.ico'), Buffer.from([0, 0, 1, 0, 5, 0]));
    writeFileSync(path.join(dir, 'icon.icns'), Buffer.from('icns\0\0\0\x09x', 'latin1'));
    const problems = checkIcons(dir);
    for (const expect of [/512x512/, /png\/256x256\.png is not a 256x256/, /icon\.png/, /icon\.ico is not a valid/, /icon\.icns is not a valid/]) {
      assert.ok(problems.some((p) => expect.test(p)), `${String(expect)} in:\n${problems.join('\n')}`);
    }
  });
});

describe('checks on the packaged app', () => {
  /** A real asar, packed the way electron-builder packs (natives unpacked by pattern). */
  async function pack(files: Record<string, string>, unpack = '*.node'): Promise<{ archive: string; unpackedDir: string }> {
    const dir = temp();
    const app = path.join(dir, 'app');
    for (const [name, body] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(app, name)), { recursive: true });
      writeFileSync(path.join(app, name), body);
    }
    const archive = path.join(dir, 'app.asar');
    await createPackageWithOptions(app, archive, { unpack });
    return { archive, unpackedDir: `${archive}.unpacked` };
  }
  const good: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'frontdesk', main: 'dist/main/index.cjs' }),
    'dist/main/index.cjs': 'require("keytar");',
    'dist/preload/index.cjs': '',
    'dist/renderer/index.html': '<!doctype html>',
    'dist/renderer/app.js': '',
    'dist/renderer/app.css': '',
    'node_modules/keytar/package.json': '{"name":"keytar"}',
    'node_modules/keytar/lib/keytar.js': '',
    'node_modules/keytar/build/Release/keytar.node': 'ELF',
  };

  it('accept an app of bundles, package.json and unpacked keytar', async () => {
    const { archive, unpackedDir } = await pack(good);
    assert.deepEqual(checkAsar(readAsar(archive), unpackedDir, good['dist/main/index.cjs'] ?? ''), []);
  });

  it('refuse sources, tests, maps, the web bridge, devDependencies and packed natives', async () => {
    const { archive, unpackedDir } = await pack(
      {
        ...good,
        'main/app/services.ts': '',
        'test/unit/router.test.ts': '',
        'dist/main/index.cjs.map': '{}',
        'dist/web/web-bridge.js': '',
        'node_modules/node/bin/node': '',
        'node_modules/other/build/Release/other.node': 'ELF',
      },
      'keytar.node',
    );
    const problems = checkAsar(readAsar(archive), unpackedDir, 'require("keytar"); require("fastify");');
    for (const expect of [/main\/app\/services\.ts/, /router\.test\.ts/, /index\.cjs\.map/, /web-bridge/, /node_modules\/node\//, /other\.node is packed inside/, /requires fastify/]) {
      assert.ok(problems.some((p) => expect.test(p)), `${String(expect)} in:\n${problems.join('\n')}`);
    }
  });

  it('refuse an app whose package.json main is not packaged', async () => {
    const { archive, unpackedDir } = await pack({ ...good, 'package.json': JSON.stringify({ main: 'dist/main/missing.cjs' }) });
    assert.ok(checkAsar(readAsar(archive), unpackedDir, '').some((p) => p.includes('missing.cjs')));
  });

  it('find the modules a bundle loads at run time, not builtins or Electron', () => {
    assert.deepEqual(runtimeRequires('require("fs");require("node:path");require("electron");require("keytar");require("@scope/pkg/sub");require("./local")'), ['@scope/pkg', 'keytar']);
  });

  it('read the fuses back from the binary: Electron’s defaults fail, the flipped wire passes', async () => {
    const stub = temp();
    await createStubElectronDist(stub, '45.4.1');
    const binary = path.join(stub, 'electron');
    const before = await checkFuses(binary);
    assert.ok(before.some((p) => p.startsWith('fuse runAsNode')) && before.some((p) => p.startsWith('fuse onlyLoadAppFromAsar')), before.join('\n'));
    await flipFuses(binary, {
      version: FuseVersion.V1,
      0: FUSE_POLICY.runAsNode,
      1: FUSE_POLICY.enableCookieEncryption,
      2: FUSE_POLICY.enableNodeOptionsEnvironmentVariable,
      3: FUSE_POLICY.enableNodeCliInspectArguments,
      4: FUSE_POLICY.enableEmbeddedAsarIntegrityValidation,
      5: FUSE_POLICY.onlyLoadAppFromAsar,
      6: FUSE_POLICY.loadBrowserProcessSpecificV8Snapshot,
      7: FUSE_POLICY.grantFileProtocolExtraPrivileges,
    });
    assert.deepEqual(await checkFuses(binary), []);
  });

  it('check that the feed URL reached the app', () => {
    const yml = 'provider: generic\nurl: https://updates.invalid/frontdesk/\nupdaterCacheDirName: frontdesk-updater\n';
    assert.deepEqual(checkAppUpdateConfig(yml, 'https://updates.invalid/frontdesk/'), []);
    assert.equal(checkAppUpdateConfig(yml.replace('generic', 's3'), 'https://updates.invalid/frontdesk/').length, 1);
    assert.equal(checkAppUpdateConfig(yml, 'https://elsewhere.example/').length, 1);
  });
});

describe('npm run package:check', () => {
  const built = existsSync(path.join(root, 'dist', 'main', 'index.cjs')) && existsSync(path.join(root, 'dist', 'renderer', 'app.js'));
  it('packages the real build with electron-builder and finds nothing wrong', { skip: built ? false : 'dist/ is not built (npm run build)', timeout: 150_000 }, async () => {
    const { problems, report } = await runPackageCheck({ root });
    assert.deepEqual(problems, [], report.join('\n'));
    assert.ok(report.some((line) => line.startsWith('fuses') && line.includes('read back')));
  });
});
