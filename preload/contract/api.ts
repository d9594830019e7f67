// The API the renderer sees as `window.frontdesk`: one method per call, plus `on`.
import type { CallArg, CallResult } from './calls.ts';
import type { EventPayload } from './events.ts';
import type { CallName, EventName } from './names.ts';
import type { Result } from './results.ts';

type CallMethod<K extends CallName> = undefined extends CallArg<K>
  ? (arg?: CallArg<K>) => Promise<Result<CallResult<K>>>
  : (arg: CallArg<K>) => Promise<Result<CallResult<K>>>;

export type FrontdeskApi = { [K in CallName]: CallMethod<K> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
