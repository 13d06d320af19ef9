// The page's Content Security Policy, shared by Electron's app:// handler and the browser harness.
// Scripts run only with the per-response nonce ('strict-dynamic' lets the bundle's own imports
// load), rather than 'self', which would trust any script file that ever lands beside the app.

/** The nonce the renderer build writes (vite html.cspNonce, index.html meta); each response replaces it. */
export const BUILD_NONCE = 'c2FjaG1hZG9jLW5vbmNl';

/** The CSP header value. `connect` is 'self' only in the harness, whose bridge is the page's origin. */
export function contentSecurityPolicy(nonce: string, connect: "'self'" | "'none'"): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** index.html with this response's nonce in its meta CSP and script tags. */
export function withNonce(html: string, nonce: string): string {
  return html.split(BUILD_NONCE).join(nonce);
}
