// POST /api/meshes parses uploads when they arrive (the worker's loader and texture budget) and enforces the
// per-owner quotas; scene submissions refuse mesh paths the service could never resolve. Real HTTP, PGlite,
// Redis and s3rver (support/app.ts); no worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBinaryStl } from '../../gpu/host/mesh/generate.ts';
import { textureBombGlb } from '../../gpu/host/testing/textured-glb.ts';
import { ApiClient, startApp, type TestApp } from './support/app.ts';
import { TINY_SCENE } from './api-suite.ts';

const MESH_QUOTA = 3;
const STORAGE_QUOTA = 1024 * 1024;
const octet = { 'content-type': 'application/octet-stream' };

type ErrorJson = { error: string; details: { issues?: { path: string; message: string }[] } | null };

/** A binary STL of `count` triangles in the unit cube (84 + 50 × count bytes). */
function stl(count: number): Uint8Array {
  const positions = new Float32Array(9 * count);
  for (let t = 0; t < count; t++) positions.set([0, 0, 0, 1, 0, 0, 0, 1, 1], 9 * t);
  return encodeBinaryStl({ positions, indices: Uint32Array.from({ length: 3 * count }, (_, i) => i) });
}

let app: TestApp;
beforeAll(async () => {
  app = await startApp({
    database: 'pglite',
    env: { MAX_MESHES_PER_OWNER: String(MESH_QUOTA), MAX_MESH_STORAGE_BYTES_PER_OWNER: String(STORAGE_QUOTA), RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '10000' }
  });
  expect((await new ApiClient(app.baseUrl).json('GET', '/api/health')).status).toBe(200);
});
afterAll(async () => app?.close());

const newClient = () => new ApiClient(app.baseUrl);
const meshCount = async (client: ApiClient) => (await client.json<{ items: unknown[] }>('GET', '/api/meshes')).body.items.length;

describe('mesh uploads', () => {
  it('refuses a body without a Content-Type with 415 and the JSON error shape', async () => {
    const res = await newClient().json<ErrorJson>('POST', '/api/meshes?name=a.stl', stl(1));
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ error: expect.stringMatching(/Content-Type/), details: null });
  });

  it('parses uploads on arrival: files that will not load are 422s naming the problem, and nothing is stored', async () => {
    const client = newClient();
    const tiny = await client.json<ErrorJson>('POST', '/api/meshes?name=x.stl', new Uint8Array(7), octet);
    expect(tiny.status).toBe(422);
    expect(tiny.body.error).toMatch(/^invalid body: x\.stl: /);
    const bomb = await client.json<ErrorJson>('POST', '/api/meshes?name=bomb.glb', await textureBombGlb(), octet);
    expect(bomb.status).toBe(422);
    expect(bomb.body.error).toMatch(/bomb\.glb: glTF: 16 distinct texture images of 268,435,456 texels in all are over the texture budget of 16,777,216 texels per scene/);
    expect(await meshCount(client)).toBe(0);
  });

  it('stores a valid STL and answers with what was parsed', async () => {
    const client = newClient();
    const res = await client.json<Record<string, unknown>>('POST', '/api/meshes?name=wedge.stl', stl(2), octet);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ name: 'wedge.stl', format: 'stl', size_bytes: 184, triangles: 2, bounds: { min: [0, 0, 0], max: [1, 1, 1] } });
  });

  it('enforces the per-owner count and storage quotas with 409s naming the quota', async () => {
    const many = newClient();
    for (let i = 0; i < MESH_QUOTA; i++) expect((await many.json('POST', `/api/meshes?name=m${i}.stl`, stl(1), octet)).status).toBe(201);
    const fourth = await many.json<ErrorJson>('POST', '/api/meshes?name=m.stl', stl(1), octet);
    expect(fourth.status).toBe(409);
    expect(fourth.body.error).toMatch(/mesh quota of 3 uploads per owner reached/);
    // Another owner has their own quota; a file over what is left of the storage quota is refused.
    const big = newClient();
    expect((await big.json('POST', '/api/meshes?name=a.stl', stl(15_000), octet)).status).toBe(201);
    const over = await big.json<ErrorJson>('POST', '/api/meshes?name=b.stl', stl(6_000), octet);
    expect(over.status).toBe(409);
    expect(over.body.error).toBe('storage quota of 1,048,576 bytes per owner exceeded: you use 750,084 of 1,048,576, and this file is 300,084');
    expect(await meshCount(big)).toBe(1);
  });
});

describe('mesh paths in submitted scenes', () => {
  const withMesh = (path: string) => ({
    ...TINY_SCENE,
    objects: [{ kind: 'STL', path, scale: 1, center: [0, 0, 0], rotation: [0, 0, 0], material: 'grey' }]
  });
  const options = { width: 16, height: 16, samples: 1 };

  it('refuses paths that are neither a bundled model nor upload:<uuid>, naming the field', async () => {
    const client = newClient();
    const submissions: [string, (path: string) => unknown][] = [
      ['/api/renders', (path) => ({ scene: withMesh(path), options })],
      ['/api/previews', (path) => ({ scene: withMesh(path), options })],
      ['/api/scenes', (path) => ({ name: 'meshes', scene: withMesh(path) })]
    ];
    for (const [route, body] of submissions) {
      for (const [path, message] of [
        ['../../etc/passwd', /neither a bundled model/],
        ['upload:not-a-uuid', /"upload:" must be followed by a mesh id/]
      ] as const) {
        const res = await client.json<ErrorJson>('POST', route, body(path));
        expect(res.status, `${route} ${path}`).toBe(422);
        expect(res.body.details?.issues).toEqual([{ path: 'scene.objects[0].path', message: expect.stringMatching(message) }]);
        expect(res.body.error).toMatch(/scene\.objects\[0\]\.path/);
      }
    }
    // Resolvable forms pass (whether an upload exists is the worker's check).
    expect((await client.json('POST', '/api/renders', { scene: withMesh('teapot'), options })).status).toBe(202);
    expect((await client.json('POST', '/api/renders', { scene: withMesh(`upload:${crypto.randomUUID()}`), options })).status).toBe(202);
  });
});
