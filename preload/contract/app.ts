// The app itself: which transport runs and what the About box says.

export type RunMode = 'electron' | 'web';

export interface AppInfo {
  name: string;
  version: string;
  /** Which transport the renderer is talking through. */
  mode: RunMode;
  platform: NodeJS.Platform;
  /** Versions of the runtime under main (node, and electron where it is Electron). */
  runtime: { node: string; electron: string | null };
  /** True while the app runs against the embedded demo clinic. */
  demo: boolean;
}
