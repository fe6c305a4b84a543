// What each render worker process is doing, for /api/health: one Redis key per worker that expires unless the
// worker's heartbeat renews it, so a worker that died without saying so drops out of the list on its own.
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { redisKeys } from './keys.ts';

/**
 * 'warming': compiling its kernels before it takes jobs; 'ready': taking jobs; 'stalled': its GPU stopped making
 * progress, it takes no more jobs and gives up the device (the process exits for its supervisor to restart it).
 */
export const WORKER_STATUSES = ['warming', 'ready', 'stalled'] as const;
export type WorkerState = (typeof WORKER_STATUSES)[number];

/** A status key survives two missed heartbeats (a worker's event loop may be blocked for seconds by a compile). */
export const WORKER_STATUS_TTL_S = 30;
export const WORKER_HEARTBEAT_MS = 10_000;

const workerStatusSchema = z.object({
  id: z.string(),
  status: z.enum(WORKER_STATUSES),
  adapter: z.string(),
  /** When the worker entered this status (ISO time). */
  since: z.string()
});
export type WorkerStatus = z.infer<typeof workerStatusSchema>;

export async function writeWorkerStatus(redis: Redis, status: WorkerStatus): Promise<void> {
  await redis.set(redisKeys.workerStatus(status.id), JSON.stringify(status), 'EX', WORKER_STATUS_TTL_S);
}

export async function removeWorkerStatus(redis: Redis, workerId: string): Promise<void> {
  await redis.del(redisKeys.workerStatus(workerId));
}

/** Keeps one worker's status key alive (heartbeat) until closed; write failures are logged, never thrown. */
export function workerStatusReporter(redis: Redis, worker: { id: string; adapter: string }, log: (message: string) => void) {
  let current: WorkerStatus | undefined;
  const write = async () => {
    if (current) await writeWorkerStatus(redis, current).catch((err: Error) => log(`worker status not written: ${err.message}`));
  };
  const heartbeat = setInterval(() => void write(), WORKER_HEARTBEAT_MS);
  heartbeat.unref();
  return {
    set(status: WorkerState): Promise<void> {
      current = { ...worker, status, since: new Date().toISOString() };
      return write();
    },
    async close(): Promise<void> {
      clearInterval(heartbeat);
      current = undefined;
      await removeWorkerStatus(redis, worker.id).catch(() => undefined);
    }
  };
}

/** Every live worker's status, by id. */
export async function listWorkerStatuses(redis: Redis): Promise<WorkerStatus[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', redisKeys.workerStatusPattern, 'COUNT', 100);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  if (keys.length === 0) return [];
  const statuses: WorkerStatus[] = [];
  for (const raw of await redis.mget(...keys)) {
    if (raw === null) continue; // expired between SCAN and MGET
    const parsed = workerStatusSchema.safeParse(parseJson(raw));
    if (parsed.success) statuses.push(parsed.data);
  }
  return statuses.sort((a, b) => a.id.localeCompare(b.id));
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
