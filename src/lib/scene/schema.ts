// The scene JSON format (spec §1), as one zod schema: every kind, every default, unknown keys kept.
// Recursion (Translate, RotateY, ConstantMedium.boundary, ObjectList) goes through `z.lazy`; the recursive
// output types are written out below because TypeScript cannot infer a type from its own initializer.
// Depth and size are checked before this schema runs (structure.ts), so recursion here is bounded.
import { z } from 'zod';
import { ILLUMINANT_KINDS, MATERIAL_KINDS, OBJECT_KINDS, TEXTURE_KINDS } from './kinds.ts';
import {
  backgroundColorSchema,
  colorInitSchema,
  dielectricColorSchema,
  finiteNumber,
  vec3Schema,
  type Vec3
} from './schema-color.ts';
import { MAX_MATERIALS, MAX_NAME_LENGTH, MAX_PATH_LENGTH } from '../limits.ts';

export * from './schema-color.ts';
export * from './kinds.ts';

/** Message for a missing or unknown `kind`; the formatter shows it as is. */
function kindError(family: string, kinds: readonly string[]) {
  const list = kinds.length > 12 ? `${kinds.slice(0, 3).join(', ')} or an Illuminant* kind` : kinds.join(', ');
  return (issue: { code?: string; input?: unknown }): string | undefined => {
    if (issue.code !== 'invalid_union') return undefined;
    const input = issue.input;
    const kind = typeof input === 'object' && input !== null ? (input as Record<string, unknown>).kind : undefined;
    return kind === undefined
      ? `missing "kind": expected one of ${list}`
      : `unknown ${family} kind ${JSON.stringify(kind)}: expected one of ${list}`;
  };
}

// ---------------------------------------------------------------- textures (§1.6)

const xyzE = (v: number) => ({ xyz_e: [v, v, v] as Vec3 });

export const solidColorSchema = z.looseObject({ kind: z.literal('SolidColor'), color: colorInitSchema });
export const spatialCheckerSchema = z.looseObject({
  kind: z.literal('SpatialChecker'),
  even: colorInitSchema.default(() => xyzE(0.8)),
  odd: colorInitSchema.default(() => xyzE(0.5)),
  density: finiteNumber.default(1)
});
export const surfaceCheckerSchema = z.looseObject({
  kind: z.literal('SurfaceChecker'),
  even: colorInitSchema.default(() => xyzE(0.8)),
  odd: colorInitSchema.default(() => xyzE(0.5)),
  density: finiteNumber.default(10)
});
/** All CIE illuminant textures share one shape: the tabulated SPD × intensity. */
export const illuminantSchema = z.looseObject({
  kind: z.enum(ILLUMINANT_KINDS),
  intensity: finiteNumber.default(1)
});

export const textureSchema = z.discriminatedUnion(
  'kind',
  [solidColorSchema, spatialCheckerSchema, surfaceCheckerSchema, illuminantSchema],
  { error: kindError('texture', TEXTURE_KINDS) }
);
export type Texture = z.output<typeof textureSchema>;
export type SolidColor = z.output<typeof solidColorSchema>;
export type SpatialChecker = z.output<typeof spatialCheckerSchema>;
export type SurfaceChecker = z.output<typeof surfaceCheckerSchema>;
export type IlluminantTexture = z.output<typeof illuminantSchema>;

/** The default texture: SolidColor XYZ_E 0.5 grey (a flat spectrum of ≈0.5). */
export function defaultTexture(): SolidColor {
  return { kind: 'SolidColor', color: xyzE(0.5) };
}
const textureOrDefault = textureSchema.default(defaultTexture);

// ---------------------------------------------------------------- materials (§1.5)

export const thinFilmSchema = z.looseObject({
  refractive_index: finiteNumber.default(1.5),
  /** nm */
  thickness: finiteNumber.default(500)
});
export type ThinFilm = z.output<typeof thinFilmSchema>;

