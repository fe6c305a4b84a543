// The process behind `npm start`: the adapter-node web server from build/ (or, with CLOVERS_DEV=1, Vite's dev
// server with hot reload: `npm run dev:full`) and, in embedded mode (CLOVERS_EMBEDDED_WORKER=1), a render worker
// in the same process. Sharing the process lets both use one embedded PGlite database (the db module keeps one
// instance per process on globalThis).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

if (process.env.CLOVERS_DEV === '1') {
  const { createServer } = await import('vite');
  const server = await createServer({
    server: { host: process.env.HOST ?? '0.0.0.0', port: Number(process.env.PORT ?? 3000), strictPort: true }
  });
  await server.listen();
  server.printUrls();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void server.close());
} else {
  await import(pathToFileURL(resolve('build/index.js')).href);
}

if (process.env.CLOVERS_EMBEDDED_WORKER === '1') {
  const { runWorker } = await import('../worker/service/main.ts');
  try {
    const { stop } = await runWorker();
    let stopping = false;
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.on(signal, () => {
        if (stopping) return;
        stopping = true;
        // The web server closes on the same signal (adapter-node); the worker puts its job back in the queue.
        void stop().finally(() => setTimeout(() => process.exit(0), 200));
        // Never hang on shutdown (a Redis that went away first would keep the queue connections retrying).
        setTimeout(() => process.exit(0), 15_000).unref();
      });
    }
  } catch (error) {
    console.error(`clovers: the embedded render worker did not start: ${(error as Error).message}`);
    console.error('  the web server keeps running; start a worker with `npm run worker` once the GPU problem is fixed');
  }
}
