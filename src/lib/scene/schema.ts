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

/** The `kind` tag of an object, material or texture (every field carries a description for the JSON Schema). */
function kindTag<K extends string>(kind: K, family: string) {
  return z.literal(kind).describe(`Selects the ${family} kind ${kind}`);
}

// ---------------------------------------------------------------- textures (§1.6)

const xyzE = (v: number) => ({ xyz_e: [v, v, v] as Vec3 });

export const solidColorSchema = z.looseObject({
  kind: kindTag('SolidColor', 'texture'),
  color: colorInitSchema.describe(
    'The colour, in any colour form. As a reflectance it stays within [0, 1]; as the emit of a light it is the ' +
      'emitted radiance and may exceed 1'
  )
}).describe('The same colour everywhere');
/** The two checker textures differ in the space their cells live in and the default density. */
const checkerFields = (space: string, density: number) => ({
  even: colorInitSchema.default(() => xyzE(0.8)).describe('Colour of the even cells (default XYZ_E 0.8 grey)'),
  odd: colorInitSchema.default(() => xyzE(0.5)).describe('Colour of the odd cells (default XYZ_E 0.5 grey)'),
  density: finiteNumber.default(density).describe(`Cells per unit of ${space}: each cell is 1/density wide`)
});
export const spatialCheckerSchema = z.looseObject({
  kind: kindTag('SpatialChecker', 'texture'), ...checkerFields('world space', 1)
}).describe(
  '3D checkerboard in world space: the sign of sin(πd·x)·sin(πd·y)·sin(πd·z) (d = density) picks the odd cells'
);
export const surfaceCheckerSchema = z.looseObject({
  kind: kindTag('SurfaceChecker', 'texture'), ...checkerFields('the surface coordinates u and v (each 0 to 1)', 10)
}).describe('2D checkerboard over the surface coordinates: the sign of sin(πd·u)·sin(πd·v) picks the odd cells');
/** All CIE illuminant textures share one shape: the tabulated SPD × intensity. */
export const illuminantSchema = z.looseObject({
  kind: z.enum(ILLUMINANT_KINDS).describe(
    'The CIE illuminant: D50, D65, fluorescent FL1–FL12 and FL3.1–FL3.15, LEDs B1–B5, BH1, RGB1, V1 and V2'
  ),
  intensity: finiteNumber.default(1).describe(
    'Scale of the tabulated spectrum (tables as published: D65 is 100 at 560 nm, so 0.01 gives about 1)'
  )
}).describe(
  'A CIE standard illuminant: its tabulated spectral power (380–780 nm) × intensity. Meant for lights; as a ' +
    'reflectance it is clamped to [0, 1]'
);

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
  refractive_index: finiteNumber.default(1.5).describe('Refractive index of the film, entered from air (default 1.5)'),
  thickness: finiteNumber.default(500).describe('Film thickness in nanometres (default 500)')
});
export type ThinFilm = z.output<typeof thinFilmSchema>;

const albedo = textureOrDefault.describe('Reflectance texture (default: SolidColor XYZ_E 0.5 grey)');
const emit = textureSchema.describe(
  'Emitted radiance texture; emitted from the front face only (the side the normal points to)'
);

