// The STL/PLY branch of the scene compiler (gpu/host/scene/compile.ts): placement, materials, priority, limits.
import { describe, expect, it } from 'vitest';
import { MAX_TRIANGLES } from '../../../src/lib/limits.ts';
import { compileScene, SceneCompileError } from '../scene/compile.ts';
import { sceneOf } from '../testing/render-scene.ts';
import type { TriangleMesh } from './mesh.ts';

/** Two triangles, areas 0.5 and 2, plus a degenerate one. */
const MESH: TriangleMesh = {
  positions: new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0, 2, 0, 0, 0, 2, 0]),
  indices: new Uint32Array([0, 1, 2, 0, 3, 4, 1, 1, 2])
};

function scene(objects: unknown[], materials: unknown[] = []) {
  return sceneOf({
    time_0: 0,
    time_1: 1,
    background_color: [0, 0, 0],
    camera: { look_from: [0, 0, -5], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 40, aperture: 0, focus_distance: 5 },
    objects,
    materials: [{ name: 'lamp', kind: 'DiffuseLight', emit: { kind: 'SolidColor', color: [1, 1, 1] } }, ...materials]
  });
}

const stl = (extra: Record<string, unknown> = {}) => ({
  kind: 'STL', path: 'm.stl', scale: 2, center: [10, 0, 0], rotation: [0, 0, 0], material: { kind: 'Lambertian', albedo: { kind: 'SolidColor', color: [0.5, 0.5, 0.5] } }, ...extra
});

const meshes = new Map([['m.stl', MESH]]);

describe('compileScene: STL/PLY meshes', () => {
  it('emits one world-space triangle per face, skipping and counting degenerate ones', () => {
    const c = compileScene(scene([stl()]), { meshes });
    expect(c.primitives).toHaveLength(2);
    const tris = c.primitives.map((p) => (p.kind === 'triangle' ? [p.q, p.u, p.v] : null));
    expect(tris).toContainEqual([[10, 0, 0], [2, 0, 0], [0, 2, 0]]);
    expect(tris).toContainEqual([[10, 0, 0], [4, 0, 0], [0, 4, 0]]);
    expect(c.meshStats).toEqual({ triangles: 3, degenerate: 1 });
    // One inline material shared by every triangle.
    expect(new Set(c.primitives.map((p) => p.material)).size).toBe(1);
  });

  it('bakes in enclosing Translate/RotateY, and PLY works the same way', () => {
    const nested = { kind: 'Translate', offset: [0, 5, 0], object: { kind: 'RotateY', angle: 90, object: { ...stl(), kind: 'PLY' } } };
    const c = compileScene(scene([nested]), { meshes });
    const qs = c.primitives.map((p) => (p.kind === 'triangle' ? p.q.map((x) => Math.round(x * 1e9) / 1e9) : null));
    // (10,0,0) → RotateY 90 → (0,0,−10) → +(0,5,0).
    expect(qs).toEqual([[0, 5, -10], [0, 5, -10]]);
  });

  it('a priority mesh joins the light set: emitters weighted by area, others as guides', () => {
    const lit = compileScene(scene([stl({ priority: true, material: 'lamp' })]), { meshes });
    expect(lit.emitterCount).toBe(2);
    const lights = new Float32Array(lit.lights);
    const probabilities = [lights[1], lights[5]].sort();
    expect(probabilities[0]).toBeCloseTo(0.2, 6);
    expect(probabilities[1]).toBeCloseTo(0.8, 6);
    const guided = compileScene(scene([stl({ priority: true })]), { meshes });
    expect(guided.emitterCount).toBe(0);
    expect(guided.guideCount).toBe(2);
    expect(compileScene(scene([stl()]), { meshes }).guideCount).toBe(0);
  });

  it('reports a mesh missing from the loaded assets at objects[i].path', () => {
    const error = (() => {
      try {
        compileScene(scene([{ kind: 'Sphere', center: [0, 0, 0], radius: 1 }, stl({ path: 'nope.stl' })]), { meshes });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SceneCompileError);
    expect((error as SceneCompileError).issues).toEqual([{ path: 'objects[1].path', message: expect.stringContaining('"nope.stl" is not loaded') }]);
  });

  it('enforces MAX_TRIANGLES over the whole scene, naming the object that crosses it', () => {
    const half = Math.floor(MAX_TRIANGLES / 2) + 1;
    const big: TriangleMesh = { positions: new Float32Array(9), indices: new Uint32Array(3 * half) };
    const twice = scene([stl({ path: 'big.stl' }), stl({ path: 'big.stl' })]);
    expect(() => compileScene(twice, { meshes: new Map([['big.stl', big]]) })).toThrow(/objects\[1\]\.path: too many triangles/);
  });

  it('rejects a placement that overflows 32-bit floats', () => {
    expect(() => compileScene(scene([stl({ scale: 1e39 })]), { meshes })).toThrow(/objects\[0\]: .*32-bit float range/);
  });
});
