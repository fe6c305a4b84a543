// What the render routes do, beyond validation: create and queue, cancel, retry, delete with files. Each keeps
// the database and the queue consistent when one of them fails half-way.
import { enqueueRender, queueRedis, requestCancel } from '../queue/index.ts';
import { publishEvent } from '../events/channels.ts';
import type { Client } from '../auth/owner.ts';
import { mayModify } from '../auth/owner.ts';
import * as db from '../db/renders.ts';
import type { Render } from '../db/renders.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { getObjectStore, renderPrefix } from '../storage/index.ts';
import type { ApiRenderOptions } from '../../render-options.ts';

/** Queue operations wait this long for Redis before the API answers 503 (BullMQ would wait forever). */
export const QUEUE_TIMEOUT_MS = 5_000;

export async function withTimeout<T>(what: string, work: Promise<T>, ms = QUEUE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ApiError(503, `${what}: the queue (Redis) is unavailable`, undefined, { 'retry-after': '5' })), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function createAndQueue(input: {
  sceneId: string | null;
  name?: string | null;
  scene: unknown;
  options: ApiRenderOptions;
  owner: string;
}): Promise<Render> {
  const render = await db.createRender(input);
  try {
    await withTimeout('queueing the render', enqueueRender(render.id, { samples: render.options.samples }));
  } catch (err) {
    // Nothing half-written: a render the queue never got is removed (a late job for it finds no row and is dropped).
    await db.deleteRender(render.id).catch(() => undefined);
    throw err;
  }
  return render;
}

export async function ownedRender(id: string, client: Client): Promise<Render> {
  const render = await db.getRender(id);
  if (!render) throw notFound('render', id);
  if (!mayModify(client, render.owner)) throw new ApiError(403, 'only the client that created this render (or an admin) may change it');
  return render;
}

/** Best effort: publishing and the cancel signal ride on Redis; the database state is what counts. */
async function signal(renderId: string, cancelled: boolean): Promise<void> {
  const work = Promise.all([
    requestCancel(renderId),
    cancelled ? publishEvent(queueRedis(), { type: 'render.cancelled', renderId }) : Promise.resolve()
  ]);
  await withTimeout('cancel signal', work, 2_000).catch((err: unknown) =>
    // Workers also see the cancel in the database at their next progress update.
    console.error(`render ${renderId}: cancel signal not sent:`, (err as Error).message)
  );
}

export async function cancel(id: string, client: Client): Promise<Render> {
  const render = await ownedRender(id, client);
  const cancelled = await db.markCancelled(id);
  if (!cancelled) throw new ApiError(409, `render ${id} is ${render.status}; only queued or running renders can be cancelled`);
  await signal(id, true);
  return (await db.getRender(id)) ?? cancelled;
}

export async function retry(id: string, client: Client): Promise<Render> {
  const render = await ownedRender(id, client);
  const reset = await db.resetForRetry(id);
  if (!reset) throw new ApiError(409, `render ${id} is ${render.status}; only failed or cancelled renders can be retried`);
  // Files of the previous attempt (a partial checkpoint) must not leak into the new one.
  await getObjectStore().deletePrefix(renderPrefix(id));
  try {
    await withTimeout('queueing the retry', enqueueRender(id, { samples: reset.options.samples }));
  } catch (err) {
    await db.failRender(id, 'retry could not be queued (queue unavailable)').catch(() => undefined);
    throw err;
  }
  return reset;
}

export async function remove(id: string, client: Client): Promise<void> {
  const render = await ownedRender(id, client);
  if (render.status === 'queued' || render.status === 'running') {
    await db.markCancelled(id);
    await signal(id, true);
  }
  // Files first: if storage is down the row stays and the client can delete again.
  await getObjectStore().deletePrefix(renderPrefix(id));
  await db.deleteRender(id);
}
