// Security headers of every response, in one place for the three code paths that send responses: SvelteKit's
// page CSP (svelte.config.js `kit.csp`, which adds the nonces of its inline scripts), hooks.server.ts (API
// responses and errors) and the production server entry (scripts/serve.ts: static files, which bypass hooks).
// Plain JavaScript because svelte.config.js loads it before any TypeScript tooling runs.

/** CSP directives in SvelteKit's form (keywords unquoted). `style-src 'unsafe-inline'`: Svelte's `style:`
 * directives and inline `style` attributes; images may be data: and blob: URLs (thumbnails, downloads). */
export const CSP_DIRECTIVES = {
  'default-src': ['self'],
  'script-src': ['self'],
  'style-src': ['self', 'unsafe-inline'],
  'img-src': ['self', 'data:', 'blob:'],
  'connect-src': ['self'],
  'object-src': ['none'],
  'base-uri': ['self'],
  'form-action': ['self'],
  'frame-ancestors': ['none']
};

const KEYWORDS = new Set(['self', 'none', 'unsafe-inline', 'unsafe-eval', 'strict-dynamic']);

/** The policy as a header value, for responses SvelteKit does not render (no inline scripts there). */
export const CSP_HEADER = Object.entries(CSP_DIRECTIVES)
  .map(([name, values]) => `${name} ${values.map((v) => (KEYWORDS.has(v) ? `'${v}'` : v)).join(' ')}`)
  .join('; ');

/** Headers every response carries. */
export const SECURITY_HEADERS = {
  'content-security-policy': CSP_HEADER,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin'
};
