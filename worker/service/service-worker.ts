// The worker of one process: a BullMQ Worker per queue (GPU renders, previews) dispatching to the typed handler
// map, the cancel subscriber, and the bookkeeping of final failures. It warms up its kernels before it takes jobs
// and reports its status (warming, ready, stalled) for /api/health. Used by `npm run worker` (worker/service/
// main.ts) and by the embedded mode of `npm start` (in the web server's process).
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { DelayedError, Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { GpuContext } from '../../gpu/host/device.ts';
import { GpuStallError } from '../../gpu/host/render/gpu-wait.ts';
import type { EnvironmentRepository } from '../../src/lib/server/db/environments.ts';
import type { MeshRepository } from '../../src/lib/server/db/meshes.ts';
import type { RenderRepository } from '../../src/lib/server/db/renders.ts';
import { publishEvent } from '../../src/lib/server/events/channels.ts';
import { createRedis } from '../../src/lib/server/queue/connection.ts';
import { JOB_SCHEMAS, QUEUES, type JobName, type QueueKey } from '../../src/lib/server/queue/jobs.ts';
import { workerStatusReporter } from '../../src/lib/server/queue/workers.ts';
import type { ObjectStore } from '../../src/lib/server/storage/index.ts';
import { CancelWatcher } from './cancel.ts';
import { ShutdownError, type JobOutcome, type JobRef, type WorkerContext } from './context.ts';
import { handlers } from './handlers.ts';
import { discardLeftovers } from './leftovers.ts';
import { startPeriodicReconcile } from './periodic-reconcile.ts';
import { failPreview } from './preview-job.ts';
import type { WorkerSettings } from './settings.ts';
import { warmUpWorker } from './warm-up.ts';

export interface ServiceWorkerDeps {
  readonly gpu: GpuContext;
  readonly store: ObjectStore;
  readonly renders: RenderRepository;
  readonly meshes: MeshRepository;
  readonly environments: EnvironmentRepository;
  readonly settings: WorkerSettings;
  readonly redisUrl?: string;
  readonly workerId?: string;
  readonly log?: (message: string) => void;
  /**
   * Called when a job failed on a GPU stall (GpuStallError), once BullMQ has scheduled its retry. The worker has
   * stopped taking jobs by then; the owner gives up the device (main.ts: the process exits and its supervisor
   * starts a fresh one). Without it the worker stays paused.
   */
  readonly onGpuStall?: (error: GpuStallError) => void;
}

export interface ServiceWorker {
  readonly workerId: string;
  /** Stops taking jobs; renders in progress stop at their next dispatch and go back to the queue. */
  close(): Promise<void>;
}

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`;
}

function handle<Q extends QueueKey>(ctx: WorkerContext, queue: Q, onStall: (error: GpuStallError) => Promise<void>) {
  return async (job: Job, token?: string): Promise<JobOutcome> => {
    const name = job.name as JobName<Q>;
    const schema = JOB_SCHEMAS[queue][name];
    if (!schema) throw new Error(`no handler for job ${job.name} on queue ${queue}`);
    const data = schema.parse(job.data);
    const ref: JobRef = {
      id: job.id ?? '',
      attemptsMade: job.attemptsMade,
      extendLock: async (ms) => {
        // Redis takes whole milliseconds (PX): a fractional estimate would fail the renewal.
        if (token) await job.extendLock(token, Math.ceil(Math.max(ctx.settings.lockMs, ms ?? 0)));
      }
    };
    const handler = handlers[queue][name] as (c: WorkerContext, j: JobRef, d: typeof data) => Promise<JobOutcome>;
    try {
      return await handler(ctx, ref, data);
    } catch (error) {
      if (error instanceof ShutdownError && token) {
        // Back to the queue at once for another worker, without using up one of the job's attempts.
        await job.moveToDelayed(Date.now(), token);
        throw new DelayedError();
      }
      // A retryable failure; this worker must stop taking jobs first, or BullMQ hands it the next one at once (on
      // recording this failure) to run on the stalled device.
      if (error instanceof GpuStallError) await onStall(error);
      throw error;
    }
  };
}

/**
 * A failed attempt. Retries are announced per attempt; a final failure (attempts used up, or an unrecoverable
 * error) marks the render or preview failed with the reason, removes what the render left in storage, and is
 * announced once per render: of a chunked render, every chunk that fails for good and the merge job failed by
 * BullMQ in their wake all end here, and only the first to mark the render failed tells.
 */
async function onFailed(ctx: WorkerContext, queue: QueueKey, worker: Worker, job: Job | undefined, error: Error): Promise<void> {
  if (!job) return;
  const state = await job.getState();
  const final = state === 'failed';
  const attempts = job.attemptsMade;
  const message = await failureReason(worker, job, error);
  ctx.log(`job ${job.id} (${job.name}) failed, attempt ${attempts}${final ? ', giving up' : ', will retry'}: ${message}`);
  if (queue === 'preview') {
    const { previewId } = job.data as { previewId: string };
    if (final) await failPreview(ctx, previewId, message);
    return;
  }
  const { renderId } = job.data as { renderId: string };
  if (!final) {
    await publishEvent(ctx.redis, { type: 'render.failed', renderId, error: message, attempts, willRetry: true });
    return;
  }
  const marked = await ctx.renders.failRender(renderId, message);
  if (marked) await publishEvent(ctx.redis, { type: 'render.failed', renderId, error: message, attempts, willRetry: false });
  await discardLeftovers(ctx, renderId);
}

/** BullMQ's own failures ("deferred": set on the job, applied by the next worker to take it) say what happened. */
async function failureReason(worker: Worker, job: Job, error: Error): Promise<string> {
  if (!job.deferredFailure) return error.message;
  // A merge job whose chunk failed for good (failParentOnFailure): the chunk's reason is the render's.
  const child = /^child (.+) failed$/.exec(job.deferredFailure)?.[1];
  if (child !== undefined) {
    const prefix = `${job.queueQualifiedName}:`;
    const failed = child.startsWith(prefix) ? await Job.fromId(worker, child.slice(prefix.length)) : undefined;
    return failed?.failedReason || `a part of the render failed (${child})`;
  }
  // A job whose workers kept dying (stalled more than maxStalledCount times).
  return `the worker running it stopped responding ${job.stalledCounter} times (${error.message})`;
}

export async function startServiceWorker(deps: ServiceWorkerDeps): Promise<ServiceWorker> {
  const workerId = deps.workerId ?? newWorkerId();
  const log = deps.log ?? ((message: string) => console.log(`[worker ${workerId}] ${message}`));
  const redis = createRedis('worker', deps.redisUrl);
  const status = workerStatusReporter(redis, { id: workerId, adapter: deps.gpu.adapterName }, log);
  await status.set('warming');
  let cancels: CancelWatcher;
  try {
    if (deps.settings.warmUp) await warmUpWorker(deps.gpu.device, deps.settings.compileLimitMs, log);
    cancels = await CancelWatcher.start(createRedis('worker-cancel', deps.redisUrl));
  } catch (error) {
    await status.close();
    redis.disconnect();
    throw error;
  }
  const shutdown = new AbortController();
  const ctx: WorkerContext = {
    workerId,
    gpu: deps.gpu,
    redis,
    store: deps.store,
    renders: deps.renders,
    meshes: deps.meshes,
    environments: deps.environments,
    cancels,
    settings: deps.settings,
    shutdown: shutdown.signal,
    log
  };
  const { settings } = deps;
  const common = {
    connection: createRedis('worker-queue', deps.redisUrl),
    name: workerId,
    lockDuration: settings.lockMs,
    stalledInterval: settings.stalledIntervalMs,
    maxStalledCount: settings.maxStalledCount
  };
  let stalled = false;
  const stopTakingJobs = async (error: GpuStallError) => {
    if (!stalled) {
      stalled = true;
      log(`${error.message}: taking no more jobs on this device`);
      void status.set('stalled');
    }
    // Both queues: they share the device. Jobs still running end on their own (or on their own watchdog).
    await Promise.all(workers.map((w) => w.pause(true)));
  };
  const workers: Worker[] = (Object.keys(QUEUES) as QueueKey[]).map((queue) => {
    const worker = new Worker(QUEUES[queue], handle(ctx, queue, stopTakingJobs), { ...common, concurrency: queue === 'render' ? settings.concurrency : 1 });
    worker.on('failed', (job, error) => {
      onFailed(ctx, queue, worker, job, error)
        .catch((err: Error) => log(`failure bookkeeping: ${err.message}`))
        .finally(() => {
          if (error instanceof GpuStallError) deps.onGpuStall?.(error);
        });
    });
    worker.on('stalled', (jobId) => log(`job ${jobId} stalled (its worker died); back in the queue`));
    worker.on('error', (err) => log(`queue ${queue}: ${err.message}`));
    return worker;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  if (!stalled) await status.set('ready');
  const reconcile = startPeriodicReconcile({
    redis,
    store: deps.store,
    renders: deps.renders,
    meshes: deps.meshes,
    environments: deps.environments,
    workerId,
    intervalMs: settings.reconcileIntervalMs,
    graceMs: settings.reconcileGraceMs,
    log
  });
  log(`ready on ${deps.gpu.adapterName}`);
  return {
    workerId,
    async close() {
      shutdown.abort(new Error('shutdown'));
      await Promise.all(workers.map((w) => w.close()));
      await reconcile.stop();
      await cancels.close();
      await status.close();
      redis.disconnect();
      common.connection.disconnect();
    }
  };
}
