// POST /api/environments decodes maps on arrival with the renderer's decoder and enforces size limits and
// per-owner quotas; the owner lists, fetches and deletes their maps (another owner sees none of them); scene
// submissions refuse an Hdri `environment.path` the service could never resolve. Real HTTP, PGlite, Redis and
// s3rver (support/app.ts); no worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeRadianceHdr } from '../../gpu/host/environment/radiance-hdr.ts';
import { ENVIRONMENT_LIBRARY } from '../../src/lib/environments/library.ts';
import { environmentKey, getObjectStore } from '../../src/lib/server/storage/index.ts';
import { ADMIN_TOKEN, ApiClient, startApp, type TestApp } from './support/app.ts';
import { TINY_SCENE } from './api-suite.ts';

const COUNT_QUOTA = 3;
const STORAGE_QUOTA = 64 * 1024;
const MAX_BYTES = 48 * 1024;
const octet = { 'content-type': 'application/octet-stream' };

type ErrorJson = { error: string; details: { issues?: { path: string; message: string }[] } | null };
type EnvironmentJson = { id: string; name: string; format: string; width: number; height: number; size_bytes: number; sha256: string; path: string; file_url: string };
type ListJson = { items: EnvironmentJson[]; library: { name: string; path: string; file_url: string; width: number; height: number }[] };

/** A .hdr map of noise (which RLE cannot shrink: about 4 bytes a texel). */
function hdr(width: number, height: number, seed = 1): Uint8Array {
  let state = seed;
  const rgb = Float32Array.from({ length: width * height * 3 }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return (state / 2 ** 31) * 4;
  });
  return encodeRadianceHdr({ width, height, rgb });
}

let app: TestApp;
beforeAll(async () => {
  app = await startApp({
    database: 'pglite',
    env: {
      MAX_ENVIRONMENTS_PER_OWNER: String(COUNT_QUOTA),
      MAX_ENVIRONMENT_STORAGE_BYTES_PER_OWNER: String(STORAGE_QUOTA),
      MAX_ENVIRONMENT_BYTES: String(MAX_BYTES),
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '10000'
    }
  });
  expect((await new ApiClient(app.baseUrl).json('GET', '/api/health')).status).toBe(200);
});
afterAll(async () => app?.close());

const newClient = () => new ApiClient(app.baseUrl);
const list = async (client: ApiClient) => (await client.json<ListJson>('GET', '/api/environments')).body;