/** Fields of each material kind, shared by inline materials and named (shared) ones. */
const materialShapes = {
  Lambertian: { kind: z.literal('Lambertian'), albedo: textureOrDefault },
  Metal: { kind: z.literal('Metal'), albedo: textureOrDefault, fuzz: finiteNumber.default(0) },
  Dielectric: {
    kind: z.literal('Dielectric'),
    refractive_index: finiteNumber.default(1.5),
    color: dielectricColorSchema.default(() => [1, 1, 1] as Vec3)
  },
  Dispersive: {
    kind: z.literal('Dispersive'),
    cauchy_a: finiteNumber.default(1.5046),
    /** µm² */
    cauchy_b: finiteNumber.default(0.0042)
  },
  DiffuseLight: { kind: z.literal('DiffuseLight'), emit: textureSchema },
  ConeLight: { kind: z.literal('ConeLight'), spread: finiteNumber, emit: textureSchema },
  Isotropic: { kind: z.literal('Isotropic'), albedo: textureOrDefault }
} as const;

const thinFilmField = { thin_film: thinFilmSchema.optional() };
const nameField = { name: z.string().max(MAX_NAME_LENGTH) };

export const materialSchema = z.discriminatedUnion(
  'kind',
  [
    z.looseObject({ ...materialShapes.Lambertian, ...thinFilmField }),
    z.looseObject({ ...materialShapes.Metal, ...thinFilmField }),
    z.looseObject({ ...materialShapes.Dielectric, ...thinFilmField }),
    z.looseObject({ ...materialShapes.Dispersive, ...thinFilmField }),
    z.looseObject({ ...materialShapes.DiffuseLight, ...thinFilmField }),
    z.looseObject({ ...materialShapes.ConeLight, ...thinFilmField }),
    z.looseObject({ ...materialShapes.Isotropic, ...thinFilmField })
  ],
  { error: kindError('material', MATERIAL_KINDS) }
);
export type Material = z.output<typeof materialSchema>;

/** An entry of the top-level `materials` list: `{ name, …material fields }`. */
export const sharedMaterialSchema = z.discriminatedUnion(
  'kind',
  [
    z.looseObject({ ...nameField, ...materialShapes.Lambertian, ...thinFilmField }),
    z.looseObject({ ...nameField, ...materialShapes.Metal, ...thinFilmField }),
    z.looseObject({ ...nameField, ...materialShapes.Dielectric, ...thinFilmField }),
    z.looseObject({ ...nameField, ...materialShapes.Dispersive, ...thinFilmField }),
    z.looseObject({ ...nameField, ...materialShapes.DiffuseLight, ...thinFilmField }),
    z.looseObject({ ...nameField, ...materialShapes.ConeLight, ...thinFilmField }),
    z.looseObject({ ...nameField, ...materialShapes.Isotropic, ...thinFilmField })
  ],
  { error: kindError('material', MATERIAL_KINDS) }
);
export type SharedMaterial = z.output<typeof sharedMaterialSchema>;

/** A material name from `materials` or an inline material; omitted means "" (the default material). */
export const materialInitSchema = z.union([z.string().max(MAX_NAME_LENGTH), materialSchema], {
  error: 'expected a material name or a material object'
});
export type MaterialInit = z.output<typeof materialInitSchema>;
const materialField = { material: materialInitSchema.default('') };

// ---------------------------------------------------------------- objects (§1.4)

const priority = { priority: z.boolean().default(false) };
const meshPath = z.string().min(1).max(MAX_PATH_LENGTH);

/** Recursive reference to any object; the annotation gives TypeScript the hand-written type below. */
export const sceneObjectSchema: z.ZodType<SceneObject> = z.lazy(() => objectUnionSchema);

