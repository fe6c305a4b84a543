// `npm run worker`: a GPU render worker process. Takes render and preview jobs from Redis (REDIS_URL), renders
// with Dawn, writes results to storage (S3_* or DATA_DIR) and the database (DATABASE_URL). Run one per GPU.
// SIGTERM/SIGINT: stop taking jobs, put renders in progress back in the queue (from their checkpoint), release
// the device. A lost or stalled device ends the process with status 1: its supervisor starts a fresh one.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { acquireDevice } from '../../gpu/host/device.ts';
import { closeDb, getDb } from '../../src/lib/server/db/client.ts';
import { environmentsIn } from '../../src/lib/server/db/environments.ts';
import { meshesIn } from '../../src/lib/server/db/meshes.ts';
import { rendersIn } from '../../src/lib/server/db/renders.ts';
import { getObjectStore } from '../../src/lib/server/storage/index.ts';
import { newWorkerId, startServiceWorker, type ServiceWorker } from './service-worker.ts';
import { readWorkerSettings } from './settings.ts';

/** How long a worker giving up its device waits for its other jobs to go back to the queue before it exits. */
const GIVE_UP_GRACE_MS = 15_000;

/** Starts a worker in this process (also used by the embedded mode of `npm start`). */
export async function runWorker(): Promise<{ worker: ServiceWorker; stop(): Promise<void> }> {
  const settings = readWorkerSettings();
  const workerId = process.env.WORKER_ID || newWorkerId();
  const gpu = await acquireDevice();
  const db = await getDb();
  let worker: ServiceWorker | undefined;
  let stopping: Promise<void> | undefined;
  // `destroyDevice: false` for a stalled device: destroying waits for the GPU to go idle, which it may never do.
  const stop = (destroyDevice = true) =>
    (stopping ??= (async () => {
      await worker?.close();
      if (destroyDevice) gpu.destroy();
    })());
  // The device cannot be trusted any more; a new process gets a new one (the stalled work dies with this one).
  const giveUp = (reason: string, destroyDevice: boolean) => {
    console.error(`[worker ${workerId}] ${reason}; exiting for a fresh process and device`);
    process.exitCode = 1;
    setTimeout(() => process.exit(1), GIVE_UP_GRACE_MS).unref();
    void stop(destroyDevice).finally(() => process.exit(1));
  };
  gpu.device.lost.then((info) => {
    if (info.reason !== 'destroyed') giveUp(`GPU device lost: ${info.message}`, true);
  });
  worker = await startServiceWorker({
    gpu,
    store: getObjectStore(),
    renders: rendersIn(db),
    meshes: meshesIn(db),
    environments: environmentsIn(db),
    settings,
    workerId,
    onGpuStall: (error) => giveUp(error.message, false)
  });
  return { worker, stop: () => stop() };
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
