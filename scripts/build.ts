// One build for the three processes: main (CommonJS, for Electron), the sandboxed preload
// (one self-contained CommonJS file: a sandboxed preload cannot require our modules), the
// renderer (one browser bundle plus CSS), and the web host's browser bridge.
import { build, type BuildOptions } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
// Production unless asked otherwise: the bench and the package measure what ships.
const production = process.env.FRONTDESK_DEV_BUILD !== '1';

const common: BuildOptions = {
  bundle: true,
  sourcemap: 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

await rm(dist, { recursive: true, force: true });
await mkdir(path.join(dist, 'renderer'), { recursive: true });

await Promise.all([
  build({
    ...common,
    entryPoints: ['main/app/electron-main.ts'],
    outfile: 'dist/main/index.cjs',
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    // Native and Electron-provided modules stay outside the bundle (asarUnpack'ed natives).
    external: ['electron', 'keytar'],
    define: {},
  }),
  build({
    ...common,
    entryPoints: ['preload/index.ts'],
    outfile: 'dist/preload/index.cjs',
    platform: 'node',
    target: 'chrome140',
    format: 'cjs',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: { app: 'renderer/main.tsx' },
    outdir: 'dist/renderer',
    platform: 'browser',
    target: 'chrome140',
    format: 'iife',
    jsx: 'automatic',
    loader: { '.svg': 'file', '.png': 'file', '.woff2': 'file' },
  }),
  build({
    ...common,
    entryPoints: ['preload/web-bridge.ts'],
    outfile: 'dist/web/web-bridge.js',
    platform: 'browser',
    target: 'chrome140',
    format: 'iife',
  }),
]);
await copyFile(path.join(root, 'renderer', 'index.html'), path.join(dist, 'renderer', 'index.html'));
console.log('built dist/main, dist/preload, dist/renderer, dist/web');
