// Every call from a renderer passes through here, whatever the transport: the sender is
// checked (our app, main frame only), the argument is validated against the contract's
// schema, and only then does a handler run. Whatever happens, the answer is a Result value;
// a bad call is logged and refused, never a crash of main.
import type { z } from 'zod';
import {
  calls,
  fail,
  type CallName,
  type CallParsedArg,
  type CallResult,
  type Result,
} from '../../preload/contract/index.ts';
import { Failure } from '../errors/failure.ts';
import type { Logger } from '../log/logger.ts';

/** What the transport knows about who sent a call. */
export interface SenderInfo {
  /** URL of the sending frame (Electron) or the socket's Origin (web host). */
  url: string | null;
  /** False for iframes and other sub-frames. */
  isMainFrame: boolean;
}

export type Handler<K extends CallName> = (arg: CallParsedArg<K>) => Promise<Result<CallResult<K>>> | Result<CallResult<K>>;
export type Handlers = { [K in CallName]: Handler<K> };

export interface RouterOptions {
  handlers: Handlers;
  /** True when the URL is our app's own origin. */
  isTrustedUrl: (url: string) => boolean;
  log: Logger;
}

export interface Router {
  dispatch(name: string, arg: unknown, sender: SenderInfo): Promise<Result<unknown>>;
}

const isCallName = (name: string): name is CallName => Object.hasOwn(calls, name);

export function createRouter({ handlers, isTrustedUrl, log }: RouterOptions): Router {
  return {
    async dispatch(name, arg, sender) {
      if (!sender.isMainFrame || sender.url === null || !isTrustedUrl(sender.url)) {
        log.warn({ call: name, senderUrl: sender.url, mainFrame: sender.isMainFrame }, 'refused call from untrusted sender');
        return fail('FORBIDDEN_SENDER', 'This call is only accepted from the Frontdesk window.');
      }
      if (!isCallName(name)) {
        log.warn({ call: name }, 'refused unknown call');
        return fail('UNKNOWN_CALL', `There is no call named ${JSON.stringify(name).slice(0, 80)}.`);
      }
      let parsed: ReturnType<z.ZodType['safeParse']>;
      try {
        parsed = (calls[name].arg as z.ZodType).safeParse(arg);
      } catch (error) {
        // A check that threw instead of reporting an issue: a bug, but still a refusal. Only
        // the error's name is logged, as its message or fields may repeat the argument.
        log.error({ call: name, errorType: error instanceof Error ? error.name : typeof error }, 'argument check failed');
        return fail('INVALID_ARGUMENT', `Invalid argument for ${name}.`, { issues: [{ path: '(argument)', message: 'could not be checked' }] });
      }
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(argument)', message: issue.message }));
        log.warn({ call: name, issues }, 'refused call with an invalid argument');
        return fail('INVALID_ARGUMENT', `Invalid argument for ${name}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
      }
      try {
        const handler = handlers[name] as (arg: unknown) => Promise<Result<unknown>> | Result<unknown>;
        return await handler(parsed.data);
      } catch (error) {
        // The one place a service's failure becomes a Result (main/errors/failure.ts).
        if (error instanceof Failure) {
          const appError = error.toAppError();
          // The app's own breakage (a store it cannot read) is told plainly to the receptionist
          // and kept in full for whoever reads the log.
          if (appError.code === 'INTERNAL') log.error({ call: name, err: error }, 'handler failed');
          return { ok: false, error: appError };
        }
        log.error({ call: name, err: error }, 'handler failed');
        return fail('INTERNAL', `Something went wrong in ${name}; the log has the details.`);
      }
    },
  };
}
