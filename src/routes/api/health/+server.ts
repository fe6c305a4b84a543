// GET /api/health: checks the database, Redis and storage; 503 naming what is down.
import { pingDb } from '$lib/server/db/client.ts';
import { queueRedis } from '$lib/server/queue/index.ts';
import { getObjectStore } from '$lib/server/storage/index.ts';
import type { RequestHandler } from './$types';

const TIMEOUT_MS = 3_000;

async function probe(check: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)))
    ]);
    return 'ok';
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    clearTimeout(timer);
  }
}

export const GET: RequestHandler = async () => {
  const checks = {
    database: await probe(pingDb),
    redis: await probe(() => queueRedis().ping()),
    storage: await probe(() => getObjectStore().ping())
  };
  const down = Object.entries(checks).filter(([, v]) => v !== 'ok').map(([k]) => k);
  const body = down.length === 0 ? { status: 'ok', checks } : { error: `unavailable: ${down.join(', ')}`, details: { checks } };
  return new Response(JSON.stringify(body), {
    status: down.length === 0 ? 200 : 503,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
  });
};