/** Fields of each material kind, shared by inline materials and named (shared) ones. */
const materialShapes = {
  Lambertian: { kind: kindTag('Lambertian', 'material'), albedo },
  Metal: {
    kind: kindTag('Metal', 'material'),
    albedo,
    fuzz: finiteNumber.default(0).describe(
      'Roughness: the mirror direction plus a random point on a sphere of this radius. 0 is a perfect mirror; ' +
        'clamped to [0, 1] (default 0)'
    )
  },
  Dielectric: {
    kind: kindTag('Dielectric', 'material'),
    refractive_index: finiteNumber.default(1.5).describe('Index of refraction relative to the outside (default 1.5)'),
    color: dielectricColorSchema.default(() => [1, 1, 1] as Vec3).describe(
      'Tint of reflected and refracted light, XYZ_E; older files\' {"red", "green", "blue"} is sRGB (default ' +
        '[1, 1, 1]: clear)'
    )
  },
  Dispersive: {
    kind: kindTag('Dispersive', 'material'),
    cauchy_a: finiteNumber.default(1.5046).describe("Cauchy's A: the index at long wavelengths (default 1.5046, BK7)"),
    cauchy_b: finiteNumber.default(0.0042).describe("Cauchy's B in µm² (default 0.0042, BK7)")
  },
  DiffuseLight: { kind: kindTag('DiffuseLight', 'material'), emit },
  ConeLight: {
    kind: kindTag('ConeLight', 'material'),
    spread: finiteNumber.describe(
      'Half-angle of the emission cone in degrees, about the normal; no falloff inside. 90 or more lights the ' +
        'whole front side, a negative value nothing'
    ),
    emit
  },
  Isotropic: { kind: kindTag('Isotropic', 'material'), albedo }
} as const;

/** What each material kind does; the JSON Schema and docs/scene-format.md show it. */
const MATERIAL_DESCRIPTIONS: Record<keyof typeof materialShapes, string> = {
  Lambertian: 'Ideal diffuse reflector: cosine-distributed bounces',
  Metal: 'Fuzzy mirror',
  Dielectric:
    'Smooth glass: reflects with the Schlick Fresnel weight (always on total internal reflection), else refracts',
  Dispersive:
    "Smooth glass whose index follows Cauchy's equation n(λ) = A + B/λ² (λ in µm), so white light splits; untinted",
  DiffuseLight: 'Light source: emits `emit` from its front face in every direction and reflects nothing',
  ConeLight: 'Light source like DiffuseLight that emits only within `spread` degrees of the normal',
  Isotropic: 'Scatters uniformly over all directions (the phase function of media), as a surface material'
};

const thinFilmField = {
  thin_film: thinFilmSchema.optional().describe(
    'Thin-film coating: the reflectance is multiplied by 1 + cos(2π·2·n·d·cos θ/λ) (n, d of the film, θ the ' +
      'refracted angle), from 0 to 2 across wavelengths. Absent: no film'
  )
};
const nameField = {
  name: z.string().max(MAX_NAME_LENGTH).describe(
    'The name objects refer to; the first entry with a name wins. The name "" replaces the default material'
  )
};

export const materialSchema = z.discriminatedUnion(
  'kind',
  [
    z.looseObject({ ...materialShapes.Lambertian, ...thinFilmField }).describe(MATERIAL_DESCRIPTIONS.Lambertian),
    z.looseObject({ ...materialShapes.Metal, ...thinFilmField }).describe(MATERIAL_DESCRIPTIONS.Metal),
    z.looseObject({ ...materialShapes.Dielectric, ...thinFilmField }).describe(MATERIAL_DESCRIPTIONS.Dielectric),
    z.looseObject({ ...materialShapes.Dispersive, ...thinFilmField }).describe(MATERIAL_DESCRIPTIONS.Dispersive),
    z.looseObject({ ...materialShapes.DiffuseLight, ...thinFilmField }).describe(MATERIAL_DESCRIPTIONS.DiffuseLight),
    z.looseObject({ ...materialShapes.ConeLight, ...thinFilmField }).describe(MATERIAL_DESCRIPTIONS.ConeLight),
    z.looseObject({ ...materialShapes.Isotropic, ...thinFilmField }).describe(MATERIAL_DESCRIPTIONS.Isotropic)
  ],
  { error: kindError('material', MATERIAL_KINDS) }
);
export type Material = z.output<typeof materialSchema>;

