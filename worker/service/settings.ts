// Worker tuning from the environment. Defaults suit production (GPU dispatches of ~250 ms, renders of minutes);
// the fault tests shorten the lock and stalled-check intervals further so that a killed worker's job moves on
// within a second or two.
//
// Takeover of a dead worker's job: its lock lapses lockMs after the last renewal (BullMQ renews every lockMs / 2,
// a rendering job also every lockMs / 4 between dispatches), and the next stalled check of any live worker (every
// stalledIntervalMs) puts the job back: measured 6–8 s after a SIGKILL with the defaults (test/service/
// takeover.test.ts; 8–10 s with an 8 s lock, 27–48 s with the former 30 s). The lock is renewed by BullMQ's timer on the
// event loop, which stays responsive through shader compiles (Dawn compiles pipelines off the main thread: a cold
// compile of tens of seconds showed gaps of ≤ 0.4 s between timer turns on lavapipe) and GPU waits (gpu-wait.ts
// blocks it in slices of ≤ 2 ms). What does block it is synchronous CPU work in the job: encoding the finished
// image (the PNG ~0.45 s per megapixel on one core); the lock is renewed right before (handlers.ts), which covers
// images up to ~12 megapixels (a 4K frame takes ~4 s). Larger ones risk a false stall: a job retried elsewhere
// while this worker finishes (the result is stored once either way).
import { DEFAULT_WATCHDOG } from '../../gpu/host/render/render.ts';
import type { RenderWatchdog } from '../../gpu/host/render/types.ts';

export interface WorkerSettings {
  /** Jobs one process renders at once (one GPU: 1). */
  readonly concurrency: number;
  /** How long a job's lock lasts without renewal; BullMQ renews it every lockMs / 2, and so does each progress report.
   * It bounds how long the event loop may stay blocked (lockMs / 2) before the job is taken for a dead worker's. */
  readonly lockMs: number;
  /** How often this worker looks for jobs whose lock expired (their worker died) and puts them back. */
  readonly stalledIntervalMs: number;
  /** Times one job may be recovered from a dead worker before it fails. */
  readonly maxStalledCount: number;
  /** Film checkpoints to storage at most this often. */
  readonly checkpointIntervalMs: number;
  /** Progress written to the database and published at most this often. */
  readonly progressIntervalMs: number;
  /** Target wall time of one GPU dispatch (the renderer adapts the samples per dispatch). */
  readonly targetDispatchMs: number;
  /** Tries per object upload before the job attempt fails. */
  readonly uploadAttempts: number;
  readonly uploadBackoffMs: number;
  /** Compile the kernels of the first jobs most likely to come before taking any (see warm-up.ts). */
  readonly warmUp: boolean;
  /** GPU watchdog: a shader compile or a dispatch that makes no progress within this fails with GpuStallError. */
  readonly compileLimitMs: number;
  readonly dispatchLimitMs: number;
  /** The storage reconciler runs about this often across all workers (one at a time); 0: never from workers. */
  readonly reconcileIntervalMs: number;
  /** It leaves objects younger than this alone (uploads in flight, rows not yet written). */
  readonly reconcileGraceMs: number;
}

/** 6 s / 1.5 s: a dead worker's job moves on in under 10 s; a live one may block its event loop for 3 s. */
export const DEFAULT_LOCK_MS = 6_000;
/** The stalled-check interval is a quarter of the lock, at most this. */
export const MAX_STALLED_INTERVAL_MS = 2_000;

function envInt(env: Record<string, string | undefined>, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min} (got "${raw}")`);
  return value;
}

function envFlag(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new Error(`${name} must be 1 or 0 (got "${raw}")`);
}

export function readWorkerSettings(env: Record<string, string | undefined> = process.env): WorkerSettings {
  const lockMs = envInt(env, 'WORKER_LOCK_MS', DEFAULT_LOCK_MS, 1_000);
  return {
    concurrency: envInt(env, 'WORKER_CONCURRENCY', 1, 1),
    lockMs,
    stalledIntervalMs: envInt(env, 'WORKER_STALLED_INTERVAL_MS', Math.min(MAX_STALLED_INTERVAL_MS, Math.max(500, Math.round(lockMs / 4))), 500),
    maxStalledCount: envInt(env, 'WORKER_MAX_STALLED', 3, 1),
    checkpointIntervalMs: envInt(env, 'CHECKPOINT_INTERVAL_MS', 30_000, 100),
    progressIntervalMs: envInt(env, 'PROGRESS_INTERVAL_MS', 500, 50),
    targetDispatchMs: envInt(env, 'TARGET_DISPATCH_MS', 250, 5),
    uploadAttempts: envInt(env, 'UPLOAD_ATTEMPTS', 8, 1),
    uploadBackoffMs: envInt(env, 'UPLOAD_BACKOFF_MS', 250, 0),
    warmUp: envFlag(env, 'WORKER_WARM_UP', true),
    compileLimitMs: envInt(env, 'GPU_COMPILE_LIMIT_MS', DEFAULT_WATCHDOG.compileMs, 1),
    dispatchLimitMs: envInt(env, 'GPU_DISPATCH_LIMIT_MS', DEFAULT_WATCHDOG.dispatchMs, 1),
    reconcileIntervalMs: envInt(env, 'STORAGE_RECONCILE_INTERVAL_MS', 3_600_000, 0),
    reconcileGraceMs: envInt(env, 'STORAGE_RECONCILE_GRACE_MS', 3_600_000, 0)
  };
}

/** The renderer's watchdog limits from the settings. */
export function watchdogOf(settings: WorkerSettings): RenderWatchdog {
  return { compileMs: settings.compileLimitMs, dispatchMs: settings.dispatchLimitMs };
}
