import { describe, expect, it } from 'vitest';
import { defineStruct, packArray, structWgsl } from './struct-layout.ts';
import { FRAME_RECORD, MATERIAL_RECORD } from '../scene/records.ts';
import { runKernel } from '../testing/kernel.ts';
import { testDevice } from '../testing/test-device.ts';

describe('struct layouts (WGSL host-shareable rules)', () => {
  it('aligns vec3 to 16 bytes while packing a scalar into its 4th lane, and rounds the size up', () => {
    const s = defineStruct('S', [
      ['a', 'f32'],
      ['b', 'vec3f'],
      ['c', 'u32'],
      ['d', 'vec2f'],
      ['e', 'vec4f']
    ]);
    expect(s.fields.map((f) => [f.name, f.offset])).toEqual([
      ['a', 0],
      ['b', 16],
      ['c', 28],
      ['d', 32],
      ['e', 48]
    ]);
    expect(s.size).toBe(64);
    expect(structWgsl(s)).toBe('struct S {\n  a: f32,\n  b: vec3f,\n  c: u32,\n  d: vec2f,\n  e: vec4f,\n}\n');
  });

  it('lays out fixed arrays of structs with the element stride', () => {
    const inner = defineStruct('Inner', [['x', 'vec3f']]);
    const outer = defineStruct('Outer', [
      ['n', 'u32'],
      ['items', { struct: inner, count: 3 }]
    ]);
    expect(outer.fieldByName.get('items')!.offset).toBe(16);
    expect(outer.size).toBe(64);
  });

  it('rejects unknown fields and wrong component counts', () => {
    expect(() => packArray(MATERIAL_RECORD, [{ nope: 1 }])).toThrow(/no field "nope"/);
    expect(() => packArray(MATERIAL_RECORD, [{ params: [1, 2] }])).toThrow(/expected 4 components/);
  });

  it('the GPU reads back what the host packed (the generated struct and the packer agree)', async () => {
    const device = await testDevice();
    const records = packArray(MATERIAL_RECORD, [
      { kind: 3, texture: 11, flags: 1, params: [1.5, 0.25, 0, 0], film: [1.33, 450, 0, 0] },
      { kind: 5, texture: 7, flags: 0, params: [15, 0, 0, 0], film: [0, 0, 0, 0] }
    ]);
    const frame = new ArrayBuffer(FRAME_RECORD.size);
    const sources = {
      'tests/struct_layout_test': `// #import generated/scene_records
@group(0) @binding(0) var<storage, read> materials: array<Material>;
@group(0) @binding(1) var<storage, read> frames: array<FrameUniforms>;
@group(0) @binding(2) var<storage, read_write> output: array<f32>;
@compute @workgroup_size(1)
fn read_back() {
  for (var i = 0u; i < 2u; i++) {
    let m = materials[i];
    output[i * 5u] = f32(m.kind);
    output[i * 5u + 1u] = f32(m.texture);
    output[i * 5u + 2u] = m.params.x;
    output[i * 5u + 3u] = m.params.y;
    output[i * 5u + 4u] = m.film.y;
  }
  output[10] = f32(frames[0].width);
}
`
    };
    new DataView(frame).setUint32(FRAME_RECORD.fieldByName.get('width')!.offset, 640, true);
    const { data } = await runKernel(device, {
      module: 'tests/struct_layout_test',
      entryPoint: 'read_back',
      inputs: [new Float32Array(records), new Float32Array(frame)],
      output: { type: Float32Array, length: 11 },
      workgroups: 1,
      sources
    });
    expect(Array.from(data)).toEqual([3, 11, 1.5, 0.25, 450, 5, 7, 15, 0, 0, 640]);
  });
});