/** An entry of the top-level `materials` list: `{ name, …material fields }`. */
export const sharedMaterialSchema = z.discriminatedUnion(
  'kind',
  [
    z.looseObject({ ...nameField, ...materialShapes.Lambertian, ...thinFilmField }).describe(MATERIAL_DESCRIPTIONS.Lambertian),
    z.looseObject({ ...nameField, ...materialShapes.Metal, ...thinFilmField }).describe(MATERIAL_DESCRIPTIONS.Metal),
    z.looseObject({ ...nameField, ...materialShapes.Dielectric, ...thinFilmField }).describe(MATERIAL_DESCRIPTIONS.Dielectric),
    z.looseObject({ ...nameField, ...materialShapes.Dispersive, ...thinFilmField }).describe(MATERIAL_DESCRIPTIONS.Dispersive),
    z.looseObject({ ...nameField, ...materialShapes.DiffuseLight, ...thinFilmField }).describe(MATERIAL_DESCRIPTIONS.DiffuseLight),
    z.looseObject({ ...nameField, ...materialShapes.ConeLight, ...thinFilmField }).describe(MATERIAL_DESCRIPTIONS.ConeLight),
    z.looseObject({ ...nameField, ...materialShapes.Isotropic, ...thinFilmField }).describe(MATERIAL_DESCRIPTIONS.Isotropic)
  ],
  { error: kindError('material', MATERIAL_KINDS) }
);
export type SharedMaterial = z.output<typeof sharedMaterialSchema>;

/** A material name from `materials` or an inline material; omitted means "" (the default material). */
export const materialInitSchema = z.union([z.string().max(MAX_NAME_LENGTH), materialSchema], {
  error: 'expected a material name or a material object'
});
export type MaterialInit = z.output<typeof materialInitSchema>;
const materialField = {
  material: materialInitSchema.default('').describe(
    'A name from `materials` or an inline material. "" (the default) is the default material, a grey ' +
      'Lambertian; an unknown name warns and falls back to it'
  )
};

// ---------------------------------------------------------------- objects (§1.4)

const priority = {
  priority: z.boolean().default(false).describe(
    'Adds the primitives to the light set (nested objects too; true on any enclosing object counts). With a ' +
      'DiffuseLight or ConeLight material they are sampled by next-event estimation; others (glass, say) guide ' +
      'bounce directions, weighted by multiple importance sampling. Mark lamps and glass (default false)'
  )
};
const meshPath = z.string().min(1).max(MAX_PATH_LENGTH).describe(
  'The mesh: a bundled model (teapot, prism, gltf-sample, or a reference path such as stl/teapot.stl), an ' +
    "uploaded file, or for the CLI a file path (tried against the current directory, then the scene file's)"
);
const radius = finiteNumber.describe(
  "Radius in world units, not 0; a negative radius turns the normal inward (a hollow glass ball's inner wall)"
);
const point = (text: string) => vec3Schema.describe(text);

/** Recursive reference to any object; the annotation gives TypeScript the hand-written type below. */
export const sceneObjectSchema: z.ZodType<SceneObject> = z.lazy(() => objectUnionSchema);

export const sphereSchema = z.looseObject({
  kind: kindTag('Sphere', 'object'), ...priority, center: point('Centre'), radius, ...materialField
}).describe('A sphere');
/** Written by older (clovers-service era) files; the motion is always from time 0 to time 1 (decision 10). */
const olderTime = (end: string) =>
  finiteNumber.optional().describe(`Older files only: the time the sphere is at ${end}. Ignored`);
