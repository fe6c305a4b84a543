// What a compiled scene uses (shape, material and texture kinds, thin film, media, lights, guides, smooth shading,
// the environment) and which view a kernel renders: the kernels are specialised to it (module
// generated/scene_features), so a scene compiles only the code it can reach. Shader compile time grows faster than the code (every WGSL call is inlined):
// on lavapipe the Cornell box's kernel compiles in a fraction of the time of the kernel with every feature.
// A feature set is a small record, so the variants a driver's shader cache must hold are the feature sets of the
// scenes actually rendered; every example scene maps to one.
import type { CompiledScene } from './compile.ts';
import { MATERIAL_RECORD, TEXTURE_RECORD } from './records.ts';
import { MATERIAL_FLAG, MATERIAL_KIND, RENDER_MODE_ID, TEXTURE_KIND } from './kinds.ts';
import type { RenderMode } from '../render/types.ts';
import type { StructLayout } from '../shader/struct-layout.ts';

export const SCENE_FEATURES = [
  'sphere',
  'moving_sphere',
  'quad',
  'triangle',
  /** Triangles with interpolated normals, UVs or tangents (shapes/shading). */
  'smooth_shading',
  'lambertian',
  'metal',
  'dielectric',
  'dispersive',
  'diffuse_light',
  'cone_light',
  'isotropic',
  'gltf',
  'thin_film',
  'spatial_checker',
  'surface_checker',
  'illuminant',
  'image',
  /** ConstantMedium volumes. */
  'media',
  /** Priority emitters: next-event estimation. */
  'emitters',
  /** Priority non-emitters that guide bounce directions. */
  'guides',
  /** An environment map or sky at infinity (lights/environment). */
  'environment'
] as const;

export type SceneFeature = (typeof SCENE_FEATURES)[number];
export type SceneFeatures = Readonly<Record<SceneFeature, boolean>>;

/** Every feature: the kernel that renders any scene (the shader harness and the kernel unit tests link it). */
export const ALL_FEATURES: SceneFeatures = Object.fromEntries(SCENE_FEATURES.map((f) => [f, true])) as Record<SceneFeature, boolean>;

const MATERIAL_BY_KIND: Readonly<Record<number, SceneFeature>> = {
  [MATERIAL_KIND.lambertian]: 'lambertian',
  [MATERIAL_KIND.metal]: 'metal',
  [MATERIAL_KIND.dielectric]: 'dielectric',
  [MATERIAL_KIND.dispersive]: 'dispersive',
  [MATERIAL_KIND.diffuseLight]: 'diffuse_light',
  [MATERIAL_KIND.coneLight]: 'cone_light',
  [MATERIAL_KIND.isotropic]: 'isotropic',
  [MATERIAL_KIND.gltf]: 'gltf'
};

const TEXTURE_BY_KIND: Readonly<Record<number, SceneFeature | undefined>> = {
  [TEXTURE_KIND.solid]: undefined,
  [TEXTURE_KIND.spatialChecker]: 'spatial_checker',
  [TEXTURE_KIND.surfaceChecker]: 'surface_checker',
  [TEXTURE_KIND.illuminant]: 'illuminant',
  [TEXTURE_KIND.image]: 'image'
};

const SHAPE_BY_KIND: Readonly<Record<CompiledScene['primitives'][number]['kind'], SceneFeature>> = {
  sphere: 'sphere',
  movingSphere: 'moving_sphere',
  quad: 'quad',
  triangle: 'triangle'
};

/** u32 field `name` of each record in a packed table. */
function recordWords(data: ArrayBuffer | Float32Array, recordSize: number, offset: number): number[] {
  const bytes = data instanceof Float32Array ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) : data;
  const view = new DataView(bytes);
  const out: number[] = [];
  for (let at = offset; at + 4 <= bytes.byteLength; at += recordSize) out.push(view.getUint32(at, true));
  return out;
}

const field = (record: StructLayout, name: string): number => {
  const f = record.fieldByName.get(name);
  if (!f) throw new Error(`${record.name} has no field ${name}`);
  return f.offset;
};

export function sceneFeatures(scene: CompiledScene): SceneFeatures {
  const used = new Set<SceneFeature>();
  for (const p of scene.primitives) {
    used.add(SHAPE_BY_KIND[p.kind]);
    if (p.kind === 'triangle' && (p.shading ?? 0) > 0) used.add('smooth_shading');
  }
  const materials = scene.materials;
  const kinds = recordWords(materials, MATERIAL_RECORD.size, field(MATERIAL_RECORD, 'kind'));
  const flags = recordWords(materials, MATERIAL_RECORD.size, field(MATERIAL_RECORD, 'flags'));
  kinds.forEach((kind, i) => {
    const f = MATERIAL_BY_KIND[kind];
    if (f) used.add(f);
    if ((flags[i] & MATERIAL_FLAG.thinFilm) !== 0) used.add('thin_film');
  });
  for (const kind of recordWords(scene.textures, TEXTURE_RECORD.size, field(TEXTURE_RECORD, 'kind'))) {
    const f = TEXTURE_BY_KIND[kind];
    if (f) used.add(f);
  }
  if (scene.media.length > 0) used.add('media');
  if (scene.emitterCount > 0) used.add('emitters');
  if (scene.guideCount > 0) used.add('guides');
  if (scene.environment) used.add('environment');
  return Object.fromEntries(SCENE_FEATURES.map((f) => [f, used.has(f)])) as Record<SceneFeature, boolean>;
}

/** A short stable name of a feature set and mode, e.g. for logs and benchmark tables. */
export function featureKey(features: SceneFeatures, mode: RenderMode = 'path-tracing'): string {
  return [mode, ...SCENE_FEATURES.filter((f) => features[f])].join('+');
}

/** WGSL of generated/scene_features: one bool per feature (SCENE_<FEATURE>) and the kernel's render mode. */
export function sceneFeaturesWgsl(features: SceneFeatures = ALL_FEATURES, mode?: RenderMode): string {
  return [
    '// Generated by gpu/host/scene/features.ts: what the scene uses; code for the rest is compiled out.',
    '// #import generated/scene_kinds',
    ...SCENE_FEATURES.map((f) => `const SCENE_${f.toUpperCase()}: bool = ${features[f]};`),
    '/// Some material scatters specularly (Metal, Dielectric, Dispersive).',
    `const SCENE_SPECULAR: bool = ${features.metal || features.dielectric || features.dispersive};`,
    '/// The isotropic phase function is used: Isotropic surfaces, or scattering inside a medium.',
    `const SCENE_ISOTROPIC_LOBE: bool = ${features.isotropic || features.media};`,
    '/// The view this kernel renders (MODE_*), or RENDER_MODE_ANY: chosen per dispatch by frame.mode.',
    'const RENDER_MODE_ANY: u32 = 0xffffffffu;',
    `const RENDER_MODE: u32 = ${mode === undefined ? 'RENDER_MODE_ANY' : `${RENDER_MODE_ID[mode]}u`};`
  ].join('\n');
}
