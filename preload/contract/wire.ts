// The web host's frames. The socket is a trust boundary like IPC: main checks every frame
// it receives against this schema before the router sees it.
import { z } from 'zod';
import type { EventName } from './names.ts';
import type { Result } from './results.ts';

/**
 * A call frame the web host receives. The socket is a trust boundary like IPC: a frame that
 * does not fit is refused before the router sees it. A call name that is no call of the
 * contract is the router's to refuse (UNKNOWN_CALL); the bound only keeps it loggable.
 */
export const wireRequestSchema = z.strictObject({
  id: z.number().int().min(0),
  call: z.string().max(100),
  arg: z.unknown().optional(),
});
export type WireRequest = z.input<typeof wireRequestSchema>;
export type WireMessage =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; event: EventName; payload: unknown };
