// CI lint for packaging (`npm run package:check`, after `npm run build`). It packages the app
// for real with electron-builder (`--linux dir`), with the committed electron-builder.yml and
// only two command-line overrides: a stub `electronDist` (no Electron download is possible in
// CI) and `npmRebuild: false`. Then it opens what came out and checks what the config promises:
//
//  - the asar holds the three bundles and package.json (whose `main` points at the bundle),
//    every module the main bundle requires at run time, and no sources, tests, source maps,
//    web-host bridge or devDependency (the `node` binary package);
//  - every native module (.node) is unpacked next to the asar (keytar's among them);
//  - the fuses: the stub binary carries a real fuse wire (sentinel, version, Electron's
//    default states), so electron-builder flips it exactly as it flips Electron's, and the
//    check reads the wire back;
//  - the update feed: resources/app-update.yml names the generic provider and the URL that
//    came from the build environment (FRONTDESK_UPDATE_URL);
//  - the committed config itself: fuses, publish, per-user NSIS with a publisher name,
//    macOS hardened runtime/entitlements/notarization, icons for every platform.
//
// Prints a short report; exits 1 with every problem listed when anything is off.
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { listPackage, statFile, extractFile } from '@electron/asar';
import yaml from 'js-yaml';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const ROOT = path.resolve(import.meta.dirname, '..');

// ---------------------------------------------------------------------------------------
// What the packaged app must look like.

/** The fuse settings Frontdesk ships with, by electron-builder's `electronFuses` key. */
export const FUSE_POLICY = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
} as const;
export type FuseName = keyof typeof FUSE_POLICY;

const FUSE_INDEX: Record<FuseName, number> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/** The bundles `npm run build` writes that the app is made of (the web bridge is not). */
export const APP_FILES = [
  'package.json',
  'dist/main/index.cjs',
  'dist/preload/index.cjs',
  'dist/renderer/index.html',
  'dist/renderer/app.js',
  'dist/renderer/app.css',
] as const;

