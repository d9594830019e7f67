// Where the window was left: its normal (not maximised) bounds and whether it was maximised,
// kept in a small JSON file in the data folder and used at the next start, but only on a
// display that still exists (a laptop taken off its dock must not open its window off-screen).
// The file is written atomically (a temporary file renamed over it) and read through zod: a
// damaged or foreign file gives the default placement, logged, never a failed start.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { IDisposable } from '../lifecycle/disposable.ts';
import type { Logger } from '../log/logger.ts';
import type { BrowserWindowLike, DisplayLike, RectangleLike } from './electron-like.ts';

export const WINDOW_STATE_FILE = 'window-state.json';
/** The size a window gets when nothing (usable) was remembered, shrunk to fit a small display. */
export const DEFAULT_SIZE = { width: 1440, height: 900 } as const;
/** A remembered window is used only when this much of it (each way, in pixels) lies on a display: enough to grab its title bar. */
const MIN_VISIBLE = { width: 120, height: 60 } as const;
/** Moves and resizes come in bursts while dragging: the file is written once they pause. */
export const SAVE_DEBOUNCE_MS = 500;

const pixels = z.number().int().min(-100_000).max(100_000);
const size = z.number().int().min(1).max(100_000);
const WindowStateSchema = z.object({
  version: z.literal(1),
  bounds: z.object({ x: pixels, y: pixels, width: size, height: size }),
  maximized: z.boolean(),
});
export type WindowState = Omit<z.infer<typeof WindowStateSchema>, 'version'>;

/** Where to open the window: bounds (x and y absent: the OS centres it) and whether to maximise. */
export interface WindowPlacement {
  bounds: RectangleLike;
  maximized: boolean;
}

/** The remembered state, or null when there is none (first start) or it cannot be used (logged). */
export function readWindowState(file: string, log: Logger): WindowState | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') log.warn({ err: error }, 'window state could not be read; default placement');
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    log.warn('window state file is damaged (not JSON); default placement');
    return null;
  }
  const parsed = WindowStateSchema.safeParse(json);
  if (!parsed.success) {
    log.warn({ issues: parsed.error.issues.length }, 'window state file is damaged (unexpected shape); default placement');
    return null;
  }
  return { bounds: parsed.data.bounds, maximized: parsed.data.maximized };
}

/** Writes the state atomically: a reader sees the old file or the new one, never half of one. */
export function writeWindowState(file: string, state: WindowState): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    // Made by start-up already (main/app/data-folder.ts); made here too if it was not.
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, `${JSON.stringify({ version: 1, ...state })}\n`);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function overlap(a: RectangleLike, b: RectangleLike): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** Centred on the display's work area at the default size (or the work area's, if smaller). */
function centredOn(display: DisplayLike): RectangleLike {
  const area = display.workArea;
  const width = Math.min(DEFAULT_SIZE.width, area.width);
  const height = Math.min(DEFAULT_SIZE.height, area.height);
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

/**
 * Where the window opens: the remembered bounds when enough of them lie on one of today's
 * displays (its size kept no larger than that display's work area), else centred on the
 * primary display at the default size. Maximised comes back either way: maximising on the
 * display the bounds are on is right, and on the primary one too.
 */
export function placeWindow(saved: WindowState | null, displays: readonly DisplayLike[], primary: DisplayLike): WindowPlacement {
  if (saved === null) return { bounds: centredOn(primary), maximized: false };
  const host = displays.find((display) => {
    const seen = overlap(saved.bounds, display.workArea);
    return seen.width >= Math.min(MIN_VISIBLE.width, saved.bounds.width) && seen.height >= Math.min(MIN_VISIBLE.height, saved.bounds.height);
  });
  if (host === undefined) return { bounds: centredOn(primary), maximized: saved.maximized };
  const { bounds } = saved;
  return {
    bounds: { x: bounds.x, y: bounds.y, width: Math.min(bounds.width, host.workArea.width), height: Math.min(bounds.height, host.workArea.height) },
    maximized: saved.maximized,
  };
}

export interface TrackOptions {
  file: string;
  log: Logger;
  debounceMs?: number;
}

/**
 * Saves the window's state after it moves, is resized, maximised or restored (once the burst
 * pauses), and at once when it closes. A write that fails is logged: the app goes on.
 */
export function trackWindowState(window: BrowserWindowLike, options: TrackOptions): IDisposable {
  const { file, log } = options;
  let timer: NodeJS.Timeout | null = null;
  let disposed = false;
  const save = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (disposed || window.isDestroyed()) return;
    try {
      writeWindowState(file, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      log.warn({ err: error }, 'window state could not be saved');
    }
  };
  const later = (): void => {
    if (disposed) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(save, options.debounceMs ?? SAVE_DEBOUNCE_MS);
  };
  for (const event of ['move', 'resize', 'maximize', 'unmaximize'] as const) window.on(event, later);
  window.on('close', save);
  return {
    dispose() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      disposed = true;
    },
  };
}
