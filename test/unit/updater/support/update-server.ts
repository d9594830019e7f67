// A generic update server on 127.0.0.1, as a clinic would host one: a plain folder of
// installers and the latest.yml / beta.yml files electron-builder writes beside them.
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpdateServer {
  /** Base URL of the feed, ending in a slash. */
  url: string;
  /** Puts a file on the server (replacing one of the same name). */
  put(name: string, body: string | Buffer): void;
  remove(name: string): void;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function startUpdateServer(): Promise<UpdateServer> {
  const files = new Map<string, Buffer>();
  const requests: UpdateServer['requests'] = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname).replace(/^\/+/, '');
    requests.push({ path, headers: request.headers });
    const body = files.get(path);
    if (request.method !== 'GET' || body === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const type = path.endsWith('.yml') ? 'text/yaml' : 'application/octet-stream';
    response.writeHead(200, { 'content-type': type, 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    put: (name, body) => files.set(name, Buffer.isBuffer(body) ? body : Buffer.from(body)),
    remove: (name) => files.delete(name),
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const sha512Base64 = (body: Buffer): string => createHash('sha512').update(body).digest('base64');

/** Bytes standing in for an installer: deterministic per version, large enough to stream. */
export function fakeInstaller(version: string, size = 256 * 1024): Buffer {
  const seed = createHash('sha256').update(version).digest();
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) out[i] = (seed[i % seed.length] ?? 0) ^ (i & 0xff);
  return out;
}

/** A channel file exactly as electron-builder 26 writes it for an NSIS installer. */
export function channelFile(version: string, installer: Buffer, options: { stagingPercentage?: number; releaseDate?: string } = {}): string {
  const name = `Frontdesk-Setup-${version}.exe`;
  const sha512 = sha512Base64(installer);
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${name}`,
    `    sha512: ${sha512}`,
    `    size: ${installer.length}`,
    `path: ${name}`,
    `sha512: ${sha512}`,
    `releaseDate: '${options.releaseDate ?? '2026-03-20T09:30:00.000Z'}'`,
    ...(options.stagingPercentage === undefined ? [] : [`stagingPercentage: ${options.stagingPercentage}`]),
    '',
  ].join('\n');
}

/** Publishes a release on the server: its installer and the channel file naming it. */
export function publish(server: UpdateServer, channel: 'latest' | 'beta', version: string, options: { stagingPercentage?: number } = {}): Buffer {
  const installer = fakeInstaller(version);
  server.put(`Frontdesk-Setup-${version}.exe`, installer);
  server.put(`${channel}.yml`, channelFile(version, installer, options));
  return installer;
}
