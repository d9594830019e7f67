// Finds what the tests need on this machine and, where it can (root on Debian, as in CI),
// installs what is missing; otherwise names each missing piece and how to get it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

interface Need {
  what: string;
  present: () => boolean;
  debianPackages: string[];
  howElse: string;
}

const onPath = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const keytarLoads = (): boolean => {
  try {
    createRequire(path.join(root, 'package.json'))('keytar');
    return true;
  } catch {
    return false;
  }
};

export const CHROMIUM_PATH = process.env.FRONTDESK_CHROMIUM ?? '/usr/bin/chromium';

const needs: Need[] = [
  { what: `Chromium at ${CHROMIUM_PATH}`, present: () => existsSync(CHROMIUM_PATH), debianPackages: ['chromium'], howElse: 'install Chromium, or set FRONTDESK_CHROMIUM to its path' },
  { what: 'Xvfb (a display for the Electron test)', present: () => onPath('Xvfb'), debianPackages: ['xvfb', 'xauth'], howElse: 'install Xvfb (package xvfb)' },
  { what: 'a D-Bus session launcher (dbus-run-session)', present: () => onPath('dbus-run-session'), debianPackages: ['dbus', 'dbus-x11'], howElse: 'install dbus' },
  { what: 'a Secret Service (gnome-keyring-daemon)', present: () => onPath('gnome-keyring-daemon'), debianPackages: ['gnome-keyring'], howElse: 'install gnome-keyring' },
  { what: 'pdftotext (poppler-utils), to read printouts rendered to PDF', present: () => onPath('pdftotext'), debianPackages: ['poppler-utils'], howElse: 'install poppler-utils' },
  { what: 'libsecret headers, to build keytar', present: () => existsSync('/usr/include/libsecret-1'), debianPackages: ['libsecret-1-dev'], howElse: 'install libsecret development files' },
];

function canInstall(): boolean {
  return process.platform === 'linux' && process.getuid?.() === 0 && onPath('apt-get');
}

let missing = needs.filter((need) => !need.present());
if (missing.length > 0 && canInstall()) {
  const packages = [...new Set(missing.flatMap((need) => need.debianPackages))];
  console.log(`test setup: installing ${packages.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  missing = needs.filter((need) => !need.present());
}
// keytar is an optional dependency: on a machine without libsecret headers npm skips it.
// Once the headers are here, build it from source (N-API; the same build loads in Electron).
if (!keytarLoads() && existsSync('/usr/include/libsecret-1')) {
  console.log('test setup: building keytar from source');
  execFileSync('npm', ['rebuild', 'keytar'], { cwd: root, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' } });
  if (!keytarLoads()) execFileSync('npm', ['install', '--no-save', '--ignore-scripts=false', 'keytar'], { cwd: root, stdio: 'inherit' });
}
if (!keytarLoads()) missing.push({ what: 'keytar (the OS keychain module)', present: keytarLoads, debianPackages: [], howElse: 'install libsecret-1-dev, then npm rebuild keytar' });

if (missing.length > 0) {
  console.error('test setup: these are missing and could not be installed here:');
  for (const need of missing) {
    const debian = need.debianPackages.length > 0 ? ` (Debian: apt-get install ${need.debianPackages.join(' ')})` : '';
    console.error(`  - ${need.what}: ${need.howElse}${debian}`);
  }
  process.exit(1);
}
console.log('test setup: Chromium, Xvfb, D-Bus, Secret Service and keytar are present');
