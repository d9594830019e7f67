// Real processes for end-to-end tests: the sandbox and the web host run as they do for a
// user (node on their CLI), are read from their output, and are always stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';
import type { CallName, EventName, Result, WireMessage } from '../../preload/contract/index.ts';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first match of `pattern` in the output (stdout and stderr). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGTERM (or the given signal), then waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function run(args: string[], env: NodeJS.ProcessEnv = {}): RunningProcess {
  const child = spawn(NODE, args, { cwd: ROOT, env: { ...process.env, FRONTDESK_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    text += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => text,
    waitFor(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const match = text.match(pattern);
          if (match === null) return false;
          done();
          resolve(match);
          return true;
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${pattern} in the output of ${args.join(' ')}:\n${text}`));
        }, timeoutMs);
        const onExit = (): void => {
          if (!check()) {
            done();
            reject(new Error(`${args.join(' ')} exited before printing ${pattern}:\n${text}`));
          }
        };
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(listener);
          child.off('exit', onExit);
        };
        const listener = (): void => {
          check();
        };
        if (check()) return;
        listeners.add(listener);
        child.once('exit', onExit);
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A port on 127.0.0.1 that was free a moment ago (for a server that must come back on it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The web host's dist/ files; built once when missing. */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(path.join(ROOT, 'dist', 'web', 'web-bridge.js')) && existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) return;
  const build = run(['scripts/build.ts']);
  await build.waitFor(/built dist/, 120_000);
  await build.stop();
}

export interface BridgeClient {
  call<T = unknown>(name: CallName, arg?: unknown): Promise<Result<T>>;
  events: { event: EventName; payload: unknown }[];
  close(): void;
}

/** Talks to a web host as its browser bridge does: WebSocket, token, the host's Origin. */
export async function connectBridge(hostUrl: string): Promise<BridgeClient> {
  const url = new URL(hostUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  const socket = new WebSocket(`ws://${url.host}/bridge?token=${encodeURIComponent(token)}`, { origin: url.origin });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const events: BridgeClient['events'] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as WireMessage;
    if (message.kind === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else events.push({ event: message.event, payload: message.payload });
  });
  let next = 1;
  return {
    call<T>(name: CallName, arg?: unknown) {
      const id = next++;
      return new Promise<Result<T>>((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void);
        socket.send(JSON.stringify({ id, call: name, ...(arg !== undefined && { arg }) }));
      });
    },
    events,
    close: () => socket.close(),
  };
}

export interface FinishedProcess {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** How long it ran. */
  ms: number;
}

/** Runs `node …args` to its end (killed after `timeoutMs`), with stdout and stderr apart. */
export function runToEnd(args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<FinishedProcess> {
  const started = Date.now();
  const child = spawn(NODE, args, { cwd: ROOT, env: { ...process.env, FRONTDESK_LOG_LEVEL: 'error', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}
