import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../../main/ipc/handlers';
import { createRouter } from '../../../main/ipc/router';
import { pageSecurityTags } from '../../../main/security/csp';
import { MAX_BODY_BYTES, safeStaticPath, startWebHost, type WebHost } from '../../../main/web-host/server';
import { createTestCompany, type TestCompany } from '../../support/company';

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(host: WebHost, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

describe('web host', () => {
  let t: TestCompany;
  let host: WebHost;
  let staticDir: string;
  beforeEach(async () => {
    t = await createTestCompany();
    staticDir = mkdtempSync(join(tmpdir(), 'abowerk-static-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Abowerk</title>');
    host = await startWebHost({ session: t.session, router: createRouter(handlers), staticDir });
  });
  afterEach(async () => {
    await host.close();
    await t.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  const callBody = JSON.stringify({ channel: 'customers.list', payload: {} });

  it('binds to 127.0.0.1 only', () => {
    const address = host.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
  });

  it('refuses a call without the token (401) and with a wrong one (401)', async () => {
    const missing = await send(host, '/api/call', { method: 'POST', body: callBody, headers: { 'content-type': 'application/json' } });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body).error.message).toBe('Zugangsschlüssel fehlt oder ist falsch');
    const wrong = await send(host, '/api/call', { method: 'POST', body: callBody, headers: { 'x-abowerk-token': 'x'.repeat(32) } });
    expect(wrong.status).toBe(401);
    const events = await send(host, '/api/events');
    expect(events.status).toBe(401);
  });

  it('refuses a foreign Host header (403) even with the token: no DNS rebinding', async () => {
    const reply = await send(host, '/api/call', { method: 'POST', body: callBody, headers: { host: 'evil.example:80', 'x-abowerk-token': host.token } });
    expect(reply.status).toBe(403);
    const page = await send(host, '/', { headers: { host: `attacker.example:${host.port}` } });
    expect(page.status).toBe(403);
  });

  it('refuses a foreign Origin (403)', async () => {
    const reply = await send(host, '/api/call', { method: 'POST', body: callBody, headers: { origin: 'https://evil.example', 'x-abowerk-token': host.token } });
    expect(reply.status).toBe(403);
  });

  it('answers a valid call with the token through the router', async () => {
    const reply = await send(host, '/api/call', { method: 'POST', body: callBody, headers: { 'x-abowerk-token': host.token, origin: `http://127.0.0.1:${host.port}` } });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { rows: [], total: 0, offset: 0, limit: 50 } });
  });

  it('gives every page load its own style nonce, in the policy and in the page (no unsafe-inline)', async () => {
    writeFileSync(join(staticDir, 'index.html'), `<!doctype html><html><head>${pageSecurityTags()}<title>Abowerk</title></head></html>`);
    const nonceOf = (reply: Reply): { header: string | undefined; meta: string | undefined; metaPolicy: string | undefined } => ({
      header: /style-src 'self' 'nonce-([^']+)'/.exec(String(reply.headers['content-security-policy']))?.[1],
      meta: /<meta name="abowerk-style-nonce" content="([^"]+)"/.exec(reply.body)?.[1],
      metaPolicy: /<meta http-equiv="Content-Security-Policy" content="[^"]*style-src 'self' 'nonce-([^']+)'/.exec(reply.body)?.[1],
    });
    const first = nonceOf(await send(host, '/'));
    const second = nonceOf(await send(host, '/index.html'));
    expect(first.header).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(first).toEqual({ header: first.header, meta: first.header, metaPolicy: first.header });
    expect(second.header).not.toBe(first.header);
    expect(second).toEqual({ header: second.header, meta: second.header, metaPolicy: second.header });
    // Other files carry the policy without a nonce.
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'export {};');
    const script = await send(host, '/assets/app.js');
    expect(String(script.headers['content-security-policy'])).toContain("style-src 'self';");
  });

  it('takes the token from the query only for the event stream (a token in a URL lands in logs)', async () => {
    const inQuery = await send(host, `/api/call?token=${encodeURIComponent(host.token)}`, { method: 'POST', body: callBody, headers: { 'content-type': 'application/json' } });
    expect(inQuery.status).toBe(401);
    const events = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${encodeURIComponent(host.token)}`, headers: { host: `127.0.0.1:${host.port}` } }, (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.end();
    });
    expect(events).toBe(200);
  });

  it('answers a body that is JSON but no object with 400 in German, not 500', async () => {
    for (const body of ['null', '42', '"text"', '[]']) {
      const reply = await send(host, '/api/call', { method: 'POST', body, headers: { 'x-abowerk-token': host.token } });
      expect({ body, status: reply.status, error: JSON.parse(reply.body).error }).toEqual({
        body,
        status: 400,
        error: { code: 'VALIDATION', message: 'Anfrage muss ein JSON-Objekt mit „channel“ und „payload“ sein' },
      });
    }
  });

  it('answers an announced body over the limit with 413 in German before reading it', async () => {
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/call',
          method: 'POST',
          headers: { host: `127.0.0.1:${host.port}`, 'x-abowerk-token': host.token, 'content-length': String(MAX_BODY_BYTES + 1) },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
        },
      );
      req.on('error', reject);
      // Only the first megabyte is sent: the answer must come without the rest.
      req.write(Buffer.alloc(1024 * 1024, 0x20));
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).error).toEqual({ code: 'VALIDATION', message: 'Anfrage ist zu groß (höchstens 120 MB)' });
   }, 10_000);

  it('serves the page with a strict CSP and refuses path traversal', async () => {
    const page = await send(host, '/');
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    const traversal = await send(host, '/..%2f..%2f..%2fetc%2fpasswd');
    expect(traversal.body).not.toContain('root:');
    expect(safeStaticPath('/srv/app', '/../../etc/passwd')).toBe('/srv/app/etc/passwd');
    expect(safeStaticPath('/srv/app', '/%2e%2e/%2e%2e/etc/passwd')).toBe('/srv/app/etc/passwd');
    expect(safeStaticPath('/srv/app', '/a\0b')).toBeNull();
  });
});
