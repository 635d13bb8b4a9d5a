// The one Content-Security-Policy of the UI, for the Electron protocol and the web host alike.
// No unsafe-eval, no unsafe-inline for scripts; Mantine injects style tags, so styles allow
// 'unsafe-inline' (styles cannot run code); PDFs preview from blob: URLs.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
