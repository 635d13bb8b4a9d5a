// The one Content-Security-Policy of the UI, for the Electron protocol and the web host alike.
// No unsafe-eval and nothing inline: Mantine's generated <style> tags carry a nonce drawn for
// each page load; PDFs preview from blob: URLs.
//
// The built index.html holds the policy as a meta tag and the nonce for the renderer (see
// shared/style-nonce.ts), both with a placeholder; whoever serves the page puts a fresh nonce
// in its place and sends the same policy as a header.
import { randomBytes } from 'node:crypto';
import { STYLE_NONCE_META } from '../../shared/style-nonce';

const PLACEHOLDER = '__ABOWERK_STYLE_NONCE__';

/** A fresh nonce for one page load (128 bits, base64). */
export function newStyleNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The policy; the page carries its style nonce, other files need none. */
export function contentSecurityPolicy(styleNonce: string | null): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self'${styleNonce === null ? '' : ` 'nonce-${styleNonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The head tags the build puts into index.html: the policy and the nonce, with the placeholder. */
export function pageSecurityTags(): string {
  // frame-ancestors only works as a header (app:// and the web host send it); a meta tag ignores it.
  const policy = contentSecurityPolicy(PLACEHOLDER).replace(/; frame-ancestors [^;]+/, '');
  return `<meta http-equiv="Content-Security-Policy" content="${policy}" />\n    <meta name="${STYLE_NONCE_META}" content="${PLACEHOLDER}" />`;
}

/** The page as served: the placeholder replaced by this load's nonce. */
export function pageWithStyleNonce(html: string, styleNonce: string): string {
  return html.replaceAll(PLACEHOLDER, () => styleNonce);
}