export const movingSphereSchema = z.looseObject({
  kind: kindTag('MovingSphere', 'object'), ...priority, center_0: point('Centre at time 0'),
  center_1: point('Centre at time 1'), radius, ...materialField, time_0: olderTime('center_0'),
  time_1: olderTime('center_1')
}).describe(
  'A sphere moving in a straight line (motion blur): each ray sees it at lerp(center_0, center_1, t) for its ' +
    'time t, drawn from [time_0, time_1] of the scene'
);
/** Quad and Triangle share their fields: a corner and two edges. */
const cornerAndEdges = {
  q: point('Corner point'),
  u: point('First edge, from q'),
  v: point('Second edge, from q; the front side (the one lights emit from) faces u × v')
};
export const quadSchema = z.looseObject({
  kind: kindTag('Quad', 'object'), ...priority, ...cornerAndEdges, ...materialField
}).describe('A parallelogram: the points q + a·u + b·v for a, b in [0, 1]');
export const triangleSchema = z.looseObject({
  kind: kindTag('Triangle', 'object'), ...priority, ...cornerAndEdges, ...materialField
}).describe('A triangle with the corners q, q + u and q + v');
export const boxySchema = z.looseObject({
  kind: kindTag('Boxy', 'object'), ...priority, corner_0: point('One corner'),
  corner_1: point('The opposite corner'), ...materialField
}).describe('An axis-aligned box between two opposite corners: six quads with outward normals');
export const constantMediumSchema = z.looseObject({
  kind: kindTag('ConstantMedium', 'object'), ...priority,
  boundary: sceneObjectSchema.describe(
    'The closed convex object whose inside holds the medium (its material is not used); not another medium'
  ),
  density: finiteNumber.default(0.1).describe(
    'Extinction per world unit, > 0: the mean distance between scattering events is 1/density (default 0.1)'
  ),
  texture: textureOrDefault.describe('Albedo of the scattering (default: SolidColor XYZ_E 0.5 grey)')
}).describe('Smoke or fog filling a boundary: rays scatter uniformly in direction at random distances inside it');
export const rotateYSchema = z.looseObject({
  kind: kindTag('RotateY', 'object'), ...priority, object: sceneObjectSchema.describe('The object to rotate'),
  angle: finiteNumber.describe('Degrees, right-handed about +Y (90 turns +Z toward +X)')
}).describe('Rotates an object about the Y axis through the origin');
export const translateSchema = z.looseObject({
  kind: kindTag('Translate', 'object'), ...priority, object: sceneObjectSchema.describe('The object to move'),
  offset: point('Displacement in world units')
}).describe('Moves an object');
export const objectListSchema = z.looseObject({
  kind: kindTag('ObjectList', 'object'), ...priority,
  objects: z.array(sceneObjectSchema).describe('The objects of the group (may be empty)')
}).describe('A group of objects: priority and the enclosing transforms apply to all of them');
const meshFields = {
  ...priority, path: meshPath, ...materialField,
  scale: finiteNumber.describe('Uniform scale applied to the vertices after the rotation'),
  center: point('Where the mesh origin goes, after rotation and scale'),
  rotation: point('[roll, pitch, yaw] in degrees about X, Y and Z; roll is applied first')
};
export const stlSchema = z.looseObject({ kind: kindTag('STL', 'object'), ...meshFields }).describe(
  'A triangle mesh from an STL file (binary or ASCII), one material for all of it; faces follow the file winding'
);
export const plySchema = z.looseObject({ kind: kindTag('PLY', 'object'), ...meshFields }).describe(
  'A triangle mesh from a PLY file (ASCII or binary; polygons fan-triangulated), one material for all of it'
);
export const gltfSchema = z.looseObject({ kind: kindTag('GLTF', 'object'), ...priority, path: meshPath }).describe(
  'A glTF 2.0 scene (.gltf or .glb) with its own node transforms and materials; only enclosing Translate and ' +
    'RotateY move it. Emissive triangles are lights without priority'
);

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
  look_from: point('Position of the lens centre'),
  look_at: point('A point the camera looks at (must differ from look_from)'),
  up: point('The direction that is up in the image (not parallel to the view direction; any length)'),
  vertical_fov: finiteNumber.describe('Full vertical field of view in degrees, in (0, 180)'),
  aperture: finiteNumber.describe('Lens diameter in world units, >= 0; 0 is a pinhole (everything sharp)'),
  focus_distance: finiteNumber.describe('Distance from look_from to the plane in sharp focus, > 0')
});
export type Camera = z.output<typeof cameraSchema>;

