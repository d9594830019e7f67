// One browser's bridge connection: its calls go through the call limiter (this socket is one
// sender) and the router, main's events come back on it while it is open (the subscription
// is released when it closes).
import type { RawData, WebSocket } from 'ws';
import { fail, wireRequestSchema, type Result, type WireMessage, type WireRequest } from '../../preload/contract/index.ts';
import type { HostedServices } from '../ipc/hosted.ts';
import type { CallLimiter } from '../ipc/call-limiter.ts';
import { DisposableStore, toDisposable } from '../lifecycle/disposable.ts';
import type { Logger } from '../log/logger.ts';

/** A frame from a socket as a call, or null when it is not one. */
function readFrame(data: RawData, isBinary: boolean): WireRequest | null {
  if (isBinary) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString());
  } catch {
    return null;
  }
  const frame = wireRequestSchema.safeParse(parsed);
  return frame.success ? frame.data : null;
}

// Callers of a coalesced read share one answer (main/ipc/call-limiter.ts): a big day (half a
// megabyte of JSON) is serialized and encoded once, not once per caller, and each frame is
// that buffer between its own id and a brace.
const answerBytes = new WeakMap<object, Buffer>();
const FRAME_END = Buffer.from('}');

function resultFrame(id: number, result: Result<unknown>): Buffer {
  let bytes = answerBytes.get(result);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(result));
    answerBytes.set(result, bytes);
  }
  return Buffer.concat([Buffer.from(`{"kind":"result","id":${id},"result":`), bytes, FRAME_END]);
}

export function serveBridgeSocket(ws: WebSocket, options: { senderOrigin: string; services: HostedServices; limiter: CallLimiter; log: Logger }): void {
  const { limiter, log } = options;
  const send = (message: WireMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const owned = new DisposableStore();
  owned.add(toDisposable(options.services.bus.subscribe((event, payload) => send({ kind: 'event', event, payload }))));
  ws.on('close', () => {
    owned.dispose();
    limiter.forget(ws);
  });
  ws.on('error', (error) => log.warn({ err: error }, 'bridge socket error'));
  ws.on('message', (data, isBinary) => {
    const request = readFrame(data, isBinary);
    if (request === null) {
      log.warn('malformed bridge frame');
      send({ kind: 'result', id: -1, result: fail('INVALID_ARGUMENT', 'Malformed request frame.') });
      return;
    }
    limiter
      .dispatch(ws, request.call, request.arg, { url: options.senderOrigin, isMainFrame: true })
      .then((result) => {
        if (ws.readyState === ws.OPEN) ws.send(resultFrame(request.id, result), { binary: false });
      })
      .catch((error: unknown) => {
        // An answer that cannot be written (not JSON) is a bug in main: the page gets a
        // typed error instead of waiting for ever, and main keeps serving.
        log.error({ err: error, call: request.call }, 'bridge answer could not be sent');
        send({ kind: 'result', id: request.id, result: fail('INTERNAL', 'The app could not send its answer; the log has the details.') });
      });
  });
}
