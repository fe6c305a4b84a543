// The browser mesh resolver against a real HTTP server holding the bundled models (static/models).
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sceneOf } from '../../../../gpu/host/testing/render-scene.ts';
import { parseMesh } from '../../../../gpu/host/mesh/load.ts';
import { sceneMeshPaths } from '$lib/meshes/sources';
import { BrowserMeshResolver, PreviewMeshError } from './meshes.ts';

let server: Server;
let base = '';
const requests: string[] = [];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/api/meshes/0b6f/file') {
      const bytes = await readFile(new URL('../../../../static/models/prism.stl', import.meta.url));
      return void res.writeHead(200, { 'content-disposition': 'attachment; filename="my prism.stl"' }).end(bytes);
    }
    const match = /^\/models\/([a-z0-9_.-]+)$/.exec(req.url ?? '');
    if (!match) return void res.writeHead(404).end();
    try {
      res.writeHead(200).end(await readFile(new URL(`../../../../static/models/${match[1]}`, import.meta.url)));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const resolver = () => new BrowserMeshResolver({ fetch: (input, init) => fetch(`${base}${String(input)}`, init) });

const sceneWith = (path: string) =>
  sceneOf({
    time_0: 0,
    time_1: 1,
    background_color: [0, 0, 0],
    camera: { look_from: [0, 0, -5], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 40, aperture: 0, focus_distance: 5 },
    objects: [{ kind: 'Sphere', center: [0, 0, 0], radius: 1, material: 'm' }, { kind: 'RotateY', angle: 10, object: { kind: 'STL', path, scale: 1, center: [0, 0, 0], rotation: [0, 0, 0], material: 'm' } }],
    materials: [{ name: 'm', kind: 'Lambertian', albedo: { kind: 'SolidColor', color: [0.5, 0.5, 0.5] } }]
  });

describe('BrowserMeshResolver', () => {
  it('fetches a bundled model once, by library name or reference path, and parses it', async () => {
    const r = resolver();
    requests.length = 0;
    const meshes = await r.resolve(sceneWith('teapot'));
    expect(meshes.get('teapot')?.indices.length).toBe(9_438 * 3);
    await r.resolve(sceneWith('teapot'));
    expect(requests).toEqual(['/models/teapot.stl']);
    expect((await r.resolve(sceneWith('stl/prism.stl'))).get('stl/prism.stl')?.indices.length).toBe(8 * 3);
  });

  it('names the object field of a path that is neither a model nor an upload, and of a missing upload', async () => {
    const r = resolver();
    const unknown = r.resolve(sceneWith('../../etc/passwd'));
    await expect(unknown).rejects.toBeInstanceOf(PreviewMeshError);
    await expect(unknown).rejects.toThrow(/^objects\[1\]\.object\.path: mesh "\.\.\/\.\.\/etc\/passwd" is neither/);
    await expect(r.resolve(sceneWith('upload:1234'))).rejects.toThrow(/objects\[1\]\.object\.path: .*\/api\/meshes\/1234\/file answered 404/);
  });

  it('does not keep a failure: the next resolve fetches again', async () => {
    const r = resolver();
    requests.length = 0;
    await expect(r.resolve(sceneWith('upload:abc'))).rejects.toThrow(PreviewMeshError);
    await expect(r.resolve(sceneWith('upload:abc'))).rejects.toThrow(PreviewMeshError);
    expect(requests).toEqual(['/api/meshes/abc/file', '/api/meshes/abc/file']);
  });

  it('fetches an upload from the service and parses it under the name it was uploaded with', async () => {
    const names: string[] = [];
    const r = new BrowserMeshResolver({
      fetch: (input, init) => fetch(`${base}${String(input)}`, init),
      parse: async (bytes, name) => {
        names.push(name);
        return parseMesh(bytes, name);
      }
    });
    expect((await r.resolve(sceneWith('upload:0b6f'))).get('upload:0b6f')?.indices.length).toBe(8 * 3);
    expect(names).toEqual(['my prism.stl']);
  });

  it('lists mesh paths once each, inside transforms and lists', () => {
    expect([...sceneMeshPaths(sceneWith('teapot'))]).toEqual([['teapot', 'objects[1].object.path']]);
  });
});
