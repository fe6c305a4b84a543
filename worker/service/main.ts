// `npm run worker`: a GPU render worker process. Takes render and preview jobs from Redis (REDIS_URL), renders
// with Dawn, writes results to storage (S3_* or DATA_DIR) and the database (DATABASE_URL). Run one per GPU.
// SIGTERM/SIGINT: stop taking jobs, put renders in progress back in the queue (from their checkpoint), release
// the device.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { acquireDevice } from '../../gpu/host/device.ts';
import { closeDb, getDb } from '../../src/lib/server/db/client.ts';
import { meshesIn } from '../../src/lib/server/db/meshes.ts';
import { rendersIn } from '../../src/lib/server/db/renders.ts';
import { getObjectStore } from '../../src/lib/server/storage/index.ts';
import { readWorkerSettings } from './settings.ts';
import { startServiceWorker, type ServiceWorker } from './service-worker.ts';

/** Starts a worker in this process (also used by the embedded mode of `npm start`). */
export async function runWorker(): Promise<{ worker: ServiceWorker; stop(): Promise<void> }> {
  const settings = readWorkerSettings();
  const gpu = await acquireDevice();
  const db = await getDb();
  const worker = await startServiceWorker({
    gpu,
    store: getObjectStore(),
    renders: rendersIn(db),
    meshes: meshesIn(db),
    settings,
    workerId: process.env.WORKER_ID || undefined
  });
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await worker.close();
      gpu.destroy();
    })());
  gpu.device.lost.then((info) => {
    if (info.reason === 'destroyed') return;
    console.error(`[worker ${worker.workerId}] GPU device lost: ${info.message}`);
    process.exitCode = 1;
    void stop().then(() => process.exit(1));
  });
  return { worker, stop };
}

async function main(): Promise<void> {
  const { stop } = await runWorker();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => process.exit(0), 15_000).unref();
      void stop()
        .then(() => closeDb())
        .finally(() => process.exit(0));
    });
  }
}

const isEntry = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) {
  main().catch((error: Error) => {
    console.error(`worker: ${error.message}`);
    process.exit(1);
  });
}
