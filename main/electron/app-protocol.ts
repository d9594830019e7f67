// The app:// protocol: the renderer is loaded from our own secure, standard scheme (never
// file://), each file with the strict CSP, and nothing outside the renderer folder.
import { contentSecurityPolicy, readStaticFile } from '../static/files.ts';
import type { ProtocolLike } from './electron-like.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'frontdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** True only for pages of our own app:// origin. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Must run before the app is ready: our scheme behaves like https (secure, standard). */
export function registerAppScheme(electron: { protocol: Pick<ProtocolLike, 'registerSchemesAsPrivileged'> }): void {
  electron.protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false } },
  ]);
}

/** Serves the built renderer on app://frontdesk/ (GET only); everything else is a 404. */
export function serveAppProtocol(protocol: Pick<ProtocolLike, 'handle'>, rendererDir: string): void {
  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST && request.method === 'GET' ? await readStaticFile(rendererDir, url.pathname) : null;
    if (file === null) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: { 'content-type': file.contentType, 'content-security-policy': csp, 'x-content-type-options': 'nosniff' },
    });
  });
}
