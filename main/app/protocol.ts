// The UI is served from app://abowerk/ (never file://): paths are resolved inside the built
// renderer folder and anything that would leave it is refused.
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { safeStaticPath } from '../web-host/server';
import { contentSecurityPolicy, newStyleNonce, pageWithStyleNonce } from '../security/csp';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://abowerk`;

export function registerSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'abowerk') return new Response('Nicht gefunden', { status: 404 });
    const file = safeStaticPath(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) return new Response('Verboten', { status: 403 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('X-Content-Type-Options', 'nosniff');
    if (file.endsWith('.html') && response.ok) {
      // Every page load gets its own style nonce, in the policy and in the page.
      const nonce = newStyleNonce();
      headers.set('Content-Security-Policy', contentSecurityPolicy(nonce));
      // The page's length changes with the nonce; the file's length would cut it or hang.
      headers.delete('Content-Length');
      return new Response(pageWithStyleNonce(await response.text(), nonce), { status: response.status, headers });
    }
    headers.set('Content-Security-Policy', contentSecurityPolicy(null));
    return new Response(response.body, { status: response.status, headers });
  });
}
