import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CSP_DIRECTIVES } from './src/lib/server/http/security-headers.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter(),
    // 'auto': nonces for server-rendered pages (app.html's theme script carries %sveltekit.nonce%).
    csp: { mode: 'auto', directives: /** @type {import('@sveltejs/kit').CspDirectives} */ (CSP_DIRECTIVES) },
    // hooks.server.ts checks the origin of every state-changing request and answers in JSON; SvelteKit's own
    // check would answer cross-site form posts first, in text.
    csrf: { trustedOrigins: ['*'] }
  }
};

export default config;