// ---------------------------------------------------------------- environment (clovers extension)

const environmentIntensity = finiteNumber.min(0).default(1).describe('Scale of the radiance, >= 0 (default 1)');

export const hdriEnvironmentSchema = z.looseObject({
  kind: z.literal('Hdri').describe('Selects the environment kind Hdri'),
  path: z.string().min(1).max(MAX_PATH_LENGTH).describe(
    'The equirectangular map: a Radiance .hdr or OpenEXR .exr file of linear Rec.709 radiance, +Y up. CLI: a ' +
      'file path (the current folder, then the scene\'s); service: a bundled environment name or "upload:<id>"'
  ),
  intensity: environmentIntensity,
  rotation: finiteNumber.default(0).describe(
    'Turns the map about +Y by this many degrees, counter-clockwise seen from above (default 0)'
  )
}).describe(
  'Light from an equirectangular HDR map at infinity: direction d reads u = 0.5 + atan2(d.x, -d.z)/(2π), ' +
    'v = acos(d.y)/π (v = 0 is the top row)'
);
export const skyEnvironmentSchema = z.looseObject({
  kind: z.literal('Sky').describe('Selects the environment kind Sky'),
  // A tuple of its own: refinements of the shared vec3Schema would inherit its JSON Schema id and description.
  sun_direction: z
    .tuple([finiteNumber, finiteNumber, finiteNumber])
    .refine(([x, y, z]) => x * x + y * y + z * z > 0, 'must not be the zero vector')
    .refine(([, y]) => y >= 0, 'must point at or above the horizon (y >= 0)')
    .describe(
    'Direction toward the sun (any length, not zero; y >= 0: the sun is at or above the horizon)'
  ),
  turbidity: finiteNumber.min(1).max(10).default(3).describe(
    'Haze: 1–10, from a clear mountain sky (2) to a hazy one (10) (default 3)'
  ),
  intensity: environmentIntensity,
  ground_albedo: finiteNumber.min(0).max(1).default(0.3).describe(
    'Reflectance of the ground below the horizon, 0–1 (default 0.3)'
  )
}).describe('An analytic daylight sky with its sun (Preetham et al. 1999), sun disk included and sampled as a light');

export const environmentSchema = z.discriminatedUnion('kind', [hdriEnvironmentSchema, skyEnvironmentSchema], {
  error: kindError('environment', ['Hdri', 'Sky'])
});
export type Environment = z.output<typeof environmentSchema>;
export type HdriEnvironment = z.output<typeof hdriEnvironmentSchema>;
export type SkyEnvironment = z.output<typeof skyEnvironmentSchema>;

export const sceneFileSchema = z.looseObject({
  time_0: finiteNumber.describe(
    'Shutter opening time: each camera ray gets a time drawn uniformly from [time_0, time_1] (motion blur)'
  ),
  time_1: finiteNumber.describe('Shutter closing time (MovingSphere positions are given for times 0 and 1)'),
  background_color: backgroundColorSchema.describe(
    'Radiance of rays that leave the scene, as non-linear sRGB (values above 1 are brighter; [0, 0, 0] is a dark ' +
      'sky, so the scene needs lights)'
  ),
  environment: environmentSchema.optional().describe(
    'Light from all directions at infinity (an HDR map or a sky); when present it replaces background_color'
  ),
  camera: cameraSchema.describe('The thin-lens camera; the image aspect ratio comes from the render size'),
  objects: z.array(sceneObjectSchema).describe('Everything in the scene'),
  materials: z.array(sharedMaterialSchema).max(MAX_MATERIALS).default(() => []).describe(
    `Named materials that objects refer to by name (at most ${MAX_MATERIALS}; default none)`
  )
});
export type SceneFile = z.output<typeof sceneFileSchema>;
/** What a scene author may write (defaults optional); recursive object fields are `unknown` here. */
export type SceneFileInput = z.input<typeof sceneFileSchema>;
