// Loopback HTTP transport for the same router: the UI runs in any browser on this machine.
// Bound to 127.0.0.1, a random token per launch, Host and Origin checked. No business logic.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AppSession } from '../company/session';
import type { Router } from '../ipc/router';
import { contentSecurityPolicy, newStyleNonce, pageWithStyleNonce } from '../security/csp';

export const MAX_BODY_BYTES = 120 * 1024 * 1024;

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export interface WebHostOptions {
  readonly session: AppSession;
  readonly router: Router;
  /** The built renderer (dist/renderer). */
  readonly staticDir: string;
  readonly port?: number;
  readonly token?: string;
}

export interface WebHost {
  readonly server: Server;
  readonly port: number;
  readonly token: string;
  /** The address to open, with the token in the fragment (never sent to the server in logs). */
  readonly url: string;
  close(): Promise<void>;
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(json);
}

const TOO_LARGE = `Anfrage ist zu groß (höchstens ${MAX_BODY_BYTES / 1024 / 1024} MB)`;

/** Thrown by readBody when the body passes MAX_BODY_BYTES: answered with 413, not a reset. */
class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    // Refused up front when the announced length is too large, before anything is read.
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop keeping chunks; the answer goes out and the connection is closed after it.
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** 413 in German, then the connection closes (the client may still be sending the rest). */
function sendTooLarge(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('connection', 'close');
  send(res, 413, { ok: false, error: { code: 'VALIDATION', message: TOO_LARGE } });
  res.on('finish', () => req.destroy());
}

/** Resolves a URL path inside root; null for anything that would leave it. */
export function safeStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const target = resolve(base, '.' + normalize('/' + decoded));
  return target === base || target.startsWith(base + sep) ? target : null;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { session, router } = options;
  const sseClients = new Set<ServerResponse>();
  let port = 0;

  const unsubscribe = session.events.subscribe((event, payload) => {
    const frame = `event: message\ndata: ${JSON.stringify({ event, payload })}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Interner Fehler' } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding and cross-site requests: only our own host names and origin.
    if (!allowedHosts().includes(req.headers.host ?? '')) {
      send(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Unbekannter Host' } });
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin)) {
      send(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Fremde Herkunft (Origin) abgelehnt' } });
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname.startsWith('/api/')) {
      // The token comes in a header; only the event stream takes it from the query, because
      // the browser's EventSource cannot send headers (a token in a URL ends up in logs).
      const isEventStream = url.pathname === '/api/events' && req.method === 'GET';
      const given = String(req.headers['x-abowerk-token'] ?? (isEventStream ? url.searchParams.get('token') : null) ?? '');
      if (!tokensEqual(given, token)) {
        send(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'Zugangsschlüssel fehlt oder ist falsch' } });
        return;
      }
      if (url.pathname === '/api/call' && req.method === 'POST') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(await readBody(req));
        } catch (error) {
          if (error instanceof BodyTooLarge) sendTooLarge(req, res);
          else send(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'Anfrage ist kein gültiges JSON' } });
          return;
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
          send(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'Anfrage muss ein JSON-Objekt mit „channel“ und „payload“ sein' } });
          return;
        }
        const call = parsed as { channel?: unknown; payload?: unknown };
        const result = await router.call(String(call.channel ?? ''), call.payload, session.context());
        send(res, 200, result);
        return;
      }
      if (isEventStream) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': verbunden\n\n');
        sseClients.add(res);
        req.on('close', () => sseClients.delete(res));
        return;
      }
      send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'Unbekannter Endpunkt' } });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { ok: false, error: { code: 'FORBIDDEN', message: 'Methode nicht erlaubt' } });
      return;
    }
    const path = url.pathname === '/' ? '/index.html' : url.pathname;
    const file = safeStaticPath(options.staticDir, path);
    const target = file && existsSync(file) && statSync(file).isFile() ? file : join(options.staticDir, 'index.html');
    if (!file) {
      send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'Nicht gefunden' } });
      return;
    }
    const headers = {
      'content-type': MIME[extname(target)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    };
    if (extname(target) === '.html') {
      // Every page load gets its own style nonce, in the policy and in the page.
      const nonce = newStyleNonce();
      const page = pageWithStyleNonce(await readFile(target, 'utf8'), nonce);
      res.writeHead(200, { ...headers, 'content-security-policy': contentSecurityPolicy(nonce) });
      res.end(req.method === 'HEAD' ? undefined : page);
      return;
    }
    res.writeHead(200, { ...headers, 'content-security-policy': contentSecurityPolicy(null) });
    createReadStream(target).pipe(res);
  }

  await new Promise<void>((resolveListen) => server.listen(options.port ?? 0, '127.0.0.1', resolveListen));
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    async close() {
      unsubscribe();
      for (const client of sseClients) client.end();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
