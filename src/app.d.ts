// SvelteKit's app-wide types. `locals.client` is set for every /api request by hooks.server.ts.
import type { Client } from '$lib/server/auth/owner.ts';

declare global {
  namespace App {
    interface Locals {
      client?: Client;
    }
  }
}

export {};
