// The nonce the host put into the page (main/security/csp.ts). Every <style> tag the UI
// generates carries it, so the CSP needs no 'unsafe-inline' for styles: Mantine's own tags
// (MantineProvider getStyleNonce) and the scroll lock of its modals (react-remove-scroll,
// which asks get-nonce).
import { setNonce } from 'get-nonce';
import { STYLE_NONCE_META } from '../../shared/style-nonce';

/** Reads the page's nonce once and hands it to get-nonce; undefined outside a served page. */
export function installStyleNonce(): string | undefined {
  const nonce = document.querySelector<HTMLMetaElement>(`meta[name="${STYLE_NONCE_META}"]`)?.content || undefined;
  if (nonce !== undefined) setNonce(nonce);
  return nonce;
}
