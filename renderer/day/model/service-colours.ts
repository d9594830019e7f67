// A colour per service: which of the palette's colours each of the care unit's services gets.
// By service id, not by order on screen: a service's place in the palette starts at a hash of
// its id, and services take their places in id order, the next free one on a clash. So a
// service has the same colour on every day, in every column order and on every desk of the
// care unit, and no two services share a colour while there are no more than the palette's.
//
// The colours themselves (Okabe–Ito's, told apart by the common kinds of colour blindness,
// each with a light tint behind dark text) are CSS (renderer/day/look.css, `.svc-N`): a block
// carries a class, so turning colours off is one class on the grid, with no block drawn again.
import type { ServiceView } from '../../../preload/contract/index.ts';

export const PALETTE_SIZE = 8;

/** FNV-1a, 32 bits: a fixed, well-spread number per id. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/** Palette index per service id. */
export function assignServiceColours(serviceIds: Iterable<string>): Map<string, number> {
  const ids = [...new Set(serviceIds)].sort();
  const colours = new Map<string, number>();
  const taken = new Set<number>();
  for (const id of ids) {
    let index = hash(id) % PALETTE_SIZE;
    // More services than colours: the later ones share (the legend says which).
    if (taken.size < PALETTE_SIZE) while (taken.has(index)) index = (index + 1) % PALETTE_SIZE;
    taken.add(index);
    colours.set(id, index);
  }
  return colours;
}

const cache = new WeakMap<ReadonlyMap<string, ServiceView>, Map<string, number>>();

/** The colours of a model's services, worked out once per services map. */
export function serviceColours(services: ReadonlyMap<string, ServiceView>): Map<string, number> {
  let colours = cache.get(services);
  if (colours === undefined) {
    colours = assignServiceColours(services.keys());
    cache.set(services, colours);
  }
  return colours;
}

/** A block's colour: its service's, or null for a service the care unit does not list. */
export function colourOf(services: ReadonlyMap<string, ServiceView>, serviceId: string | null): number | null {
  return serviceId === null ? null : (serviceColours(services).get(serviceId) ?? null);
}
