// How the day view looks on this desk (service colours, density, zoom of the time axis): the
// renderer's copy of main's `look` preference. Shown at once when changed here and saved in
// main (settings.json), so it survives a restart; told by the settings feature when main's
// view arrives. While changes of this screen are on their way, main's answers to the earlier
// ones are older than what is shown and are not taken (rapid Ctrl + presses do not flicker).
//
// The zoom actions are plain functions so that any caller can run them: the keyboard
// (Ctrl/Cmd + − 0), the toolbar's menu, an Electron menu item.
import { create } from 'zustand';
import { DEFAULT_LOOK, ZOOM_STEPS, type LookPatch, type LookPreferences } from '../../preload/contract/index.ts';
import { frontdesk } from './frontdesk.ts';

export const useLook = create<LookPreferences>(() => ({ ...DEFAULT_LOOK }));

let inFlight = 0;

/** Main's look (from the settings view); ignored while this screen's own changes are on their way. */
export function adoptLook(look: LookPreferences | undefined): void {
  if (look === undefined || inFlight > 0) return;
  const shown = useLook.getState();
  if (shown.serviceColours !== look.serviceColours || shown.density !== look.density || shown.zoom !== look.zoom) useLook.setState({ ...look });
}

/** Shows a change at once and saves it in main; main's answer (or, on failure, its last view) wins once nothing else is on its way. */
export async function changeLook(patch: LookPatch): Promise<void> {
  const before = useLook.getState();
  useLook.setState(patch);
  inFlight += 1;
  let saved: LookPreferences | null = null;
  try {
    const result = await frontdesk().updatePreferences({ look: patch });
    if (result.ok) saved = result.value.look;
  } catch {
    // A closed bridge: the change stays on screen for this session only.
  } finally {
    inFlight -= 1;
  }
  if (inFlight > 0) return;
  if (saved !== null) adoptLook(saved);
  else useLook.setState({ serviceColours: before.serviceColours, density: before.density, zoom: before.zoom });
}

const stepIndex = (zoom: number): number => {
  const index = (ZOOM_STEPS as readonly number[]).indexOf(zoom);
  return index === -1 ? (ZOOM_STEPS as readonly number[]).indexOf(DEFAULT_LOOK.zoom) : index;
};

/** The next zoom step in a direction, or null at the end of the list. */
export function nextZoom(zoom: number, direction: 1 | -1): number | null {
  return ZOOM_STEPS[stepIndex(zoom) + direction] ?? null;
}

export const zoomIn = (): void => {
  const next = nextZoom(useLook.getState().zoom, 1);
  if (next !== null) void changeLook({ zoom: next });
};

export const zoomOut = (): void => {
  const next = nextZoom(useLook.getState().zoom, -1);
  if (next !== null) void changeLook({ zoom: next });
};

export const zoomReset = (): void => {
  if (useLook.getState().zoom !== DEFAULT_LOOK.zoom) void changeLook({ zoom: DEFAULT_LOOK.zoom });
};

/**
 * Which zoom a key press asks for (Ctrl/Cmd with + or =, − or _, 0, and the keypad's), or
 * null. The browser's and Electron's own page zoom use the same keys: the caller prevents
 * their default.
 */
export function zoomKey(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey'>): 'in' | 'out' | 'reset' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  if (event.key === '+' || event.key === '=' || event.code === 'NumpadAdd') return 'in';
  if (event.key === '-' || event.key === '_' || event.key === '−' || event.code === 'NumpadSubtract') return 'out';
  if (event.key === '0' || event.code === 'Numpad0') return 'reset';
  return null;
}
