// The browser environment resolver against a real HTTP server holding the bundled maps (static/environments) and
// one upload: fetched once per path while recent, decoded by the worker's decoder, failures naming the field.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeRadianceHdr } from '../../../../gpu/host/environment/radiance-hdr.ts';
import { sceneOf } from '../../../../gpu/host/testing/render-scene.ts';
import { BrowserEnvironmentResolver, environmentUrl, PreviewEnvironmentError } from './environment.ts';

const UPLOAD = '0b6f2c1e-0000-4000-8000-000000000000';
const BROKEN = '0b6f2c1e-0000-4000-8000-00000000dead';
const MISSING = '0b6f2c1e-0000-4000-8000-000000000404';

let server: Server;
let base = '';
const requests: string[] = [];

beforeAll(async () => {
  const upload = encodeRadianceHdr({ width: 4, height: 2, rgb: new Float32Array(4 * 2 * 3).fill(0.5) });
  server = createServer(async (req, res) => {
    requests.push(req.url ?? '');
    if (req.url === `/api/environments/${UPLOAD}/file`) return void res.writeHead(200).end(upload);
    if (req.url === `/api/environments/${BROKEN}/file`) return void res.writeHead(200).end('#?RADIANCE\n\n-Y 2 +X 4\n');
    const match = /^\/environments\/([a-z0-9_.-]+)$/.exec(req.url ?? '');
    if (!match) return void res.writeHead(404).end();
    try {
      res.writeHead(200).end(await readFile(new URL(`../../../../static/environments/${match[1]}`, import.meta.url)));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const resolver = () => new BrowserEnvironmentResolver({ fetch: (input, init) => fetch(`${base}${String(input)}`, init) });

const sceneWith = (environment: unknown) =>
  sceneOf({
    time_0: 0,
    time_1: 1,
    background_color: [0, 0, 0],
    environment,
    camera: { look_from: [0, 0, -5], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 40, aperture: 0, focus_distance: 5 },
    objects: [{ kind: 'Sphere', center: [0, 0, 0], radius: 1, material: 'm' }],
    materials: [{ name: 'm', kind: 'Lambertian', albedo: { kind: 'SolidColor', color: [0.5, 0.5, 0.5] } }]
  });
const hdri = (path: string, rotation = 0) => sceneWith({ kind: 'Hdri', path, intensity: 1, rotation });

describe('BrowserEnvironmentResolver', () => {
  it('maps paths to the library file or the upload route, and nothing else', () => {
    const upload = (id: string) => `/api/environments/${id}/file`;
    expect(environmentUrl('studio', upload)).toBe('/environments/studio.hdr');
    expect(environmentUrl('dusk.hdr', upload)).toBe('/environments/dusk.hdr');
    expect(environmentUrl(`upload:${UPLOAD}`, upload)).toBe(`/api/environments/${UPLOAD}/file`);
    expect(environmentUrl('upload:../x', upload)).toBe('/api/environments/..%2Fx/file');
    expect(environmentUrl('/etc/hosts', upload)).toBeUndefined();
  });

  it('loads nothing without an Hdri environment', async () => {
    requests.length = 0;
    expect(await resolver().resolve(sceneWith(undefined))).toBeUndefined();
    expect(await resolver().resolve(sceneWith({ kind: 'Sky', sun_direction: [0, 1, 0] }))).toBeUndefined();
    expect(requests).toEqual([]);
  });

  it('fetches and decodes a map once while its path stays recent, whatever the rotation', async () => {
    const r = resolver();
    requests.length = 0;
    const studio = await r.resolve(hdri('studio'));
    expect(studio && [studio.width, studio.height]).toEqual([1024, 512]);
    expect(await r.resolve(hdri('studio', 90))).toBe(studio);
    const upload = await r.resolve(hdri(`upload:${UPLOAD}`));
    expect(upload && [upload.width, upload.height]).toEqual([4, 2]);
    expect(upload?.rgb[0]).toBeCloseTo(0.5, 2);
    expect(await r.resolve(hdri('studio', -45))).toBe(studio);
    expect(requests).toEqual(['/environments/studio.hdr', `/api/environments/${UPLOAD}/file`]);
    // A third map pushes out the least recently used one (the upload), which is fetched again when wanted.
    await r.resolve(hdri('dusk'));
    await r.resolve(hdri(`upload:${UPLOAD}`));
    expect(requests.slice(2)).toEqual(['/environments/dusk.hdr', `/api/environments/${UPLOAD}/file`]);
  });

  it('names environment.path when a map cannot be found or decoded, and tries again on the next request', async () => {
    const r = resolver();
    const failures: [string, RegExp][] = [
      ['/etc/hosts', /^environment\.path: environment "\/etc\/hosts" is neither a bundled environment/],
      [`upload:${MISSING}`, /^environment\.path: environment "upload:.*": \/api\/environments\/.*\/file answered 404$/],
      [`upload:${BROKEN}`, /^environment\.path: upload:0b6f2c1e-0000-4000-8000-00000000dead: /]
    ];
    for (const [path, message] of failures) {
      const error = await r.resolve(hdri(path)).catch((e: unknown) => e);
      expect(error, path).toBeInstanceOf(PreviewEnvironmentError);
      expect((error as Error).message, path).toMatch(message);
    }
    requests.length = 0;
    await r.resolve(hdri(`upload:${BROKEN}`)).catch(() => undefined);
    expect(requests).toEqual([`/api/environments/${BROKEN}/file`]);
  });
});