/** Paths (relative to the asar root) that must never be packaged, with the reason. */
const FORBIDDEN: { test: (entry: string) => boolean; why: string }[] = [
  { test: (e) => /\.(c|m)?tsx?$/.test(e), why: 'TypeScript source' },
  { test: (e) => e.endsWith('.map'), why: 'source map' },
  { test: (e) => /(^|\/)(test|tests|__tests__|spec|e2e)(\/|$)/.test(e) || /\.(test|spec)\.[cm]?js$/.test(e), why: 'test' },
  { test: (e) => e.startsWith('dist/web/'), why: 'web-host bridge (not part of the desktop app)' },
  { test: (e) => /^(main|preload|renderer|scripts|assets|test|\.ci|docs)\//.test(e), why: 'repository source folder' },
  { test: (e) => /^node_modules\/node(\/|$)/.test(e), why: 'the `node` devDependency' },
  { test: (e) => /^node_modules\/(electron|electron-builder|typescript|esbuild)(\/|$)/.test(e), why: 'build tooling' },
  {
    test: (e) => ['electron-builder.yml', 'tsconfig.json', 'package-lock.json', '.gitignore'].includes(e),
    why: 'repository file',
  },
];

// ---------------------------------------------------------------------------------------
// The committed electron-builder.yml.

const fuseSchema = z.object(
  Object.fromEntries(Object.keys(FUSE_POLICY).map((key) => [key, z.boolean().optional()])) as Record<FuseName, z.ZodOptional<z.ZodBoolean>>,
).passthrough();

const targetSchema = z.union([z.string(), z.object({ target: z.string(), arch: z.array(z.string()).optional() }).passthrough()]);
const targetsSchema = z.union([targetSchema, z.array(targetSchema)]).optional();

const builderConfigSchema = z
  .object({
    appId: z.string().min(1),
    productName: z.string().min(1),
    files: z.array(z.string()),
    asar: z.literal(true).optional(),
    asarUnpack: z.union([z.string(), z.array(z.string())]).optional(),
    electronFuses: fuseSchema.optional(),
    publish: z.unknown(),
    electronDist: z.unknown().optional(),
    npmRebuild: z.unknown().optional(),
    win: z
      .object({
        target: targetsSchema,
        icon: z.string().optional(),
        signtoolOptions: z.object({ publisherName: z.union([z.string(), z.array(z.string())]).optional() }).passthrough().optional(),
        azureSignOptions: z.object({ publisherName: z.string().optional() }).passthrough().optional(),
        verifyUpdateCodeSignature: z.boolean().optional(),
      })
      .passthrough()
      .optional(),
    nsis: z
      .object({ oneClick: z.boolean().optional(), perMachine: z.boolean().optional(), differentialPackage: z.unknown().optional() })
      .passthrough()
      .optional(),
    mac: z
      .object({
        target: targetsSchema,
        icon: z.string().optional(),
        hardenedRuntime: z.boolean().optional(),
        entitlements: z.string().optional(),
        entitlementsInherit: z.string().optional(),
        notarize: z.boolean().optional(),
      })
      .passthrough()
      .optional(),
    linux: z.object({ target: targetsSchema, icon: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();
export type BuilderConfig = z.infer<typeof builderConfigSchema>;

const targetNames = (targets: z.infer<typeof targetsSchema>): string[] =>
  (targets === undefined ? [] : Array.isArray(targets) ? targets : [targets]).map((t) => (typeof t === 'string' ? t : t.target).toLowerCase());

export function readBuilderConfig(root = ROOT): unknown {
  return yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
}

/** Problems with the committed config (empty when it keeps every promise). */
export function checkBuilderConfig(raw: unknown, root = ROOT): string[] {
  const parsed = builderConfigSchema.safeParse(raw);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => `electron-builder.yml ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const config = parsed.data;
  const problems: string[] = [];
  const exists = (relative: string | undefined): boolean => relative !== undefined && existsSync(path.join(root, relative));

  if (config.electronDist !== undefined || config.npmRebuild !== undefined) {
    problems.push('electronDist/npmRebuild belong on the CI command line, not in the committed config');
  }
  for (const [name, wanted] of Object.entries(FUSE_POLICY) as [FuseName, boolean][]) {
    const actual = config.electronFuses?.[name];
    if (actual !== wanted) problems.push(`fuse ${name} must be set explicitly to ${String(wanted)} (is ${String(actual)})`);
  }
  const unpack = [config.asarUnpack ?? []].flat();
  if (!unpack.includes('**/*.node')) problems.push('asarUnpack must unpack native modules ("**/*.node")');
  if (!config.files.includes('!**/*.map')) problems.push('files must exclude source maps ("!**/*.map")');

  const publish = [config.publish].flat()[0];
  const generic = z.object({ provider: z.literal('generic'), url: z.string() }).passthrough().safeParse(publish);
  if (!generic.success) problems.push('publish must be a generic provider with a url');
  else if (!generic.data.url.includes('${env.FRONTDESK_UPDATE_URL}')) {
    problems.push('publish.url must come from configuration (${env.FRONTDESK_UPDATE_URL}), not be hard-coded');
  }

  const win = config.win;
  if (!targetNames(win?.target).includes('nsis')) problems.push('win.target must build nsis');
  if (config.nsis?.perMachine !== false) problems.push('nsis.perMachine must be false (per-user install)');
  if (config.nsis?.oneClick !== true) problems.push('nsis.oneClick must be true (no installer wizard for receptionists)');
  const publisherNames = [win?.signtoolOptions?.publisherName ?? win?.azureSignOptions?.publisherName ?? []].flat().filter((n) => n.trim() !== '');
  if (publisherNames.length === 0) problems.push('win.signtoolOptions.publisherName must be set (update signature verification)');
  if (win?.verifyUpdateCodeSignature === false) problems.push('win.verifyUpdateCodeSignature must not be switched off');
  if (config.nsis?.differentialPackage === undefined) problems.push('nsis.differentialPackage must be stated (the switch for differential updates)');
  if (!exists(win?.icon) || !win?.icon?.endsWith('.ico')) problems.push('win.icon must name an existing .ico');

  const mac = config.mac;
  const macTargets = targetNames(mac?.target);
  if (!macTargets.includes('dmg') || !macTargets.includes('zip')) problems.push('mac.target must build dmg and zip (the updater needs the zip)');
  if (mac?.hardenedRuntime !== true) problems.push('mac.hardenedRuntime must be true');
  if (mac?.notarize !== true) problems.push('mac.notarize must be true (driven by APPLE_* environment variables)');
  for (const key of ['entitlements', 'entitlementsInherit'] as const) {
    const file = mac?.[key];
    if (file === undefined || !exists(file)) problems.push(`mac.${key} must name an existing plist`);
    else problems.push(...checkEntitlements(readFileSync(path.join(root, file), 'utf8')).map((p) => `mac.${key}: ${p}`));
  }
  if (!exists(mac?.icon) || !mac?.icon?.endsWith('.icns')) problems.push('mac.icon must name an existing .icns');

  if (!targetNames(config.linux?.target).includes('appimage')) problems.push('linux.target must build AppImage (development builds)');
  if (!exists(config.linux?.icon)) problems.push('linux.icon must name the generated PNG folder');
  return problems;
}

/** The entitlements Electron needs under the hardened runtime, and none it does not. */
export function checkEntitlements(plist: string): string[] {
  const problems: string[] = [];
  if (!/^<\?xml[^>]*\?>/.test(plist.trim()) || !/<plist version="1.0">[\s\S]*<\/plist>\s*$/.test(plist)) problems.push('not an XML property list');
  if (!/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/.test(plist)) problems.push('com.apple.security.cs.allow-jit must be true');
  const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1] ?? '');
  for (const key of granted) {
    if (/device\.|personal-information\.|disable-library-validation|get-task-allow/.test(key)) problems.push(`${key} must not be granted`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Icons.

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_MAGIC) || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Sizes of the images in an .ico, or null when it is not one. */
export function icoSizes(bytes: Buffer): number[] | null {
  if (bytes.length < 6 || bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) return null;
  const count = bytes.readUInt16LE(4);
  if (bytes.length < 6 + count * 16) return null;
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const entry = 6 + i * 16;
    const offset = bytes.readUInt32LE(entry + 12);
    const length = bytes.readUInt32LE(entry + 8);
    if (offset + length > bytes.length) return null;
    sizes.push(bytes[entry] === 0 ? 256 : (bytes[entry] ?? 0));
  }
  return sizes;
}

/** Element types in an .icns, or null when it is not one. */
export function icnsTypes(bytes: Buffer): string[] | null {
  if (bytes.length < 8 || bytes.toString('latin1', 0, 4) !== 'icns' || bytes.readUInt32BE(4) !== bytes.length) return null;
  const types: string[] = [];
  for (let offset = 8; offset < bytes.length; ) {
    const length = offset + 8 <= bytes.length ? bytes.readUInt32BE(offset + 4) : 0;
    if (length < 8 || offset + length > bytes.length) return null;
    types.push(bytes.toString('latin1', offset, offset + 4));
    offset += length;
  }
  return types;
}

export function checkIcons(iconsDir: string): string[] {
  const problems: string[] = [];
  const read = (name: string): Buffer | null => {
    try {
      return readFileSync(path.join(iconsDir, name));
    } catch {
      problems.push(`icon ${name} is missing (run node scripts/icons.ts)`);
      return null;
    }
  };
  const pngDir = path.join(iconsDir, 'png');
  const pngs = existsSync(pngDir) ? readdirSync(pngDir).filter((f) => f.endsWith('.png')) : [];
  if (!pngs.includes('256x256.png') || !pngs.includes('512x512.png')) problems.push('the Linux icon set needs at least 256x256.png and 512x512.png');
  for (const name of pngs) {
    const match = /^(\d+)x(\d+)\.png$/.exec(name);
    const size = pngSize(readFileSync(path.join(pngDir, name)));
    if (match === null || size === null || size.width !== Number(match[1]) || size.height !== Number(match[2])) {
      problems.push(`png/${name} is not a ${match?.[1] ?? '?'}x${match?.[2] ?? '?'} PNG`);
    }
  }
  const master = read('icon.png');
  if (master !== null) {
    const size = pngSize(master);
    if (size === null || size.width < 1024 || size.height !== size.width) problems.push('icon.png must be a square PNG of at least 1024 px');
  }
  const ico = read('icon.ico');
  if (ico !== null) {
    const sizes = icoSizes(ico);
    if (sizes === null) problems.push('icon.ico is not a valid ICO file');
    else if (!sizes.includes(256) || !sizes.includes(16)) problems.push(`icon.ico must hold 16 and 256 px images (has ${sizes.join(', ')})`);
  }
  const icns = read('icon.icns');
  if (icns !== null) {
    const types = icnsTypes(icns);
    if (types === null) problems.push('icon.icns is not a valid ICNS file');
    else if (!types.includes('ic10') && !types.includes('ic09')) problems.push(`icon.icns must hold a 512/1024 px image (has ${types.join(', ')})`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// The packaged output.

/** Non-builtin modules the main bundle loads at run time (Electron provides `electron`). */
export function runtimeRequires(bundle: string): string[] {
  const names = new Set<string>();
  for (const match of bundle.matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
    const specifier = match[1] ?? '';
    if (isBuiltin(specifier) || specifier === 'electron' || specifier.startsWith('electron/')) continue;
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier));
  }
  return [...names].sort();
}

export interface AsarFacts {
  entries: string[];
  /** Entries stored outside the archive (app.asar.unpacked). */
  unpacked: Set<string>;
  readText(entry: string): string;
}

export function readAsar(archive: string): AsarFacts {
  const entries = listPackage(archive, { isPack: false }).map((e) => e.replace(/\\/g, '/').replace(/^\//, ''));
  const unpacked = new Set(entries.filter((entry) => statFile(archive, entry, false).unpacked === true));
  return { entries, unpacked, readText: (entry) => extractFile(archive, entry, false).toString('utf8') };
}

export function checkAsar(asar: AsarFacts, unpackedDir: string, mainBundle: string): string[] {
  const problems: string[] = [];
  const present = new Set(asar.entries);
  for (const file of APP_FILES) if (!present.has(file)) problems.push(`the asar lacks ${file}`);
  for (const entry of asar.entries) {
    const rule = FORBIDDEN.find((r) => r.test(entry));
    if (rule !== undefined) problems.push(`the asar holds ${entry} (${rule.why})`);
  }
  if (present.has('package.json')) {
    const manifest = z.object({ main: z.string() }).passthrough().safeParse(JSON.parse(asar.readText('package.json')));
    if (!manifest.success) problems.push('package.json in the asar has no main');
    else if (!present.has(path.posix.normalize(manifest.data.main))) problems.push(`package.json main (${manifest.data.main}) is not in the asar`);
  }
  for (const name of runtimeRequires(mainBundle)) {
    if (!present.has(`node_modules/${name}/package.json`)) problems.push(`the main bundle requires ${name}, which is not packaged`);
  }
  const natives = asar.entries.filter((entry) => entry.endsWith('.node'));
  if (!natives.some((entry) => entry.startsWith('node_modules/keytar/'))) problems.push("keytar's native module is not packaged");
  for (const entry of natives) {
    if (!asar.unpacked.has(entry)) problems.push(`${entry} is packed inside the asar; native modules must be unpacked`);
    else if (!existsSync(path.join(unpackedDir, entry))) problems.push(`${entry} is marked unpacked but missing from app.asar.unpacked`);
  }
  return problems;
}

export async function checkFuses(binary: string): Promise<string[]> {
  const wire = await getCurrentFuseWire(binary);
  const problems: string[] = [];
  for (const [name, wanted] of Object.entries(FUSE_POLICY) as [FuseName, boolean][]) {
    const state = (wire as Record<number, number | undefined>)[FUSE_INDEX[name]];
    // '1' (49) is enabled, '0' (48) disabled, in the binary's fuse wire.
    const actual = state === 49 ? true : state === 48 ? false : null;
    if (actual !== wanted) problems.push(`fuse ${name} is ${String(actual)} in the packaged binary, want ${String(wanted)}`);
  }
  return problems;
}

export function checkAppUpdateConfig(text: string, expectedUrl: string): string[] {
  const parsed = z.object({ provider: z.string(), url: z.string(), updaterCacheDirName: z.string() }).passthrough().safeParse(yaml.load(text));
  if (!parsed.success) return ['app-update.yml is malformed'];
  const problems: string[] = [];
  if (parsed.data.provider !== 'generic') problems.push(`app-update.yml provider is ${parsed.data.provider}, want generic`);
  if (parsed.data.url !== expectedUrl) problems.push(`app-update.yml url is ${parsed.data.url}, want the configured ${expectedUrl}`);
  return problems;
}

// ---------------------------------------------------------------------------------------
// The stub Electron and the packaging run.

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's own defaults, in wire order: the states electron-builder has to flip.
const ELECTRON_DEFAULT_WIRE = '10110001';

/** A folder shaped like an unpacked Linux Electron, whose binary holds a fuse wire. */
export async function createStubElectronDist(dir: string, electronVersion: string): Promise<void> {
  await mkdir(path.join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stub Electron for packaging checks" >&2\nexit 1\n'),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]),
    Buffer.from(ELECTRON_DEFAULT_WIRE, 'latin1'),
    Buffer.from('\n'),
  ]);
  await writeFile(path.join(dir, 'electron'), wire, { mode: 0o755 });
  await writeFile(path.join(dir, 'version'), electronVersion);
  await writeFile(path.join(dir, 'LICENSE'), 'stub\n');
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => resolve({ code: null, output: `${output}\n${error.message}` }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

export interface PackageCheckResult {
  problems: string[];
  report: string[];
}

export const PLACEHOLDER_FEED = 'https://updates.invalid/frontdesk/';

export async function runPackageCheck({ root = ROOT, timeoutMs = 110_000 } = {}): Promise<PackageCheckResult> {
  const started = performance.now();
  const report: string[] = [];
  const problems: string[] = [];

  const missing = APP_FILES.filter((f) => f !== 'package.json' && !existsSync(path.join(root, f)));
  if (missing.length > 0) return { problems: [`dist/ is not built (missing ${missing.join(', ')}); run npm run build first`], report };

  const configProblems = checkBuilderConfig(readBuilderConfig(root), root);
  problems.push(...configProblems, ...checkIcons(path.join(root, 'assets', 'icons')));
  report.push(`config   electron-builder.yml: ${configProblems.length === 0 ? 'fuses, publish, NSIS, macOS signing settings as required' : `${configProblems.length} problem(s)`}`);
  if (!existsSync(path.join(root, 'node_modules', 'keytar', 'package.json'))) {
    problems.push('keytar (optionalDependency) is not installed, so the package would ship without the keychain; run npm install');
  }

  const temp = await mkdtemp(path.join(os.tmpdir(), 'frontdesk-package-check-'));
  try {
    const stub = path.join(temp, 'electron-dist');
    const out = path.join(temp, 'out');
    const electronVersion = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'))).version;
    await createStubElectronDist(stub, electronVersion);
    const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
    const args = [cli, '--linux', 'dir', '--x64', '--publish', 'never', `-c.electronDist=${stub}`, '-c.npmRebuild=false', `-c.directories.output=${out}`];
    const env = { ...process.env, FRONTDESK_UPDATE_URL: PLACEHOLDER_FEED, CSC_IDENTITY_AUTO_DISCOVERY: 'false', ELECTRON_BUILDER_CACHE: path.join(temp, 'cache') };
    const result = await run(process.execPath, args, env, timeoutMs);
    if (result.code !== 0) {
      const tail = result.output.trim().split('\n').slice(-25).join('\n');
      problems.push(`electron-builder failed (exit ${String(result.code)}):\n${tail}`);
      return { problems, report };
    }
    const appDir = path.join(out, 'linux-unpacked');
    const archive = path.join(appDir, 'resources', 'app.asar');
    if (!existsSync(archive)) {
      problems.push('electron-builder produced no resources/app.asar');
      return { problems, report };
    }
    const asar = readAsar(archive);
    const mainBundle = readFileSync(path.join(root, 'dist', 'main', 'index.cjs'), 'utf8');
    problems.push(...checkAsar(asar, path.join(appDir, 'resources', 'app.asar.unpacked'), mainBundle));
    const files = asar.entries.filter((e) => !asar.entries.some((other) => other.startsWith(`${e}/`)));
    report.push(`asar     ${files.length} files, ${(statSync(archive).size / 1024).toFixed(0)} KiB; unpacked: ${[...asar.unpacked].filter((e) => e.endsWith('.node')).join(', ') || 'none'}`);
    report.push(`requires ${runtimeRequires(mainBundle).join(', ') || '(none beyond Node and Electron)'}`);

    const executable = path.join(appDir, 'frontdesk');
    if (!existsSync(executable)) problems.push('the packaged executable (frontdesk) is missing');
    else {
      const fuseProblems = await checkFuses(executable);
      problems.push(...fuseProblems);
      report.push(`fuses    ${fuseProblems.length === 0 ? 'flipped as configured (read back from the binary)' : 'WRONG'}`);
    }
    const updateConfig = path.join(appDir, 'resources', 'app-update.yml');
    if (!existsSync(updateConfig)) problems.push('resources/app-update.yml is missing (no publish configuration reached the app)');
    else {
      problems.push(...checkAppUpdateConfig(readFileSync(updateConfig, 'utf8'), PLACEHOLDER_FEED));
      report.push(`publish  app-update.yml: generic feed from FRONTDESK_UPDATE_URL`);
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  report.push(`time     ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { problems, report };
}

async function main(): Promise<void> {
  const { problems, report } = await runPackageCheck();
  for (const line of report) console.log(line);
  if (problems.length > 0) {
    console.error(`\npackage check FAILED (${problems.length}):`);
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exit(1);
  }
  console.log('package check passed');
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
