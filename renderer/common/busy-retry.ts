// Main answers BUSY when this window asked too much at once (main/ipc/call-limiter.ts). A read
// is then simply asked again after a short, growing pause: the receptionist sees the day
// load a moment later, never an error for it. Changes are never retried here: a BUSY change
// was not made, and the receptionist is told (errorText), since repeating it later on their
// behalf could land on a day that has moved on.
import type { Result } from '../../preload/contract/index.ts';

/** Pauses before each new try; five tries in about three seconds. */
const PAUSES_MS = [150, 300, 600, 1_000, 1_500];

/**
 * `read`, asked again while main answers BUSY and the answer is still `wanted` (a day the
 * receptionist has already left is not asked again: paging quickly is what made main busy).
 */
export async function readWhenNotBusy<T>(read: () => Promise<Result<T>>, wanted: () => boolean = () => true, pauses: readonly number[] = PAUSES_MS): Promise<Result<T>> {
  let result = await read();
  for (const pause of pauses) {
    if (result.ok || result.error.code !== 'BUSY') return result;
    await new Promise((resolve) => setTimeout(resolve, pause));
    if (!wanted()) return result;
    result = await read();
  }
  return result;
}