export const sphereSchema = z.looseObject({
  kind: z.literal('Sphere'), ...priority, center: vec3Schema, radius: finiteNumber, ...materialField
});
export const movingSphereSchema = z.looseObject({
  kind: z.literal('MovingSphere'), ...priority, center_0: vec3Schema, center_1: vec3Schema, radius: finiteNumber,
  ...materialField
});
export const quadSchema = z.looseObject({
  kind: z.literal('Quad'), ...priority, q: vec3Schema, u: vec3Schema, v: vec3Schema, ...materialField
});
export const triangleSchema = z.looseObject({
  kind: z.literal('Triangle'), ...priority, q: vec3Schema, u: vec3Schema, v: vec3Schema, ...materialField
});
export const boxySchema = z.looseObject({
  kind: z.literal('Boxy'), ...priority, corner_0: vec3Schema, corner_1: vec3Schema, ...materialField
});
export const constantMediumSchema = z.looseObject({
  kind: z.literal('ConstantMedium'), ...priority, boundary: sceneObjectSchema, density: finiteNumber.default(0.1),
  texture: textureOrDefault
});
export const rotateYSchema = z.looseObject({
  kind: z.literal('RotateY'), ...priority, object: sceneObjectSchema, angle: finiteNumber
});
export const translateSchema = z.looseObject({
  kind: z.literal('Translate'), ...priority, object: sceneObjectSchema, offset: vec3Schema
});
export const objectListSchema = z.looseObject({
  kind: z.literal('ObjectList'), ...priority, objects: z.array(sceneObjectSchema)
});
const meshFields = {
  ...priority, path: meshPath, ...materialField, scale: finiteNumber, center: vec3Schema, rotation: vec3Schema
};
export const stlSchema = z.looseObject({ kind: z.literal('STL'), ...meshFields });
export const plySchema = z.looseObject({ kind: z.literal('PLY'), ...meshFields });
export const gltfSchema = z.looseObject({ kind: z.literal('GLTF'), ...priority, path: meshPath });

const objectUnionSchema = z.discriminatedUnion(
  'kind',
  [
    sphereSchema, movingSphereSchema, quadSchema, triangleSchema, boxySchema, constantMediumSchema, rotateYSchema,
    translateSchema, objectListSchema, stlSchema, plySchema, gltfSchema
  ],
  { error: kindError('object', OBJECT_KINDS) }
);

/** Unknown keys (e.g. `comment`) survive parsing on every object. */
interface Extra {
  [key: string]: unknown;
}
export type Sphere = z.output<typeof sphereSchema>;
export type MovingSphere = z.output<typeof movingSphereSchema>;
export type Quad = z.output<typeof quadSchema>;
export type Triangle = z.output<typeof triangleSchema>;
export type Boxy = z.output<typeof boxySchema>;
export type Stl = z.output<typeof stlSchema>;
export type Ply = z.output<typeof plySchema>;
export type Gltf = z.output<typeof gltfSchema>;
export interface ConstantMedium extends Extra {
  kind: 'ConstantMedium';
  priority: boolean;
  boundary: SceneObject;
  density: number;
  texture: Texture;
}
export interface RotateY extends Extra {
  kind: 'RotateY';
  priority: boolean;
  object: SceneObject;
  /** degrees, about +Y */
  angle: number;
}
export interface Translate extends Extra {
  kind: 'Translate';
  priority: boolean;
  object: SceneObject;
  offset: Vec3;
}
export interface ObjectList extends Extra {
  kind: 'ObjectList';
  priority: boolean;
  objects: SceneObject[];
}
export type SceneObject =
  | Sphere | MovingSphere | Quad | Triangle | Boxy | ConstantMedium | RotateY | Translate | ObjectList | Stl | Ply
  | Gltf;
/** Objects that carry a `material` field. */
export type ObjectWithMaterial = Extract<SceneObject, { material: MaterialInit }>;

// ---------------------------------------------------------------- camera and top level (§1.2, §1.3)

export const cameraSchema = z.looseObject({
  look_from: vec3Schema,
  look_at: vec3Schema,
  up: vec3Schema,
  /** degrees, full vertical angle */
  vertical_fov: finiteNumber,
  /** lens diameter; 0 is a pinhole */
  aperture: finiteNumber,
  focus_distance: finiteNumber
});
export type Camera = z.output<typeof cameraSchema>;

export const sceneFileSchema = z.looseObject({
  time_0: finiteNumber,
  time_1: finiteNumber,
  background_color: backgroundColorSchema,
  camera: cameraSchema,
  objects: z.array(sceneObjectSchema),
  materials: z.array(sharedMaterialSchema).max(MAX_MATERIALS).default(() => [])
});
export type SceneFile = z.output<typeof sceneFileSchema>;
/** What a scene author may write (defaults optional); recursive object fields are `unknown` here. */
export type SceneFileInput = z.input<typeof sceneFileSchema>;