describe('environment map uploads', () => {
  it('stores a valid .hdr, lists it with the bundled library, serves its bytes and deletes it', async () => {
    const client = newClient();
    const bytes = hdr(16, 8);
    const res = await client.json<EnvironmentJson>('POST', '/api/environments?name=noise.hdr', bytes, octet);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { id } = res.body;
    expect(res.body).toMatchObject({ name: 'noise.hdr', format: 'hdr', width: 16, height: 8, size_bytes: bytes.byteLength, path: `upload:${id}`, file_url: `/api/environments/${id}/file` });
    expect(res.headers.get('location')).toBe(`/api/environments/${id}`);

    const listed = await list(client);
    expect(listed.items.map((e) => e.id)).toEqual([id]);
    expect(listed.library.map((e) => e.name)).toEqual(ENVIRONMENT_LIBRARY.map((e) => e.name));
    expect(listed.library.find((e) => e.name === 'studio')).toMatchObject({ path: 'studio', file_url: '/environments/studio.hdr' });
    expect((await client.json<EnvironmentJson>('GET', `/api/environments/${id}`)).body).toMatchObject({ id, width: 16 });

    const file = await client.request('GET', `/api/environments/${id}/file`);
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    const etag = file.headers.get('etag') ?? '';
    expect(etag).toBe(`"${res.body.sha256}"`);
    expect((await client.request('GET', `/api/environments/${id}/file`, undefined, { 'if-none-match': etag })).status).toBe(304);

    expect(await getObjectStore().get(environmentKey(id))).toEqual(bytes);
    expect((await client.request('DELETE', `/api/environments/${id}`)).status).toBe(204);
    expect(await getObjectStore().get(environmentKey(id))).toBeNull();
    expect((await client.json('GET', `/api/environments/${id}`)).status).toBe(404);
    expect((await client.request('GET', `/api/environments/${id}/file`)).status).toBe(404);
    expect((await list(client)).items).toEqual([]);
  });

  it('decodes uploads on arrival: files that will not load are 422s naming the problem, and nothing is stored', async () => {
    const client = newClient();
    const cases: [string, Uint8Array, RegExp][] = [
      ['garbage.hdr', new TextEncoder().encode('not an image at all'), /^invalid body: garbage\.hdr: not a Radiance \.hdr or OpenEXR \.exr file/],
      ['huge.hdr', new TextEncoder().encode('#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 100000 +X 100000\n'), /^invalid body: huge\.hdr: .*100000×100000.*more than the limit/],
      ['cut.hdr', hdr(16, 8).slice(0, 120), /^invalid body: cut\.hdr: /],
      ['fake.exr', Uint8Array.of(0x76, 0x2f, 0x31, 0x01, 2, 0, 0, 0), /^invalid body: fake\.exr: /],
      ['empty.hdr', new Uint8Array(), /^invalid body: the environment map file is empty/]
    ];
    for (const [name, body, message] of cases) {
      const res = await client.json<ErrorJson>('POST', `/api/environments?name=${name}`, body, octet);
      expect(res.status, name).toBe(422);
      expect(res.body.error, name).toMatch(message);
    }
    const badName = await client.json<ErrorJson>('POST', '/api/environments?name=sky.png', hdr(4, 2), octet);
    expect(badName.status).toBe(422);
    expect(badName.body.error).toMatch(/must end in \.hdr, \.exr/);
    expect((await list(client)).items).toEqual([]);
  });

  it('refuses a body without a Content-Type or as a form (415), and one over MAX_ENVIRONMENT_BYTES (413)', async () => {
    const client = newClient();
    const untyped = await client.json<ErrorJson>('POST', '/api/environments?name=a.hdr', hdr(4, 2));
    expect(untyped.status).toBe(415);
    expect(untyped.body.error).toMatch(/send the environment map file as the raw request body/);
    const form = await client.json<ErrorJson>('POST', '/api/environments?name=a.hdr', hdr(4, 2), { 'content-type': 'multipart/form-data; boundary=x' });
    expect(form.status).toBe(415);
    const big = await client.json<ErrorJson>('POST', '/api/environments?name=big.hdr', new Uint8Array(MAX_BYTES + 1), octet);
    expect(big.status).toBe(413);
  });

  it("answers 404 for another owner's map on every route; the admin may use it", async () => {
    const owner = newClient();
    const { id } = (await owner.json<EnvironmentJson>('POST', '/api/environments?name=mine.hdr', hdr(8, 4), octet)).body;
    const stranger = newClient();
    for (const [method, path] of [['GET', `/api/environments/${id}`], ['GET', `/api/environments/${id}/file`], ['DELETE', `/api/environments/${id}`]]) {
      const res = await stranger.json<ErrorJson>(method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error).toBe(`no environment map with id ${id}`);
    }
    expect((await list(stranger)).items).toEqual([]);
    expect((await stranger.json('GET', '/api/environments/not-a-uuid')).status).toBe(400);
    const admin = new ApiClient(app.baseUrl, ADMIN_TOKEN);
    expect((await admin.request('GET', `/api/environments/${id}/file`)).status).toBe(200);
    expect((await owner.request('DELETE', `/api/environments/${id}`)).status).toBe(204);
  });

  it('enforces the per-owner count and storage quotas with 409s naming the quota', async () => {
    const many = newClient();
    for (let i = 0; i < COUNT_QUOTA; i++) expect((await many.json('POST', `/api/environments?name=e${i}.hdr`, hdr(4, 2, i), octet)).status).toBe(201);
    const fourth = await many.json<ErrorJson>('POST', '/api/environments?name=e.hdr', hdr(4, 2), octet);
    expect(fourth.status).toBe(409);
    expect(fourth.body.error).toBe('environment map quota of 3 uploads per owner reached: delete one to upload another');
    // Another owner has their own quota; a file over what is left of the storage quota is refused.
    const big = newClient();
    const first = hdr(100, 100, 7);
    expect((await big.json('POST', '/api/environments?name=a.hdr', first, octet)).status).toBe(201);
    const second = hdr(100, 100, 8);
    const over = await big.json<ErrorJson>('POST', '/api/environments?name=b.hdr', second, octet);
    expect(over.status).toBe(409);
    const en = (n: number) => n.toLocaleString('en');
    expect(over.body.error).toBe(
      `environment map storage quota of ${en(STORAGE_QUOTA)} bytes per owner exceeded: you use ${en(first.byteLength)} of ${en(STORAGE_QUOTA)}, and this file is ${en(second.byteLength)}`
    );
    expect((await list(big)).items).toHaveLength(1);
    // The admin is not bound by them.
    const admin = new ApiClient(app.baseUrl, ADMIN_TOKEN);
    for (let i = 0; i < COUNT_QUOTA + 1; i++) expect((await admin.json('POST', `/api/environments?name=a${i}.hdr`, hdr(4, 2, i), octet)).status).toBe(201);
  });
});

describe('environment paths in submitted scenes', () => {
  const withEnvironment = (path: string) => ({ ...TINY_SCENE, environment: { kind: 'Hdri', path, intensity: 1, rotation: 30 } });
  const options = { width: 16, height: 16, samples: 1 };

  it('refuses paths that are neither a bundled environment nor upload:<uuid>, naming environment.path', async () => {
    const client = newClient();
    const submissions: [string, (path: string) => unknown][] = [
      ['/api/renders', (path) => ({ scene: withEnvironment(path), options })],
      ['/api/previews', (path) => ({ scene: withEnvironment(path), options })],
      ['/api/scenes', (path) => ({ name: 'environments', scene: withEnvironment(path) })]
    ];
    for (const [route, body] of submissions) {
      for (const [path, message] of [
        ['/etc/hosts', /environment "\/etc\/hosts" is neither a bundled environment \(studio, dusk\) nor an upload/],
        ['no-such-map.hdr', /neither a bundled environment/],
        ['upload:not-a-uuid', /"upload:" must be followed by an environment map id/]
      ] as const) {
        const res = await client.json<ErrorJson>('POST', route, body(path));
        expect(res.status, `${route} ${path}`).toBe(422);
        expect(res.body.details?.issues).toEqual([{ path: 'scene.environment.path', message: expect.stringMatching(message) }]);
        expect(res.body.error).toMatch(/scene\.environment\.path/);
      }
    }
    // Resolvable forms pass (whether an upload exists is the worker's check), and a Sky needs no file.
    for (const path of ['studio', 'dusk.hdr', `upload:${crypto.randomUUID()}`]) {
      expect((await client.json('POST', '/api/renders', { scene: withEnvironment(path), options })).status, path).toBe(202);
    }
    const sky = { ...TINY_SCENE, environment: { kind: 'Sky', sun_direction: [0, 1, 0] } };
    expect((await client.json('POST', '/api/renders', { scene: sky, options })).status).toBe(202);
  });
});
