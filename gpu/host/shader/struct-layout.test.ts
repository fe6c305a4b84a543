import { describe, expect, it } from 'vitest';
import { defineStruct, packArray, structWgsl } from './struct-layout.ts';
import { MATERIAL_RECORD } from '../scene/records.ts';
import { describeSuite } from '../testing/suites/vitest.ts';
import { structLayoutSuite } from '../testing/suites/shader.ts';

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
});

// The GPU read-back case runs from the kernel suite (also on the shader harness page).
describeSuite(structLayoutSuite);
