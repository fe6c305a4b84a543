// The process behind `npm start`: the adapter-node web server from build/ (or, with CLOVERS_DEV=1, Vite's dev
// server with hot reload: `npm run dev:full`) and, in embedded mode (CLOVERS_EMBEDDED_WORKER=1), a render worker
// in the same process. Sharing the process lets both use one embedded PGlite database (the db module keeps one
// instance per process on globalThis).
// Shutdown (SIGTERM/SIGINT): the built app ends its event streams, waits for the worker's stop (registered
// here), closes its connections and exits within SHUTDOWN_DEADLINE_MS (src/lib/server/http/shutdown.ts).
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SECURITY_HEADERS } from '../src/lib/server/http/security-headers.js';
import { onShutdown, SHUTDOWN_DEADLINE_MS } from '../src/lib/server/http/shutdown.ts';

const dev = process.env.CLOVERS_DEV === '1';
const DIRECT_PROTOCOL_HEADER = 'x-clovers-direct-protocol';
/** Run on a signal in dev mode, where the app (in Vite's module graph) installs no shutdown of its own. */
const devStops: Array<() => Promise<void>> = [];

if (dev) {
  const { createServer } = await import('vite');
  const server = await createServer({
    server: { host: process.env.HOST ?? '0.0.0.0', port: Number(process.env.PORT ?? 3000), strictPort: true }
  });
  await server.listen();
  server.printUrls();
  devStops.push(() => server.close());
} else {
  // adapter-node takes every request for https unless ORIGIN or PROTOCOL_HEADER says otherwise, yet it serves
  // plain http itself. Without either, the editor's own posts would fail the origin check (hooks.server.ts:
  // Origin http://host against https://host) and the owner cookie would be Secure on http. The protocol of a
  // direct connection is then told by a header this process sets on every request, over any client's value.
  const direct = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
  if (direct) process.env.PROTOCOL_HEADER = DIRECT_PROTOCOL_HEADER;
  const app = (await import(pathToFileURL(resolve('build/index.js')).href)) as { server?: { server?: Server } };
  // Static files (sirv) never reach hooks.server.ts: their security headers are set here, before any handler
  // runs; SvelteKit's own responses replace them where they set the same header (a page's CSP with its nonce).
  app.server?.server?.prependListener('request', (req, res) => {
    if (direct) req.headers[DIRECT_PROTOCOL_HEADER] = 'http';
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  });
}

if (process.env.CLOVERS_EMBEDDED_WORKER === '1') {
  const { runWorker } = await import('../worker/service/main.ts');
  try {
    // The worker puts its job back in the queue before the app closes the connections it shares.
    const { stop } = await runWorker();
    if (dev) devStops.push(stop);
    else onShutdown(stop);
  } catch (error) {
    console.error(`clovers: the embedded render worker did not start: ${(error as Error).message}`);
    console.error('  the web server keeps running; start a worker with `npm run worker` once the GPU problem is fixed');
  }
}

if (dev) {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => process.exit(0), SHUTDOWN_DEADLINE_MS).unref();
      void Promise.allSettled(devStops.map((stop) => stop())).finally(() => process.exit(0));
    });
  }
}
