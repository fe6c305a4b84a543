// What every job handler receives: the process's GPU, Redis, storage and database, and the job's lock.
import type { Redis } from 'ioredis';
import type { GpuContext } from '../../gpu/host/device.ts';
import type { EnvironmentRepository } from '../../src/lib/server/db/environments.ts';
import type { MeshRepository } from '../../src/lib/server/db/meshes.ts';
import type { RenderRepository } from '../../src/lib/server/db/renders.ts';
import type { ObjectStore } from '../../src/lib/server/storage/index.ts';
import type { CancelWatcher } from './cancel.ts';
import type { WorkerSettings } from './settings.ts';

export interface WorkerContext {
  /** Stored on the render row and in 'render.started' events: which process rendered it. */
  readonly workerId: string;
  readonly gpu: GpuContext;
  /** Commands and PUBLISH (not the subscriber). */
  readonly redis: Redis;
  readonly store: ObjectStore;
  readonly renders: RenderRepository;
  /** Uploaded meshes' metadata (the bytes are in `store`). */
  readonly meshes: MeshRepository;
  /** Uploaded environment maps' metadata (the bytes are in `store`). */
  readonly environments: EnvironmentRepository;
  readonly cancels: CancelWatcher;
  readonly settings: WorkerSettings;
  /** Aborted when the process shuts down: renders stop at the next dispatch and go back to the queue. */
  readonly shutdown: AbortSignal;
  readonly log: (message: string) => void;
}

/** The BullMQ job as handlers see it. */
export interface JobRef {
  readonly id: string;
  /** Attempts already made before this one. */
  readonly attemptsMade: number;
  /**
   * Renews this worker's lock on the job (called between GPU dispatches) for the configured lock duration, or for
   * `ms` before a step that blocks the event loop (BullMQ's own renewal timer cannot run then).
   */
  extendLock(ms?: number): Promise<void>;
}

/** How a job ended (its BullMQ return value). */
export type JobOutcome =
  | { readonly outcome: 'done'; readonly samples: number }
  | { readonly outcome: 'cancelled' }
  | { readonly outcome: 'skipped'; readonly reason: string };

/** Thrown when shutdown interrupted a job: it goes back to the queue without using up an attempt. */
export class ShutdownError extends Error {
  constructor() {
    super('worker shutting down');
    this.name = 'ShutdownError';
  }
}
