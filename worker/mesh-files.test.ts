import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, NodeIO } from '@gltf-transform/core';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeBinaryStl } from '../gpu/host/mesh/generate.ts';
import { parseScene, type SceneFile } from '../src/lib/scene/index.ts';
import { sceneMeshPaths } from '../src/lib/meshes/sources.ts';
import { loadSceneMeshes, MeshFileError } from './mesh-files.ts';

function scene(paths: string[]): SceneFile {
  const parsed = parseScene({
    time_0: 0,
    time_1: 1,
    background_color: [0, 0, 0],
    camera: { look_from: [0, 0, -5], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 40, aperture: 0, focus_distance: 5 },
    objects: [
      { kind: 'Sphere', center: [0, 0, 0], radius: 1 },
      ...paths.map((path, i) => {
        const mesh = { kind: i % 2 ? 'PLY' : 'STL', path, scale: 1, center: [0, 0, 0], rotation: [0, 0, 0] };
        return i === 1 ? { kind: 'Translate', offset: [0, 0, 0], object: mesh } : mesh;
      })
    ]
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.scene;
}

const dir = mkdtempSync(join(tmpdir(), 'clovers-meshes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tri = (x: number) => encodeBinaryStl({ positions: new Float32Array([x, 0, 0, 1, 0, 0, 0, 1, 0]), indices: new Uint32Array([0, 1, 2]) });
mkdirSync(join(dir, 'cwd'));
mkdirSync(join(dir, 'scenes'));
writeFileSync(join(dir, 'cwd', 'both.stl'), tri(5));
writeFileSync(join(dir, 'scenes', 'both.stl'), tri(7));
writeFileSync(join(dir, 'scenes', 'only-here.stl'), tri(9));
writeFileSync(join(dir, 'scenes', 'broken.stl'), new Uint8Array(100));

describe('loading a scene\'s mesh files', () => {
  it('finds every STL/PLY path, nested ones included, each once', () => {
    expect([...sceneMeshPaths(scene(['a.stl', 'b.ply', 'a.stl']))]).toEqual([
      ['a.stl', 'objects[1].path'],
      ['b.ply', 'objects[2].object.path']
    ]);
  });

  it('loads bundled models by reference path or name, without any search folder', async () => {
    const meshes = await loadSceneMeshes(scene(['stl/teapot.stl', 'prism']));
    expect(meshes.get('stl/teapot.stl')!.indices.length / 3).toBe(9438);
    expect(meshes.get('prism')!.indices.length / 3).toBe(8);
  });

  it('never opens a file path unless search folders are given (the service)', async () => {
    await expect(loadSceneMeshes(scene([join(dir, 'cwd', 'both.stl')]))).rejects.toThrow(/objects\[1\]\.path: mesh .* not found: not a bundled model/);
    await expect(loadSceneMeshes(scene(['both.stl']))).rejects.toBeInstanceOf(MeshFileError);
  });

  it('CLI: resolves against the current directory first, then the scene folder', async () => {
    const searchDirs = [join(dir, 'cwd'), join(dir, 'scenes')];
    const meshes = await loadSceneMeshes(scene(['both.stl', 'only-here.stl']), { searchDirs });
    expect(meshes.get('both.stl')!.positions[0]).toBe(5);
    expect(meshes.get('only-here.stl')!.positions[0]).toBe(9);
  });

  it('CLI: a missing or broken file is an error naming the object path', async () => {
    const searchDirs = [join(dir, 'cwd'), join(dir, 'scenes')];
    await expect(loadSceneMeshes(scene(['teapot', 'missing.ply']), { searchDirs })).rejects.toThrow(
      /objects\[2\]\.object\.path: mesh "missing.ply" not found: not a bundled model, and no such file in .*cwd or .*scenes/
    );
    await expect(loadSceneMeshes(scene(['broken.stl']), { searchDirs })).rejects.toThrow(/objects\[1\]\.path: broken.stl: binary STL: .*no triangles/);
  });

  describe('glTF', () => {
    const gltfScene = (path: string) => {
      const parsed = parseScene({ ...scene([]), objects: [{ kind: 'GLTF', path }] });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return parsed.scene;
    };
    beforeAll(async () => {
      // A .gltf in a sub-folder whose buffer is a separate .bin next to it.
      const doc = new Document();
      const buffer = doc.createBuffer();
      const positions = doc.createAccessor().setType('VEC3').setArray(new Float32Array([3, 0, 0, 4, 0, 0, 3, 1, 0])).setBuffer(buffer);
      doc.createScene().addChild(doc.createNode().setMesh(doc.createMesh().addPrimitive(doc.createPrimitive().setAttribute('POSITION', positions))));
      const { json, resources } = await new NodeIO().writeJSON(doc, { basename: 'tri' });
      mkdirSync(join(dir, 'scenes', 'models'));
      writeFileSync(join(dir, 'scenes', 'models', 'tri.gltf'), JSON.stringify(json));
      writeFileSync(join(dir, 'scenes', 'models', 'tri.bin'), resources['tri.bin']);
    });

    it('loads the bundled sample by name, with its materials and images', async () => {
      const meshes = await loadSceneMeshes(gltfScene('gltf-sample'));
      const mesh = meshes.get('gltf-sample')!;
      expect(mesh.indices.length / 3).toBe(16);
      expect(mesh.surface!.images).toHaveLength(4);
    });

    it('CLI: resolves a .gltf by the search folders and its .bin next to the .gltf', async () => {
      const meshes = await loadSceneMeshes(gltfScene('models/tri.gltf'), { searchDirs: [join(dir, 'cwd'), join(dir, 'scenes')] });
      expect(Array.from(meshes.get('models/tri.gltf')!.positions.subarray(0, 3))).toEqual([3, 0, 0]);
    });

    it('a broken glTF is an error naming the object path', async () => {
      writeFileSync(join(dir, 'scenes', 'bad.glb'), new Uint8Array([0x67, 0x6c, 0x54, 0x46, 2, 0, 0, 0, 99, 0, 0, 0]));
      await expect(loadSceneMeshes(gltfScene('bad.glb'), { searchDirs: [join(dir, 'scenes')] })).rejects.toThrow(/objects\[0\]\.path: bad.glb: glTF: cannot be read/);
    });
  });
});
