// The data layer against both engines the service runs on: PostgreSQL (a fresh database) and PGlite, with the
// same drizzle migrations.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/service/support/postgres.ts';
import { renderOptionsSchema } from '../../render-options.ts';
import { openDatabase, type DbHandle } from './client.ts';
import { meshesIn } from './meshes.ts';
import { results } from './schema.ts';
import { decodeCursor, encodeCursor, rendersIn, type ResultInput } from './renders.ts';
import { scenesIn } from './scenes.ts';

const options = renderOptionsSchema.parse({ width: 16, height: 16, samples: 4 });
const scene = { camera: {}, objects: [] };
const result: ResultInput = {
  imageKey: 'renders/x/image.png',
  thumbKey: 'renders/x/thumb.png',
  exrKey: 'renders/x/image.exr',
  width: 16,
  height: 16,
  samples: 4,
  renderMs: 12,
  adapter: 'test'
};

const engines: { name: string; open: () => Promise<{ handle: DbHandle; cleanup: () => Promise<void> }> }[] = [
  {
    name: 'postgres',
    async open() {
      const database: TestDatabase = await createTestDatabase();
      const handle = await openDatabase({ databaseUrl: database.url, migrationsDir: 'drizzle' });
      return { handle, cleanup: async () => (await handle.close(), await database.drop()) };
    }
  },
  {
    name: 'pglite',
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'clovers-pglite-'));
      const handle = await openDatabase({ databaseUrl: undefined, dataDir: dir, migrationsDir: 'drizzle' });
      return { handle, cleanup: async () => (await handle.close(), await rm(dir, { recursive: true, force: true })) };
    }
  }
];

