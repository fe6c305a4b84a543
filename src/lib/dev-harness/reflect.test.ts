import { describe, expect, it } from 'vitest';
import { BVH_NODE_RECORD } from '../../../gpu/host/bvh/layout.ts';
import { shaderSources } from '../../../gpu/host/shader/sources.ts';
import { linkShader } from '../../../gpu/host/shader/linker.ts';
import { reflectLinked, ReflectionError } from './reflect.ts';

describe('WGSL reflection (wgsl_reflect, as the shader harness shows it)', () => {
  it('gives a test kernel’s bindings, its structs’ layouts and its entry point, located in their modules', () => {
    const r = reflectLinked(linkShader('tests/bvh_test', shaderSources()));
    expect(r.bindings.map((b) => [b.group, b.binding, b.name, b.resource, b.access])).toEqual([
      [0, 0, 'params', 'storage', 'read'],
      [0, 1, 'rays', 'storage', 'read'],
      [0, 2, 'bvh_nodes', 'storage', 'read'],
      [0, 3, 'bvh_prim_indices', 'storage', 'read'],
      [0, 4, 'primitives', 'storage', 'read'],
      [0, 5, 'output', 'storage', 'read_write']
    ]);
    expect(r.bindings[2].at?.module).toBe('tests/bvh_test');
    const node = r.structs.find((s) => s.name === 'BvhNode')!;
    expect(node.at?.module).toBe('generated/bvh_layout');
    // The reflected layout is the one the host packs with (gpu/host/bvh/layout.ts).
    expect(node.size).toBe(BVH_NODE_RECORD.size);
    expect(node.members.map((m) => [m.name, m.offset, m.size])).toEqual(BVH_NODE_RECORD.fields.map((f) => [f.name, f.offset, f.size]));
    expect(node.members.map((m) => m.name)).toEqual(['min_x', 'min_y', 'min_z', 'max_x', 'max_y', 'max_z', 'child']);
    expect(r.entryPoints).toEqual([expect.objectContaining({ name: 'traverse', workgroupSize: [64, 1, 1] })]);
  });

  it('locates a parse failure at the module line', () => {
    const linked = linkShader('b', { a: 'struct A { x: f32 }\n', b: '// #import a\nfn f() -> f32 {\n  return (1.0;\n}\n' });
    expect(() => reflectLinked(linked)).toThrow(ReflectionError);
    try {
      reflectLinked(linked);
    } catch (e) {
      expect((e as ReflectionError).at).toEqual({ module: 'b', line: 3 });
    }
  });
});
