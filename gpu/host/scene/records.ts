// Layouts of the GPU records the scene compiler packs and the path tracer reads. The WGSL structs are generated
// from these (module 'generated/scene_records'), so there is one source per layout.
import { defineStruct, structWgsl } from '../shader/struct-layout.ts';
import { MAX_MEDIA } from './kinds.ts';
import { SOBOL_BITS } from '../sampling/sobol.ts';

export const MATERIAL_RECORD = defineStruct('Material', [
  ['kind', 'u32'],
  /** Albedo (Lambertian, Metal, Isotropic), emission (lights) or colour (Dielectric) texture. */
  ['texture', 'u32'],
  ['flags', 'u32'],
  ['pad0', 'u32'],
  /** Metal: x fuzz. Dielectric: x index. Dispersive: x Cauchy A, y Cauchy B (µm²). ConeLight: x spread (degrees). */
  ['params', 'vec4f'],
  /** Thin film: x index, y thickness (nm). glTF: x normal scale, y occlusion strength, z alpha cutoff (MASK). */
  ['film', 'vec4f'],
  /** glTF: textures of metallic-roughness, normal, occlusion and emission (NO_TEXTURE when absent); `texture` is
   * the base colour. Their Texture records carry the factors. */
  ['maps', 'vec4u']
]);

export const TEXTURE_RECORD = defineStruct('Texture', [
  ['kind', 'u32'],
  /** Illuminant: offset of its 1-nm table in the illuminant buffer. */
  ['table_offset', 'u32'],
  /** TEXTURE_FLAG_* bits. */
  ['flags', 'u32'],
  ['pad1', 'u32'],
  /** Sigmoid spectrum (c0, c1, c2, scale) of a solid colour or the checker's even cells. */
  ['even', 'vec4f'],
  ['odd', 'vec4f'],
  /** x: checker density; y: illuminant intensity. Image: the atlas rectangle (x, y, width, height) in texels,
   * width 0 for a factor without an image; `even` is then the linear RGBA factor. */
  ['params', 'vec4f']
]);

/**
 * Shading data of one mesh triangle (Primitive.a.w = index + 1): per corner a normal (w: the corner's u), a tangent
 * (w: bitangent sign) and v. A zero normal or tangent means the mesh has none.
 */
export const TRIANGLE_SHADING_RECORD = defineStruct('TriangleShading', [
  ['n0', 'vec4f'],
  ['n1', 'vec4f'],
  ['n2', 'vec4f'],
  ['t0', 'vec4f'],
  ['t1', 'vec4f'],
  ['t2', 'vec4f'],
  /** v of corners 0, 1, 2. */
  ['v', 'vec4f']
]);

export const LIGHT_RECORD = defineStruct('Light', [
  ['prim', 'u32'],
  /** Probability of choosing this light in next-event estimation. */
  ['probability', 'f32'],
  /** Cumulative probability up to and including this light. */
  ['cdf', 'f32'],
  ['pad0', 'u32']
]);

export const MEDIUM_RECORD = defineStruct('Medium', [
  /** Boundary primitives: a range outside the BVH, tested directly. */
  ['first_prim', 'u32'],
  ['prim_count', 'u32'],
  ['texture', 'u32'],
  /** Extinction coefficient per world unit. */
  ['density', 'f32']
]);

/** One Sobol generator column for 4 dimensions (see gpu/host/sampling/sobol.ts). */
export const SOBOL_COLUMN_RECORD = defineStruct('SobolColumn', [['dims', 'vec4u']]);

/** The environment light (lights/environment.wgsl; gpu/host/environment/environment.ts). */
export const ENVIRONMENT_RECORD = defineStruct('EnvironmentMap', [
  /** (cos, sin) of the map's turn about +Y, counter-clockwise seen from above. */
  ['rotation', 'vec2f'],
  /** Multiplies a texel to give radiance (intensity × the storage scale). */
  ['radiance_scale', 'f32'],
  /** Probability that next-event estimation samples the environment rather than an emitter (0: no environment). */
  ['light_probability', 'f32'],
  /** Texels of the lookup map. */
  ['size', 'vec2u'],
  /** Cells of the sampling distribution (its cdf texture is one larger each way). */
  ['cells', 'vec2u']
]);

export const FRAME_RECORD = defineStruct('FrameUniforms', [
  ['origin', 'vec3f'],
  ['lens_radius', 'f32'],
  ['lower_left', 'vec3f'],
  ['time_0', 'f32'],
  ['horizontal', 'vec3f'],
  ['time_1', 'f32'],
  ['vertical', 'vec3f'],
  ['width', 'u32'],
  ['cam_u', 'vec3f'],
  ['height', 'u32'],
  ['cam_v', 'vec3f'],
  ['seed', 'u32'],
  /** Background radiance as a sigmoid spectrum. */
  ['background', 'vec4f'],
  ['environment', { struct: ENVIRONMENT_RECORD }],
  ['sample_offset', 'u32'],
  ['sample_count', 'u32'],
  ['max_depth', 'u32'],
  ['mode', 'u32'],
  /** Lights [0, emitter_count) are emitters for next-event estimation; the next guide_count are guides. */
  ['emitter_count', 'u32'],
  ['guide_count', 'u32'],
  ['medium_count', 'u32'],
  /** First image row of this dispatch (dispatches may cover a band of rows). */
  ['row_offset', 'u32'],
  ['media', { struct: MEDIUM_RECORD, count: MAX_MEDIA }],
  /** SAMPLER_* of generated/scene_kinds. */
  ['sampler', 'u32'],
  ['pad0', 'u32'],
  ['pad1', 'u32'],
  ['pad2', 'u32'],
  ['sobol', { struct: SOBOL_COLUMN_RECORD, count: SOBOL_BITS }]
]);

export function sceneRecordsWgsl(): string {
  return [
    '// Generated from gpu/host/scene/records.ts.',
    ...[MATERIAL_RECORD, TEXTURE_RECORD, TRIANGLE_SHADING_RECORD, LIGHT_RECORD, MEDIUM_RECORD, SOBOL_COLUMN_RECORD, ENVIRONMENT_RECORD, FRAME_RECORD].map(structWgsl)
  ].join('\n');
}
