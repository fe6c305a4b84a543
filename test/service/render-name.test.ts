// Renders carry the name of their scene, so lists and galleries can label them without fetching each snapshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startApp, type TestApp } from './support/app.ts';
import { TINY_SCENE } from './api-suite.ts';

type Json = Record<string, unknown>;
const OPTIONS = { width: 8, height: 8, samples: 1, max_depth: 2 };

describe('render names', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ database: 'pglite', env: { RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '10000' } });
  });
  afterAll(async () => app?.close());

  it('keeps the name given with a scene, in the render and in the list', async () => {
    const client = new ApiClient(app.baseUrl);
    const res = await client.json<Json>('POST', '/api/renders', { scene: TINY_SCENE, options: OPTIONS, name: ' sphere ' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.name).toBe('sphere');
    const list = await client.json<{ items: Json[] }>('GET', '/api/renders');
    expect(list.body.items[0]).toMatchObject({ id: res.body.id, name: 'sphere' });
    const unnamed = await client.json<Json>('POST', '/api/renders', { scene: TINY_SCENE, options: OPTIONS });
    expect(unnamed.body.name).toBeNull();
  });

  it('defaults to the saved scene\'s name with scene_id', async () => {
    const client = new ApiClient(app.baseUrl);
    const saved = await client.json<Json>('POST', '/api/scenes', { name: 'saved ball', scene: TINY_SCENE });
    expect(saved.status).toBe(201);
    const res = await client.json<Json>('POST', '/api/renders', { scene_id: saved.body.id, options: OPTIONS });
    expect(res.body).toMatchObject({ scene_id: saved.body.id, name: 'saved ball' });
  });

  it('rejects an empty or overlong name, naming the field', async () => {
    const client = new ApiClient(app.baseUrl);
    for (const name of ['  ', 'x'.repeat(201), 7]) {
      const res = await client.json<{ details: { issues: { path: string }[] } }>('POST', '/api/renders', { scene: TINY_SCENE, name });
      expect(res.status).toBe(422);
      expect(res.body.details.issues.map((i) => i.path)).toContain('name');
    }
  });
});
