/**
 * Name of the meta tag that carries the page's style nonce from the host (main/security/csp.ts)
 * to the renderer (renderer/app/style-nonce.ts).
 */
export const STYLE_NONCE_META = 'abowerk-style-nonce';
