// How the day view looks on this desk: service colours, density and the time axis's zoom.
// Kept in main's settings (settings.json, `look`), so they survive a restart of the app and
// follow the computer, not the care unit. Changed with `updatePreferences({ look })`: a patch,
// so a zoom step sent while a density change is on its way does not undo it.
import { z } from 'zod';

/** `comfortable`: the default; `compact`: smaller text and padding, narrower columns, shorter rows. */
export const DENSITIES = ['comfortable', 'compact'] as const;
export type Density = (typeof DENSITIES)[number];

/**
 * Zoom factors of the time axis (1: the density's own height of a minute). A fixed list, so
 * Ctrl/Cmd + and − step through the same heights on every desk and a hand-edited file cannot
 * ask for a grid a kilometre tall.
 */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;
export const DEFAULT_ZOOM = 1;

export const densitySchema = z.enum(DENSITIES);
export const zoomSchema = z.number().refine((value) => (ZOOM_STEPS as readonly number[]).includes(value), `The zoom must be one of ${ZOOM_STEPS.join(', ')}.`);

export const lookSchema = z.strictObject({
  /** A colour per service on the blocks, with a legend; the status stays shown by border and marks. */
  serviceColours: z.boolean(),
  density: densitySchema,
  zoom: zoomSchema,
});
export type LookPreferences = z.infer<typeof lookSchema>;

/** A change to the look: any of its fields. */
export const lookPatchSchema = z
  .strictObject({ serviceColours: z.boolean().optional(), density: densitySchema.optional(), zoom: zoomSchema.optional() })
  .refine((patch) => patch.serviceColours !== undefined || patch.density !== undefined || patch.zoom !== undefined, 'name the colours, the density or the zoom');
export type LookPatch = z.infer<typeof lookPatchSchema>;

export const DEFAULT_LOOK: Readonly<LookPreferences> = Object.freeze({ serviceColours: true, density: 'comfortable', zoom: DEFAULT_ZOOM });

/** The look after a patch. */
export const patchedLook = (current: LookPreferences | undefined, patch: LookPatch): LookPreferences => ({
  serviceColours: patch.serviceColours ?? current?.serviceColours ?? DEFAULT_LOOK.serviceColours,
  density: patch.density ?? current?.density ?? DEFAULT_LOOK.density,
  zoom: patch.zoom ?? current?.zoom ?? DEFAULT_LOOK.zoom,
});
