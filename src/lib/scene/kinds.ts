// The closed lists of scene kinds. The schema is built from them and the GPU compiler emits them as WGSL
// constants, so the order here is the numbering there: append, never reorder.

export const OBJECT_KINDS = [
  'Sphere', 'MovingSphere', 'Quad', 'Triangle', 'Boxy', 'ConstantMedium', 'RotateY', 'Translate', 'ObjectList',
  'STL', 'PLY', 'GLTF'
] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

export const MATERIAL_KINDS = [
  'Lambertian', 'Metal', 'Dielectric', 'Dispersive', 'DiffuseLight', 'ConeLight', 'Isotropic'
] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

/** CIE illuminant textures, in the column order of the project's CIE data tables. */
export const ILLUMINANT_KINDS = [
  'IlluminantD50', 'IlluminantD65',
  'IlluminantFL1', 'IlluminantFL2', 'IlluminantFL3', 'IlluminantFL4', 'IlluminantFL5', 'IlluminantFL6',
  'IlluminantFL7', 'IlluminantFL8', 'IlluminantFL9', 'IlluminantFL10', 'IlluminantFL11', 'IlluminantFL12',
  'IlluminantFL3_1', 'IlluminantFL3_2', 'IlluminantFL3_3', 'IlluminantFL3_4', 'IlluminantFL3_5',
  'IlluminantFL3_6', 'IlluminantFL3_7', 'IlluminantFL3_8', 'IlluminantFL3_9', 'IlluminantFL3_10',
  'IlluminantFL3_11', 'IlluminantFL3_12', 'IlluminantFL3_13', 'IlluminantFL3_14', 'IlluminantFL3_15',
  'IlluminantLedB1', 'IlluminantLedB2', 'IlluminantLedB3', 'IlluminantLedB4', 'IlluminantLedB5',
  'IlluminantLedBH1', 'IlluminantLedRGB1', 'IlluminantLedV1', 'IlluminantLedV2'
] as const;
export type IlluminantKind = (typeof ILLUMINANT_KINDS)[number];

export const TEXTURE_KINDS = ['SolidColor', 'SpatialChecker', 'SurfaceChecker', ...ILLUMINANT_KINDS] as const;
export type TextureKind = (typeof TEXTURE_KINDS)[number];

/** The snake_case tags of the typed colour forms (`{"hex": …}`, `{"oklch": …}`, …). */
export const COLOR_TAGS = ['hex', 'srgb', 'lin_srgb', 'xyz_e', 'xyz_d65', 'oklch'] as const;
export type ColorTag = (typeof COLOR_TAGS)[number];
