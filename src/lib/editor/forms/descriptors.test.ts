// Tooltips that once contradicted the renderer, pinned to what the code does (gpu/host/scene/compile.ts,
// gpu/shaders/*, docs/decisions.md), and the help of every render mode and sampler.
import { describe, expect, it } from 'vitest';
import { RENDER_MODES, SAMPLERS } from '../../../../gpu/host/render/types.ts';
import {
  MATERIAL_DESCRIPTORS,
  OBJECT_DESCRIPTORS,
  RENDER_OPTION_FIELDS,
  SCENE_FIELDS,
  TEXTURE_DESCRIPTORS,
  type FieldDescriptor
} from './descriptors.ts';
import { fromStops, toStops } from './edit.ts';

function tooltip(fields: readonly FieldDescriptor[], key: string): string {
  const field = fields.find((f) => f.key === key);
  if (!field) throw new Error(`no field ${key}`);
  return field.tooltip;
}

describe('tooltips agree with the renderer', () => {
  it('time_0 and time_1 set the shutter interval that ray times are drawn from (decision 10)', () => {
    for (const key of ['time_0', 'time_1']) {
      const text = tooltip(SCENE_FIELDS, key);
      expect(text).not.toMatch(/unused/i);
      expect(text).toContain('uniform in [time_0, time_1]');
      expect(text).toMatch(/center_0 at time 0 and at center_1 at time 1/);
    }
    expect(tooltip(OBJECT_DESCRIPTORS.MovingSphere.fields, 'center_0')).not.toMatch(/shutter open\)/);
  });

  it('metal fuzz is clamped to [0, 1] (decision 11, metal.wgsl)', () => {
    const text = tooltip(MATERIAL_DESCRIPTORS.Metal.fields, 'fuzz');
    expect(text).not.toMatch(/not clamped/i);
    expect(text).toContain('clamped to [0, 1]');
  });

  it('priority counts on nested objects and on every kind (decision 1)', () => {
    for (const descriptor of Object.values(OBJECT_DESCRIPTORS)) {
      const text = tooltip(descriptor.fields, 'priority');
      expect(text).not.toMatch(/top-level|cannot be sampled/i);
      expect(text).toMatch(/any kind/i);
      expect(text).toMatch(/any\s+depth/i);
    }
  });

  it('lists are flattened at any depth, PLY polygons are fanned, illuminants are normalised at 560 nm', () => {
    expect(OBJECT_DESCRIPTORS.ObjectList.tooltip).not.toMatch(/at top level/i);
    expect(OBJECT_DESCRIPTORS.ObjectList.tooltip).toMatch(/any depth/);
    expect(OBJECT_DESCRIPTORS.PLY.tooltip).not.toMatch(/first three indices/);
    expect(OBJECT_DESCRIPTORS.PLY.tooltip).toMatch(/fan-triangulated/);
    const intensity = tooltip(TEXTURE_DESCRIPTORS.IlluminantD65.fields, 'intensity');
    expect(intensity).not.toMatch(/peak at 100/);
    expect(intensity).toContain('100 at 560 nm');
  });

  it('mode and sampler tooltips describe every mode and sampler', () => {
    const mode = tooltip(RENDER_OPTION_FIELDS, 'mode');
    for (const m of RENDER_MODES) expect(mode).toContain(`${m}: `);
    const sampler = tooltip(RENDER_OPTION_FIELDS, 'sampler');
    for (const s of SAMPLERS) expect(sampler).toContain(`${s}: `);
  });

  it('exposure says it is linear, before the sRGB curve, and that the EXR stays raw', () => {
    const exposure = RENDER_OPTION_FIELDS.find((f) => f.key === 'exposure');
    expect(exposure?.default?.()).toBe(1);
    expect(exposure?.tooltip).toMatch(/linear scale of the film before the sRGB curve/);
    expect(exposure?.tooltip).toMatch(/EXR keeps the raw film/);
  });
});

describe('exposure slider stops', () => {
  it('maps values to log2 stops and back, rounded to 4 significant digits', () => {
    expect(toStops(2, 1)).toBe(1);
    expect(toStops(0.25, 1)).toBe(-2);
    expect(toStops(undefined, 1)).toBe(0);
    expect(toStops(0, 4)).toBe(2);
    expect(fromStops(0.5)).toBe(1.414);
    expect(fromStops(-1)).toBe(0.5);
    expect(fromStops(toStops(3, 1))).toBe(3);
  });
});
