// GET /api/health: checks the database, Redis and storage; 503 naming what is down. Also lists the render workers
// and their status (warming, ready): informational only, since the web server is healthy without any worker.
import { pingDb } from '$lib/server/db/client.ts';
import { queueRedis } from '$lib/server/queue/index.ts';
import { listWorkerStatuses } from '$lib/server/queue/workers.ts';
import { getObjectStore } from '$lib/server/storage/index.ts';
import type { RequestHandler } from './$types';

const TIMEOUT_MS = 3_000;

/** `work`, or a rejection after TIMEOUT_MS (queue commands wait through a Redis outage instead of failing). */
async function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)))
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function probe(check: () => Promise<unknown>): Promise<string> {
  try {
    await withTimeout(check());
    return 'ok';
  } catch (err) {
    return (err as Error).message || String(err);
  }
}

export const GET: RequestHandler = async () => {
  const checks = {
    database: await probe(pingDb),
    redis: await probe(() => queueRedis().ping()),
    storage: await probe(() => getObjectStore().ping())
  };
  const workers = checks.redis === 'ok' ? await withTimeout(listWorkerStatuses(queueRedis())).catch(() => []) : [];
  const down = Object.entries(checks).filter(([, v]) => v !== 'ok').map(([k]) => k);
  const body = down.length === 0 ? { status: 'ok', checks, workers } : { error: `unavailable: ${down.join(', ')}`, details: { checks, workers } };
  return new Response(JSON.stringify(body), {
    status: down.length === 0 ? 200 : 503,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
  });
};
