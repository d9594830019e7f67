// A tiny HTTP server on 127.0.0.1 that records every request and answers as the test
// scripts it, for asserting exactly what a client sends and how it copes with odd answers.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as received (still percent-encoded). */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Script = (request: RecordedRequest, response: ServerResponse, index: number) => void | Promise<void>;

export interface ScriptedServer {
  origin: string;
  requests: RecordedRequest[];
  /** Replaces how the next requests are answered. */
  answer(script: Script): void;
  close(): Promise<void>;
}

/** Answers JSON with a status. */
export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Script =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };

/** Answers raw text with a status. */
export const raw =
  (status: number, text: string, contentType = 'text/plain'): Script =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': contentType });
    response.end(text);
  };

/** Answers each request with the next script of the list (the last one repeats). */
export const sequence =
  (...scripts: Script[]): Script =>
  (request, response, index) => {
    const script = scripts[Math.min(index, scripts.length - 1)];
    if (!script) throw new Error('sequence needs at least one script');
    return script(request, response, index);
  };

/** Destroys the connection without an answer. */
export const drop: Script = (_request, response) => {
  response.socket?.destroy();
};

export async function startScriptedServer(initial: Script = json(200, [])): Promise<ScriptedServer> {
  let script = initial;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded: RecordedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      Promise.resolve(script(recorded, response, requests.length - 1)).catch((error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    answer(next) {
      script = next;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
