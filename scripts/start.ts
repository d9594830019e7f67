// `npm start`: the app on the demo clinic. Electron where its binary can be had; otherwise
// the web host, saying why and printing the URL to open.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { findElectronBinary } from './electron-binary.ts';

const root = path.resolve(import.meta.dirname, '..');
const electron = findElectronBinary(root);
const args = process.argv.slice(2);

const child = electron.ok
  ? spawn(electron.path, [root, ...args], { stdio: 'inherit' })
  : (console.log(`Electron is not available: ${electron.reason}.\nStarting the web host instead (same services, in your browser).`),
    spawn(process.execPath, [path.join(root, 'main', 'app', 'webhost-main.ts'), ...args], { stdio: 'inherit' }));

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
