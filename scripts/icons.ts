// Renders the app icon for every platform from assets/icon.svg into assets/icons/: PNGs for
// Linux (a folder of NxN.png, as electron-builder expects), a 1024 px PNG, the Windows .ico
// and the macOS .icns. The outputs are committed so packaging never needs this script; it is
// deterministic (same SVG, same bytes), and `--check` verifies the committed files are current.
//
//   node scripts/icons.ts          write assets/icons/*
//   node scripts/icons.ts --check  exit 1 when a committed icon differs from the SVG's rendering
import { Resvg } from '@resvg/resvg-js';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import png2icons from 'png2icons';

const root = path.resolve(import.meta.dirname, '..');
export const ICON_SOURCE = path.join(root, 'assets', 'icon.svg');
export const ICONS_DIR = path.join(root, 'assets', 'icons');

/** Sizes of the Linux icon set; 1024 also feeds the .ico and .icns builders. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

/** Every generated file, by path relative to assets/icons. */
export type IconSet = Map<string, Buffer>;

function renderPng(svg: string, size: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    // No text in the icon; skipping system fonts keeps the output independent of the machine.
    font: { loadSystemFonts: false },
    shapeRendering: 2,
    logLevel: 'off',
  });
  return resvg.render().asPng();
}

export function renderIcons(svg: string): IconSet {
  const out: IconSet = new Map();
  for (const size of PNG_SIZES) out.set(`png/${size}x${size}.png`, renderPng(svg, size));
  const master = out.get('png/1024x1024.png');
  if (master === undefined) throw new Error('the 1024 px master rendering is missing');
  out.set('icon.png', master);

  // forWinExe: PNG chunks from 64 px up, BMP below, which every Windows shell renders.
  const ico = png2icons.createICO(master, png2icons.BICUBIC, 0, false, true);
  if (ico === null) throw new Error('png2icons could not build the .ico');
  out.set('icon.ico', ico);
  const icns = png2icons.createICNS(master, png2icons.BICUBIC, 0);
  if (icns === null) throw new Error('png2icons could not build the .icns');
  out.set('icon.icns', icns);
  return out;
}

export async function renderIconsFromSource(): Promise<IconSet> {
  return renderIcons(await readFile(ICON_SOURCE, 'utf8'));
}

/** Relative paths of committed icons that are missing or differ from a fresh rendering. */
export async function staleIcons(icons: IconSet): Promise<string[]> {
  const stale: string[] = [];
  for (const [name, bytes] of icons) {
    const committed = await readFile(path.join(ICONS_DIR, name)).catch(() => null);
    if (committed === null || !committed.equals(bytes)) stale.push(name);
  }
  return stale;
}

async function main(): Promise<void> {
  png2icons.setLogger(() => {});
  const icons = await renderIconsFromSource();
  if (process.argv.includes('--check')) {
    const stale = await staleIcons(icons);
    if (stale.length > 0) {
      console.error(`icons are out of date with assets/icon.svg: ${stale.join(', ')}\nrun: node scripts/icons.ts`);
      process.exit(1);
    }
    console.log(`icons are up to date (${icons.size} files)`);
    return;
  }
  for (const [name, bytes] of icons) {
    const file = path.join(ICONS_DIR, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
  }
  console.log(`wrote ${icons.size} icons to ${path.relative(root, ICONS_DIR)}/`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
