// The host's view of the kernels' interface, checked against the linked WGSL without a GPU (wgsl_reflect): the
// bind groups of binding-table.ts, the byte sizes the host allocates and writes, and the workgroup sizes the
// pipelines set through override constants.
import { describe, expect, it } from 'vitest';
import { ResourceType, WgslReflect } from 'wgsl_reflect/wgsl_reflect.module.js';
import { linkShader } from '../shader/linker.ts';
import { shaderSources } from '../shader/sources.ts';
import { bindingKinds, STATE_BINDING, type BindingKind } from './binding-table.ts';
import { COUNTER_BYTES, FILM_HEADER_BYTES, FILM_PIXEL_BYTES, WORKGROUP_SIZE } from './path-tracer.ts';
import { CONTROL_BYTES, DISPATCH_SIZES_BYTES, EXTEND_SIZE, GROUP, SHADOW_SIZE, WAVEFRONT_PATH_BYTES } from './wavefront.ts';

/** Reflects a linked entry module, its overrides given these values (the pipelines' constants). */
function reflect(entry: string, overrides: Readonly<Record<string, number>>): WgslReflect {
  let code = linkShader(entry, shaderSources()).code;
  for (const [name, value] of Object.entries(overrides)) {
    const declaration = `override ${name}: u32;`;
    expect(code, `${entry} declares ${declaration} without a default`).toContain(declaration);
    code = code.replace(declaration, `override ${name}: u32 = ${value}u;`);
  }
  // wgsl_reflect still takes `block` (an attribute of early WGSL) for a keyword: the shaders do not use it as a name.
  return new WgslReflect(code);
}

function struct(r: WgslReflect, name: string) {
  const s = r.structs.find((x) => x.name === name);
  if (!s) throw new Error(`no struct ${name}`);
  const member = (m: string) => s.members.find((x) => x.name === m);
  return { size: s.size, offset: (m: string) => member(m)?.offset, stride: (m: string) => member(m)?.stride };
}

/** A bind group as binding → 'variable: kind'. */
function bindings(r: WgslReflect, group: number): Map<number, string> {
  const resource = (type: ResourceType, access: string) =>
    type === ResourceType.Uniform ? 'uniform' : type === ResourceType.Texture ? 'texture' : access === 'read' ? 'read-only-storage' : 'storage';
  return new Map((r.getBindGroups()[group] ?? []).filter((v) => v).map((v) => [v.binding, `${v.name}: ${resource(v.resourceType, v.access)}`]));
}

const MEGAKERNEL = { WORKGROUP_SIZE };
const WAVEFRONT = { WAVEFRONT_GROUP: GROUP };

describe('the path tracer bind group', () => {
  // The WGSL names are the kernels' own; the numbers and kinds come from binding-table.ts.
  const variables = {
    frame: 'frame',
    primitives: 'primitives',
    bvhNodes: 'bvh_nodes',
    materials: 'materials',
    textures: 'textures',
    illuminants: 'illuminant_table',
    lights: 'lights',
    film: 'film',
    triangleShading: 'triangle_shading',
    atlas: 'texture_atlas',
    environmentMap: 'environment_map',
    environmentCdf: 'environment_cdf'
  };
  const expected = (kinds: Array<{ binding: number; name: keyof typeof variables; kind: BindingKind }>) =>
    new Map(kinds.map((b) => [b.binding, `${variables[b.name]}: ${b.kind}`]));

  it('declares every binding of the table, with its kind, in the megakernels and the wavefront kernels', () => {
    for (const entry of ['integrator/path', 'integrator/views']) {
      expect(bindings(reflect(entry, MEGAKERNEL), 0)).toEqual(expected(bindingKinds()));
    }
    expect(bindings(reflect('integrator/wavefront/kernels', WAVEFRONT), 0)).toEqual(expected(bindingKinds()));
  });

  it('declares the wavefront state of the table in group 1', () => {
    const r = reflect('integrator/wavefront/kernels', WAVEFRONT);
    expect(bindings(r, 1)).toEqual(
      new Map([
        [STATE_BINDING.paths, 'paths: storage'],
        [STATE_BINDING.queues, 'queues: storage'],
        [STATE_BINDING.dispatchSizes, 'dispatch_sizes: storage']
      ])
    );
  });
});

describe('GPU sizes the host relies on', () => {
  it('film: counters header, then one vec4f per pixel', () => {
    const r = reflect('integrator/path', MEGAKERNEL);
    expect(struct(r, 'RenderCounters').size).toBe(COUNTER_BYTES);
    const film = struct(r, 'Film');
    expect(film.offset('pixels')).toBe(FILM_HEADER_BYTES);
    expect(film.stride('pixels')).toBe(FILM_PIXEL_BYTES);
  });

  it('wavefront path state, queue control and dispatch sizes', () => {
    const r = reflect('integrator/wavefront/kernels', WAVEFRONT);
    expect(struct(r, 'WavefrontPath').size).toBe(WAVEFRONT_PATH_BYTES);
    expect(struct(r, 'QueueControl').size).toBe(CONTROL_BYTES);
    expect(struct(r, 'Queues').offset('items')).toBe(CONTROL_BYTES);
    const sizes = struct(r, 'DispatchSizes');
    expect([sizes.offset('extend'), sizes.offset('shadow'), sizes.size]).toEqual([EXTEND_SIZE, SHADOW_SIZE, DISPATCH_SIZES_BYTES]);
  });

  it('workgroup sizes come from the override constants the pipelines set', () => {
    for (const entry of ['integrator/path', 'integrator/views']) {
      expect(reflect(entry, MEGAKERNEL).entry.compute.map((f) => f.workgroupSize)).toEqual([[WORKGROUP_SIZE, WORKGROUP_SIZE, 1]]);
    }
    const kernels = reflect('integrator/wavefront/kernels', WAVEFRONT).entry.compute;
    expect(Object.fromEntries(kernels.map((f) => [f.name, f.workgroupSize]))).toEqual({
      generate: [GROUP, 1, 1],
      extend: [GROUP, 1, 1],
      shade: [GROUP, 1, 1],
      advance: [1, 1, 1],
      shadow: [GROUP, 1, 1],
      accumulate: [GROUP, 1, 1]
    });
  });
});
