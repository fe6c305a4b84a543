// Splitting the big scene tables across bindings: the plan (segment sizes, binding numbers, the storage-buffer
// budget) and the generated accessors, then renders of split scenes that must equal the unsplit ones bit for bit.
import { describe, expect, it } from 'vitest';
import { compileScene } from '../scene/compile.ts';
import { compileShader } from '../shader/compile.ts';
import { singleMeshScene, smoothIcosphere } from '../mesh/generate.ts';
import { renderCompiled } from './render.ts';
import { planSceneTables, sceneTablesWgsl, SceneTooLargeError, SINGLE_SEGMENT_PLAN, tablePlans, withSegments } from './scene-tables.ts';
import { planForScene, sourcesForScene } from './bindings.ts';
import { ALL_FEATURES } from '../scene/features.ts';
import { sceneOf, SMALL } from '../testing/render-scene.ts';
import { testGpu } from '../testing/test-device.ts';
import type { IntegratorName } from './types.ts';

const LAVAPIPE_LIKE = { maxStorageBufferBindingSize: 2 ** 27, maxStorageBuffersPerShaderStage: 16 };
const MiB = 2 ** 20;

describe('scene table plan', () => {
  it('keeps every table in its own binding while it fits', () => {
    const plan = planSceneTables({ primitives: 64 * MiB, bvhNodes: 36 * MiB, triangleShading: 110 * MiB }, LAVAPIPE_LIKE);
    expect([plan.primitives.bindings, plan.bvhNodes.bindings, plan.triangleShading.bindings]).toEqual([[1], [2], [8]]);
    expect(sceneTablesWgsl(plan)).toBe(sceneTablesWgsl(SINGLE_SEGMENT_PLAN));
    // The alpha test is compiled in only for scenes with alpha-tested triangles (gltf-alpha.test.ts renders them).
    expect(sceneTablesWgsl(plan)).toContain('const SCENE_ALPHA_TEST: bool = false;');
    expect(sceneTablesWgsl({ ...plan, alphaTest: true })).toContain('const SCENE_ALPHA_TEST: bool = true;');
  });

  it('splits tables above the binding limit into whole-record segments numbered from 12', () => {
    // 5 M smooth triangles (the scene limit): 320 MB of primitives, 1.4 M 4-wide nodes (157 MB), 560 MB of
    // shading records; nodes and shading records are 112 bytes each.
    const plan = planSceneTables({ primitives: 5e6 * 64, bvhNodes: 1.4e6 * 112, triangleShading: 5e6 * 112 }, LAVAPIPE_LIKE);
    expect(plan.primitives).toMatchObject({ perSegment: 2 ** 21, bindings: [1, 12, 13] });
    expect(plan.bvhNodes).toMatchObject({ perSegment: Math.floor(2 ** 27 / 112), bindings: [2, 14] });
    expect(plan.triangleShading.perSegment).toBe(Math.floor(2 ** 27 / 112));
    expect(plan.triangleShading.bindings).toEqual([8, 15, 16, 17, 18]);
    expect(withSegments(plan, ['frame', 'primitives', 'materials', 'triangleShading', 'atlas'])).toEqual([0, 1, 3, 8, 9, 12, 13, 15, 16, 17, 18]);
    const wgsl = sceneTablesWgsl(plan);
    expect(wgsl).toContain('@group(0) @binding(18) var<storage, read> triangle_shading_4: array<TriangleShading>;');
    expect(wgsl).toContain(`return triangle_shading_4[i - ${4 * Math.floor(2 ** 27 / 112)}u];`);
  });

  it('names the tables when the device has too few storage bindings for the segments', () => {
    const browser = { maxStorageBufferBindingSize: 2 ** 27, maxStorageBuffersPerShaderStage: 8 };
    const bytes = { primitives: 200 * MiB, bvhNodes: 10 * MiB, triangleShading: 0 };
    expect(() => planSceneTables(bytes, browser)).toThrow(SceneTooLargeError);
    expect(() => planSceneTables(bytes, browser)).toThrow(
      /the scene needs 9 storage bindings of at most 128\.0 MiB \(primitives 200\.0 MiB in 2, BVH nodes 10\.0 MiB in 1, triangle shading data 0\.0 MiB in 1\), over this device's 8 per shader stage/
    );
    expect(() => planSceneTables(bytes, browser, 16)).toThrow(/smaller than one Primitive record/);
  });

  it('the generated module compiles for a split plan, in the megakernel and the wavefront kernels', async () => {
    const { device } = await testGpu();
    const plan = planSceneTables({ primitives: 10 * 64, bvhNodes: 4 * 112, triangleShading: 10 * 112 }, LAVAPIPE_LIKE, 256);
    expect(plan.triangleShading.bindings).toHaveLength(5);
    for (const entry of ['integrator/path', 'integrator/wavefront/kernels']) {
      await expect(compileShader(device, entry, sourcesForScene(plan, ALL_FEATURES, 'path-tracing'))).resolves.toBeDefined();
    }
  });
});

/** A split layout is a pipeline variant of its own: its first compile on lavapipe takes minutes under load. */
const SPLIT_COMPILE_TIMEOUT_MS = 480_000;

describe('split scene tables render the same image', () => {
  // A smooth sphere (primitives, nodes and shading records) under a lamp; the segment size is just under the node
  // table's, so nodes take 2 bindings, primitives 3 and shading records 4: 14 storage buffers, within lavapipe's 16.
  for (const integrator of ['megakernel', 'wavefront'] as IntegratorName[]) {
    it(`${integrator}: a smooth mesh with every table split equals the unsplit render`, async () => {
      const gpu = await testGpu();
      const scene = sceneOf(singleMeshScene('sphere'));
      const compiled = compileScene(scene, { meshes: new Map([['sphere', smoothIcosphere(8)]]) });
      const maxSegmentBytes = Math.floor((compiled.bvhNodes.byteLength * 0.99) / 112) * 112;
      const plan = planForScene(gpu.device, compiled, maxSegmentBytes);
      for (const table of tablePlans(plan)) expect(table.bindings.length).toBeGreaterThanOrEqual(2);
      const options = { ...SMALL, width: 24, height: 24, samples: 4, integrator };
      const whole = await renderCompiled(gpu, scene, compiled, options);
      const split = await renderCompiled(gpu, scene, compiled, { ...options, maxSegmentBytes });
      expect(split.stats.raySegments).toBe(whole.stats.raySegments);
      expect(Buffer.from(split.xyz.buffer).equals(Buffer.from(whole.xyz.buffer))).toBe(true);
    }, SPLIT_COMPILE_TIMEOUT_MS);
  }
});