describe.each(engines)('data layer on $name', ({ open }) => {
  let handle: DbHandle;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ handle, cleanup } = await open());
  });
  afterAll(async () => cleanup?.());

  const repo = () => rendersIn(handle.db);
  const resultCount = async (renderId: string) =>
    (await handle.db.select({ n: count() }).from(results).where(eq(results.renderId, renderId)))[0].n;

  it('creates a render linked to its saved scene and reads it back', async () => {
    const saved = await scenesIn(handle.db).createScene({ owner: 'a', name: 'box', data: scene });
    const r = await repo().createRender({ sceneId: saved.id, scene, options, owner: 'a' });
    expect(r).toMatchObject({ status: 'queued', sceneId: saved.id, samplesDone: 0, samplesTotal: 4, attempts: 0 });
    expect(r.result).toBeUndefined();
    const got = await repo().getRender(r.id);
    expect(got?.options).toEqual(options);
    expect(got?.scene).toEqual(scene);
    expect(await repo().getRender(crypto.randomUUID())).toBeNull();
  });

  it('runs the job life cycle; completing twice stores one result', async () => {
    const r = await repo().createRender({ sceneId: null, scene, options, owner: 'a' });
    const running = await repo().markRunning(r.id, { workerId: 'w1', adapter: 'llvmpipe' });
    expect(running).toMatchObject({ status: 'running', attempts: 1, workerId: 'w1' });
    expect(running?.startedAt).toBeInstanceOf(Date);
    expect(await repo().updateProgress(r.id, { samplesDone: 2, samplesTotal: 4, etaMs: 10.4, rate: 1e6 })).toBe(true);
    expect((await repo().getRender(r.id))?.samplesDone).toBe(2);
    const [first, second] = await Promise.all([repo().completeRender(r.id, result), repo().completeRender(r.id, result)]);
    expect([first, second].sort()).toEqual([false, true]);
    const done = await repo().getRender(r.id);
    expect(done).toMatchObject({ status: 'done', samplesDone: 4 });
    expect(done?.result).toMatchObject({ imageKey: result.imageKey, width: 16, renderMs: 12 });
    expect(await resultCount(r.id)).toBe(1);
    // A finished render cannot be cancelled, failed, restarted or retried.
    expect(await repo().markCancelled(r.id)).toBeNull();
    expect(await repo().failRender(r.id, 'late')).toBe(false);
    expect(await repo().markRunning(r.id, { workerId: 'w2', adapter: 'x' })).toBeNull();
    expect(await repo().resetForRetry(r.id)).toBeNull();
  });

  it('a cancelled render stops its worker and cannot complete; retry queues it afresh', async () => {
    const r = await repo().createRender({ sceneId: null, scene, options, owner: 'a' });
    await repo().markRunning(r.id, { workerId: 'w1', adapter: 'x' });
    expect((await repo().markCancelled(r.id))?.status).toBe('cancelled');
    expect(await repo().updateProgress(r.id, { samplesDone: 3, samplesTotal: 4, etaMs: null, rate: 1 })).toBe(false);
    expect(await repo().completeRender(r.id, result)).toBe(false);
    expect((await repo().getRender(r.id))?.result).toBeUndefined();
    const retried = await repo().resetForRetry(r.id);
    expect(retried).toMatchObject({ status: 'queued', attempts: 0, samplesDone: 0, workerId: null, error: null });
  });

  it('keeps the warnings of the worker that loaded the scene; a start without them leaves them', async () => {
    const r = await repo().createRender({ sceneId: null, scene, options, owner: 'a' });
    expect(r.warnings).toBeNull();
    const warnings = ['pane.gltf: extension "KHR_materials_clearcoat" is not supported (ignored)'];
    expect((await repo().markRunning(r.id, { workerId: 'w1', adapter: 'x', warnings }))?.warnings).toEqual(warnings);
    expect((await repo().markRunning(r.id, { workerId: 'w2', adapter: 'x' }))?.warnings).toEqual(warnings);
    expect((await repo().getRender(r.id))?.warnings).toEqual(warnings);
  });

  it('records a failure with its reason', async () => {
    const r = await repo().createRender({ sceneId: null, scene, options, owner: 'a' });
    await repo().markRunning(r.id, { workerId: 'w1', adapter: 'x' });
    expect(await repo().failRender(r.id, 'device lost')).toBe(true);
    expect(await repo().getRender(r.id)).toMatchObject({ status: 'failed', error: 'device lost' });
  });

  it('lists newest first with filters and cursor pagination', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await repo().createRender({ sceneId: null, scene, options, owner: 'pager' })).id);
    const first = await repo().listRenders({ owner: 'pager', limit: 2 });
    expect(first.items.map((r) => r.id)).toEqual([ids[4], ids[3]]);
    const second = await repo().listRenders({ owner: 'pager', limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const third = await repo().listRenders({ owner: 'pager', limit: 2, cursor: second.nextCursor ?? undefined });
    expect(third.items.map((r) => r.id)).toEqual([ids[0]]);
    expect(third.nextCursor).toBeNull();
    await repo().markCancelled(ids[2]);
    const cancelled = await repo().listRenders({ owner: 'pager', status: 'cancelled', limit: 10 });
    expect(cancelled.items.map((r) => r.id)).toEqual([ids[2]]);
    await expect(repo().listRenders({ owner: 'pager', limit: 2, cursor: 'garbage' })).rejects.toThrow(/cursor/);
  });

  it('deleting a render deletes its result; deleting a scene keeps renders made from it', async () => {
    const saved = await scenesIn(handle.db).createScene({ owner: 'a', name: 's', data: scene });
    const r = await repo().createRender({ sceneId: saved.id, scene, options, owner: 'a' });
    await repo().markRunning(r.id, { workerId: 'w', adapter: 'x' });
    await repo().completeRender(r.id, result);
    expect(await scenesIn(handle.db).deleteScene(saved.id)).toBe(true);
    const orphan = await repo().getRender(r.id);
    expect(orphan).toMatchObject({ sceneId: null, scene, status: 'done' });
    expect(await repo().deleteRender(r.id)).toBe(true);
    expect(await repo().deleteRender(r.id)).toBe(false);
    expect(await resultCount(r.id)).toBe(0);
  });

  it('stores scenes and mesh metadata', async () => {
    const scenes = scenesIn(handle.db);
    const s = await scenes.createScene({ owner: 'b', name: 'one', data: scene });
    const updated = await scenes.updateScene(s.id, { name: 'two' });
    expect(updated?.name).toBe('two');
    expect(updated && updated.updatedAt >= s.updatedAt).toBe(true);
    expect((await scenes.listScenes({ owner: 'b', limit: 10 })).map((x) => x.name)).toEqual(['two']);
    const meshes = meshesIn(handle.db);
    const id = crypto.randomUUID();
    await meshes.createMesh({
      id,
      owner: 'b',
      name: 'prism.stl',
      format: 'stl',
      sizeBytes: 484,
      sha256: 'ab',
      storageKey: `meshes/${id}`,
      contentType: 'model/stl'
    });
    expect((await meshes.listMeshes('b', 10)).map((m) => m.id)).toEqual([id]);
  });
});

describe('cursors', () => {
  it('round-trip and reject foreign text', () => {
    expect(decodeCursor(encodeCursor(42))).toBe(42);
    expect(decodeCursor('bm9wZQ')).toBeNull();
    expect(decodeCursor(Buffer.from('r99999999999999999').toString('base64url'))).toBeNull();
  });
});
