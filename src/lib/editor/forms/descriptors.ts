// One descriptor table per kind of the scene format: which fields a form shows, with which widget, the tooltip
// (written from the engine spec §1) and the default a new item gets. The generic field renderer (Field.svelte)
// and `defaultItem` both read these tables, so a kind is described once for the form and for "new …".
import {
  defaultTexture,
  ILLUMINANT_KINDS,
  MATERIAL_KINDS,
  OBJECT_KINDS,
  TEXTURE_KINDS,
  type Environment,
  type IlluminantKind,
  type MaterialKind,
  type ObjectKind,
  type TextureKind
} from '$lib/scene/schema.ts';
import { RENDER_MODES, SAMPLERS, type RenderMode, type SamplerName } from '../../../../gpu/host/render/types.ts';
import { MAX_EXPOSURE, MAX_SEED, RENDER_OPTION_DEFAULTS } from '$lib/render-options.ts';
import { MODEL_LIBRARY } from '$lib/meshes/library.ts';
import { ENVIRONMENT_LIBRARY } from '$lib/environments/library.ts';
import { MAX_IMAGE_HEIGHT, MAX_IMAGE_WIDTH, MAX_RAY_DEPTH, MAX_SAMPLES } from '$lib/limits.ts';

/** Which colour a colour field holds (spec §1.7): they accept different forms. */
export type ColorSpace = 'init' | 'background' | 'dielectric';
/** Mesh file formats a mesh field can point at (matches the upload's `format`). */
export type MeshFormat = 'stl' | 'ply' | 'obj' | 'gltf' | 'glb';

export type Widget =
  | {
      type: 'number'; integer?: boolean; min?: number; max?: number; step?: number; unit?: string;
      /** A slider beside the text, in photographic stops (log2 of the value) over this range. */
      stops?: { readonly min: number; readonly max: number };
      /** A linear slider beside the text over this range (values outside it can still be typed). */
      slider?: { readonly min: number; readonly max: number; readonly step: number };
    }
  | { type: 'triple'; labels: readonly [string, string, string]; unit?: string }
  | { type: 'color'; space: ColorSpace }
  | { type: 'texture' }
  | { type: 'material' }
  | { type: 'object' }
  | { type: 'objects' }
  | { type: 'boolean' }
  | { type: 'text' }
  | { type: 'select'; options: readonly string[] }
  | { type: 'mesh'; formats: readonly MeshFormat[] }
  /** An environment map `path`: a bundled map or an upload (EnvironmentMapInput.svelte). */
  | { type: 'environment-map' }
  /** A direction toward the sun, edited as azimuth and elevation (SunInput.svelte). */
  | { type: 'sun' }
  /** An optional group of fields (thin film): absent until the user adds it. */
  | { type: 'group'; fields: readonly FieldDescriptor[] };

export interface FieldDescriptor {
  readonly key: string;
  readonly widget: Widget;
  readonly tooltip: string;
  /** The value a new item gets; fields without one are left out of new items (optional keys). */
  readonly default?: () => unknown;
  /**
   * The field may be absent: clearing it removes the key (the schema's default or "none" applies). Fields that
   * are not optional are required by the schema, and clearing them shows an error instead.
   */
  readonly optional?: boolean;
}

export interface KindDescriptor {
  readonly kind: string;
  readonly tooltip: string;
  readonly fields: readonly FieldDescriptor[];
}

export type Family = 'object' | 'material' | 'texture' | 'environment';

const XYZ = ['x', 'y', 'z'] as const;
const vec = (x: number, y: number, z: number) => () => [x, y, z];

// ---------------------------------------------------------------- shared fields

const comment: FieldDescriptor = {
  key: 'comment', widget: { type: 'text' }, optional: true,
  tooltip: 'A descriptive name shown in the list; the renderer ignores it.'
};
const priority: FieldDescriptor = {
  key: 'priority', widget: { type: 'boolean' }, optional: true, default: () => false,
  tooltip:
    'Sample this object as a light (multiple importance sampling): lamps by next-event estimation, others (glass) ' +
    'as guides for bounce directions. Mark lamps and glass. Any kind can be sampled, and the flag counts at any ' +
    'depth: on a group or wrapper it marks everything inside.'
};
const material: FieldDescriptor = {
  key: 'material', widget: { type: 'material' }, optional: true, default: () => '',
  tooltip:
    'The name of a shared material, or an inline material. The empty name is the default material (grey Lambertian).'
};
const number = (key: string, tooltip: string, value?: number, extra: Omit<Extract<Widget, { type: 'number' }>, 'type'> = {}, optional = false): FieldDescriptor => ({
  key, widget: { type: 'number', ...extra }, tooltip, optional, ...(value === undefined ? {} : { default: () => value })
});
const triple = (key: string, tooltip: string, value: () => unknown, labels: readonly [string, string, string] = XYZ, unit?: string): FieldDescriptor => ({
  key, widget: { type: 'triple', labels, unit }, tooltip, default: value
});
const colorInit = (key: string, tooltip: string, value: () => unknown, optional = false): FieldDescriptor => ({
  key, widget: { type: 'color', space: 'init' }, tooltip, default: value, optional
});
const texture = (key: string, tooltip: string, optional: boolean): FieldDescriptor => ({
  key, widget: { type: 'texture' }, tooltip, optional, default: defaultTexture
});

// ---------------------------------------------------------------- objects (§1.4)

const sphereRadius = number('radius', 'Sphere radius, not 0. A negative radius turns the normal inward: the inner wall of a hollow glass shell.', 1);

const defaultSphere = () => ({ kind: 'Sphere', center: [0, 1, 0], radius: 1, material: '' });
const childObject = (tooltip: string): FieldDescriptor => ({ key: 'object', widget: { type: 'object' }, tooltip, default: defaultSphere });
/** A new mesh object points at the first bundled model of its formats (a placeholder name when none is bundled). */
const meshFields = (formats: readonly MeshFormat[]): FieldDescriptor[] => [
  {
    key: 'path', widget: { type: 'mesh', formats },
    default: () => MODEL_LIBRARY.find((m) => formats.some((f) => m.file.endsWith(`.${f}`)))?.name ?? `model.${formats[0]}`,
    tooltip: 'The mesh file: a bundled model (e.g. teapot, prism) or one you uploaded ("upload:<id>").'
  }
];
const meshPlacement: FieldDescriptor[] = [
  number('scale', 'Uniform scale factor, applied after the rotation.', 1),
  triple('center', 'Offset added after rotating and scaling: the mesh origin ends up here (no re-centring).', vec(0, 0, 0)),
  triple('rotation', 'Euler angles in degrees: roll about X, then pitch about Y, then yaw about Z.', vec(0, 0, 0), ['roll', 'pitch', 'yaw'], '°')
];

export const OBJECT_DESCRIPTORS: Record<ObjectKind, KindDescriptor> = {
  Sphere: {
    kind: 'Sphere', tooltip: 'A sphere.',
    fields: [comment, sphereRadius, triple('center', 'Centre of the sphere.', vec(0, 1, 0)), priority, material]
  },
  MovingSphere: {
    kind: 'MovingSphere', tooltip: 'A sphere moving from center_0 at time 0 to center_1 at time 1 (motion blur).',
    fields: [
      comment, sphereRadius, triple('center_0', 'Centre at time 0 (the default shutter open time).', vec(0, 1, 0)),
      triple('center_1', 'Centre at time 1 (the default shutter close time); in between it moves in a straight line.', vec(0, 1.5, 0)), priority, material
    ]
  },
  Quad: {
    kind: 'Quad', tooltip: 'A parallelogram q + a·u + b·v (a, b in [0, 1]); it faces along u × v.',
    fields: [
      comment, triple('q', 'A corner of the quad.', vec(-1, 0, -1)), triple('u', 'First side vector from q.', vec(2, 0, 0)),
      triple('v', 'Second side vector from q; the normal is u × v (lights emit on that side only).', vec(0, 0, 2)), priority, material
    ]
  },
  Triangle: {
    kind: 'Triangle', tooltip: 'A triangle with corners q, q + u and q + v; it faces along u × v.',
    fields: [
      comment, triple('q', 'A corner of the triangle.', vec(-1, 0, 0)), triple('u', 'Vector from q to the second corner.', vec(2, 0, 0)),
      triple('v', 'Vector from q to the third corner; the normal is u × v.', vec(0, 2, 0)), priority, material
    ]
  },
  Boxy: {
    kind: 'Boxy', tooltip: 'An axis-aligned box given by two opposite corners (in any order).',
    fields: [
      comment, triple('corner_0', 'A corner of the box.', vec(-1, 0, -1)),
      triple('corner_1', 'The diagonally opposite corner.', vec(1, 2, 1)), priority, material
    ]
  },
  ConstantMedium: {
    kind: 'ConstantMedium', tooltip: 'Fog or smoke filling a boundary object, scattering isotropically.',
    fields: [
      comment, number('density', 'Fog density, > 0: scattering events per unit length (the mean free path is 1/density).', 0.1, {}, true), priority,
      { key: 'boundary', widget: { type: 'object' }, default: () => ({ kind: 'Boxy', corner_0: [-1, 0, -1], corner_1: [1, 2, 1] }),
        tooltip: 'The object whose inside is filled with the medium; its own material is ignored.' },
      texture('texture', 'Colour of the medium (its albedo); default grey.', true)
    ]
  },
  RotateY: {
    kind: 'RotateY', tooltip: 'Rotates an object about the +Y axis (right-handed).',
    fields: [comment, number('angle', 'Rotation angle about +Y, in degrees.', 15, { unit: '°' }), priority, childObject('The rotated object.')]
  },
  Translate: {
    kind: 'Translate', tooltip: 'Moves an object by an offset.',
    fields: [comment, triple('offset', 'Offset vector added to the object.', vec(0, 0, 0)), priority, childObject('The moved object.')]
  },
  ObjectList: {
    kind: 'ObjectList', tooltip: 'A group of objects, flattened into the scene at any depth (nested and empty lists work).',
    fields: [
      comment, priority,
      { key: 'objects', widget: { type: 'objects' }, default: () => [defaultSphere()], tooltip: 'The objects of the group.' }
    ]
  },
  STL: {
    kind: 'STL', tooltip: 'A triangle mesh from an STL file (ASCII or binary), rotated, scaled, then moved.',
    fields: [comment, ...meshFields(['stl', 'obj']), ...meshPlacement, priority, material]
  },
  PLY: {
    kind: 'PLY', tooltip: 'A triangle mesh from a PLY file (ASCII or binary; polygons are fan-triangulated), rotated, scaled, then moved.',
    fields: [comment, ...meshFields(['ply', 'obj']), ...meshPlacement, priority, material]
  },
  GLTF: {
    kind: 'GLTF', tooltip: 'A glTF 2.0 mesh; its materials come from the file.',
    fields: [comment, ...meshFields(['gltf', 'glb']), priority]
  }
};

// ---------------------------------------------------------------- textures (§1.6)

const checker = (kind: 'SpatialChecker' | 'SurfaceChecker', space: string, density: number): KindDescriptor => ({
  kind, tooltip: `A checker pattern in ${space}.`,
  fields: [
    number('density', `Checker density: squares per unit (default ${density}).`, density, {}, true),
    colorInit('even', 'Colour of the even squares (default XYZ_E 0.8 grey).', () => ({ hex: '#e6e6e6' }), true),
    colorInit('odd', 'Colour of the odd squares (default XYZ_E 0.5 grey).', () => ({ hex: '#bcbcbc' }), true)
  ]
});
const illuminant = (kind: IlluminantKind): KindDescriptor => ({
  kind,
  tooltip: `CIE illuminant ${kind.slice('Illuminant'.length)}: a tabulated spectrum × intensity (clamped to 1 as a reflectance).`,
  fields: [
    number('intensity', 'Scale of the tabulated spectrum (tables as published: D50 and D65 are 100 at 560 nm), so lamps use e.g. 0.05–0.5.', 0.1, {}, true)
  ]
});

export const TEXTURE_DESCRIPTORS: Record<TextureKind, KindDescriptor> = {
  SolidColor: {
    kind: 'SolidColor', tooltip: 'One colour everywhere. Values above 1 mean gain (brighter lights).',
    fields: [colorInit('color', 'The colour (any colour form; the picker writes {"hex": …}).', () => ({ hex: '#bcbcbc' }))]
  },
  SpatialChecker: checker('SpatialChecker', 'world space (3-D)', 1),
  SurfaceChecker: checker('SurfaceChecker', 'surface (u, v) space', 10),
  ...(Object.fromEntries(ILLUMINANT_KINDS.map((k) => [k, illuminant(k)])) as Record<IlluminantKind, KindDescriptor>)
};

// ---------------------------------------------------------------- materials (§1.5)

const albedo = texture('albedo', 'Reflectance texture; default grey (XYZ_E 0.5).', true);
const emit = (): FieldDescriptor => ({
  ...texture('emit', 'Emitted light. Colours above 1 or illuminant intensities make it brighter.', false),
  default: () => ({ kind: 'IlluminantD65', intensity: 0.1 })
});
const thinFilm: FieldDescriptor = {
  key: 'thin_film', optional: true,
  widget: {
    type: 'group',
    fields: [
      number('refractive_index', 'Refractive index of the film (default 1.5).', 1.5, {}, true),
      number('thickness', 'Film thickness in nanometres (default 500).', 500, { unit: 'nm' }, true)
    ]
  },
  tooltip: 'A thin interference film on top (soap bubbles, coated metal). Renders with hero wavelengths only.'
};

export const MATERIAL_DESCRIPTORS: Record<MaterialKind, KindDescriptor> = {
  Lambertian: { kind: 'Lambertian', tooltip: 'A matte, diffuse surface.', fields: [albedo, thinFilm] },
  Metal: {
    kind: 'Metal', tooltip: 'A mirror-like metal; fuzz blurs the reflection.',
    fields: [albedo, number('fuzz', 'Blur of the reflection: 0 is a perfect mirror, 1 the most blur; clamped to [0, 1].', 0, { min: 0 }, true), thinFilm]
  },
  Dielectric: {
    kind: 'Dielectric', tooltip: 'Glass or water: refracts and reflects.',
    fields: [
      number('refractive_index', 'Index of refraction (glass ≈ 1.5, water 1.33).', 1.5, {}, true),
      { key: 'color', widget: { type: 'color', space: 'dielectric' }, optional: true, default: () => [1, 1, 1],
        tooltip: 'Tint as XYZ_E [x, y, z] (default [1, 1, 1], clear); {"red","green","blue"} is read as sRGB. The picker writes that sRGB form.' },
      thinFilm
    ]
  },
  Dispersive: {
    kind: 'Dispersive', tooltip: 'Glass whose index depends on the wavelength (Cauchy: n = A + B/λ²), splitting light into colours.',
    fields: [
      number('cauchy_a', 'Cauchy constant A (default 1.5046, BK7 glass).', 1.5046, {}, true),
      number('cauchy_b', 'Cauchy constant B in µm² (default 0.0042, BK7 glass).', 0.0042, { unit: 'µm²' }, true),
      thinFilm
    ]
  },
  DiffuseLight: { kind: 'DiffuseLight', tooltip: 'A one-sided light: emits on the front side and never scatters.', fields: [emit(), thinFilm] },
  ConeLight: {
    kind: 'ConeLight', tooltip: 'A light that emits only within a cone around the surface normal.',
    fields: [number('spread', 'Half-angle of the cone in degrees.', 10, { unit: '°' }), emit(), thinFilm]
  },
  Isotropic: { kind: 'Isotropic', tooltip: 'Scatters uniformly in all directions (the phase function of fog).', fields: [albedo, thinFilm] }
};

/** The `name` of a shared material (objects refer to it). */
export const MATERIAL_NAME_FIELD: FieldDescriptor = {
  key: 'name', widget: { type: 'text' }, default: () => '',
  tooltip: 'Unique name objects use to refer to this material. The first material with a name wins; "" replaces the default material.'
};

// ---------------------------------------------------------------- environment (clovers extension)

const environmentIntensity = number(
  'intensity', 'Scale of the radiance, >= 0 (default 1). The slider is in stops: +1 doubles the light.', 1, { min: 0, stops: { min: -6, max: 6 } }, true
);

export const ENVIRONMENT_DESCRIPTORS: Record<Environment['kind'], KindDescriptor> = {
  Hdri: {
    kind: 'Hdri', tooltip: 'Light from an equirectangular HDR map (.hdr or .exr) all around the scene, shown as its background.',
    fields: [
      { key: 'path', widget: { type: 'environment-map' }, default: () => ENVIRONMENT_LIBRARY[0]?.name ?? 'studio',
        tooltip: 'The map: a bundled environment (e.g. studio, dusk) or one you uploaded ("upload:<id>").' },
      environmentIntensity,
      number(
        'rotation',
        'Turns the map about the vertical axis, in degrees (counter-clockwise seen from above). Or Alt+drag sideways in the live preview.',
        0, { unit: '°', slider: { min: -180, max: 180, step: 1 } }, true
      )
    ]
  },
  Sky: {
    kind: 'Sky', tooltip: 'An analytic daylight sky with its sun (Preetham), the sun disk sampled as a light.',
    fields: [
      { key: 'sun_direction', widget: { type: 'sun' }, default: () => [0.5792, 0.5736, -0.5792],
        tooltip: 'Where the sun is: azimuth (0° toward −Z, 90° toward +X) and elevation above the horizon (0–90°). Stored as a direction [x, y, z].' },
      number('turbidity', 'Haze, 1–10: a clear mountain sky is 2, a hazy one 10 (default 3).', 3, { min: 1, max: 10, slider: { min: 1, max: 10, step: 0.1 } }, true),
      environmentIntensity,
      number('ground_albedo', 'Reflectance of the ground below the horizon, 0–1 (default 0.3).', 0.3, { min: 0, max: 1, slider: { min: 0, max: 1, step: 0.01 } }, true)
    ]
  }
};

export const DESCRIPTORS: Record<Family, Readonly<Record<string, KindDescriptor>>> = {
  object: OBJECT_DESCRIPTORS,
  material: MATERIAL_DESCRIPTORS,
  texture: TEXTURE_DESCRIPTORS,
  environment: ENVIRONMENT_DESCRIPTORS
};
export const KINDS: Record<Family, readonly string[]> = {
  object: OBJECT_KINDS,
  material: MATERIAL_KINDS,
  texture: TEXTURE_KINDS,
  environment: Object.keys(ENVIRONMENT_DESCRIPTORS)
};

// ---------------------------------------------------------------- camera, scene options, render options

export const CAMERA_FIELDS: readonly FieldDescriptor[] = [
  triple('look_from', 'Camera position (the eye).', vec(0, 1, -5)),
  triple('look_at', 'The point the camera looks at.', vec(0, 1, 0)),
  triple('up', 'View-up hint; need not be unit length, must not be parallel to the view direction.', vec(0, 1, 0)),
  number('vertical_fov', 'Full vertical field of view in degrees.', 40, { unit: '°' }),
  number('aperture', 'Lens diameter: the amount of depth-of-field blur; 0 is a pinhole (all sharp).', 0, { min: 0 }),
  number('focus_distance', 'Distance to the plane in perfect focus (matters when the aperture is above 0).', 5)
];

export const SCENE_FIELDS: readonly FieldDescriptor[] = [
  { ...comment, tooltip: 'A description of the scene; the renderer ignores it.' },
  { key: 'background_color', widget: { type: 'color', space: 'background' }, default: vec(0, 0, 0),
    tooltip: 'Light from rays that miss everything, as non-linear sRGB floats [r, g, b] (values above 1 are brighter).' },
  number('time_0', 'Shutter open time: each ray gets a time uniform in [time_0, time_1]. A MovingSphere is at center_0 at time 0 and at center_1 at time 1.', 0),
  number('time_1', 'Shutter close time: each ray gets a time uniform in [time_0, time_1]. A MovingSphere is at center_0 at time 0 and at center_1 at time 1.', 1)
];

const int = (min: number, max: number) => ({ integer: true, min, max, step: 1 });

/** What each view shows: the `mode` tooltip and the preview's view buttons. Keyed by mode, so a new one needs words. */
export const RENDER_MODE_HELP: Record<RenderMode, string> = {
  'path-tracing': 'the image',
  'normal-map': 'surface normals as colours (very fast)',
  'bvh-test-count': 'a heat map of the BVH nodes each camera ray visits',
  'primitive-test-count': 'a heat map of the shapes each camera ray tests for a hit'
};

export const SAMPLER_HELP: Record<SamplerName, string> = {
  random: 'independent random numbers',
  sobol: 'Owen-scrambled Sobol points (less noise at equal samples)',
  blue: 'Sobol points whose error is spread as blue noise over the image'
};

const optionsHelp = (help: Record<string, string>) => Object.entries(help).map(([name, text]) => `${name}: ${text}`).join('; ');
export const RENDER_OPTION_FIELDS: readonly FieldDescriptor[] = [
  number('width', 'Image width in pixels.', RENDER_OPTION_DEFAULTS.width, int(1, MAX_IMAGE_WIDTH), true),
  number('height', 'Image height in pixels.', RENDER_OPTION_DEFAULTS.height, int(1, MAX_IMAGE_HEIGHT), true),
  number('samples', 'Samples per pixel: more means less noise and a longer render.', RENDER_OPTION_DEFAULTS.samples, int(1, MAX_SAMPLES), true),
  number('max_depth', 'Maximum number of bounces of a path.', RENDER_OPTION_DEFAULTS.max_depth, int(0, MAX_RAY_DEPTH), true),
  number('seed', 'Seed of the random numbers: the same seed renders the same image.', RENDER_OPTION_DEFAULTS.seed, int(0, MAX_SEED), true),
  { key: 'sampler', widget: { type: 'select', options: SAMPLERS }, optional: true, default: () => RENDER_OPTION_DEFAULTS.sampler,
    tooltip: `The numbers each sample draws. ${optionsHelp(SAMPLER_HELP)}.` },
  { key: 'mode', widget: { type: 'select', options: RENDER_MODES }, optional: true, default: () => RENDER_OPTION_DEFAULTS.mode,
    tooltip: `${optionsHelp(RENDER_MODE_HELP)}.` },
  number(
    'exposure',
    'Brightness of the image: a linear scale of the film before the sRGB curve (2 doubles the light, one stop). ' +
      'Applies to the PNG and the preview (which follows it at once); the EXR keeps the raw film.',
    RENDER_OPTION_DEFAULTS.exposure,
    { min: 0, max: MAX_EXPOSURE, stops: { min: -8, max: 8 } },
    true
  )
];

/** Size presets (they change only width and height). */
export const SIZE_PRESETS = [
  { label: '1k×1k', width: 1024, height: 1024 },
  { label: 'Full HD', width: 1920, height: 1080 },
  { label: '4K', width: 3840, height: 2160 }
] as const;

// ---------------------------------------------------------------- defaults

export function descriptorOf(family: Family, kind: unknown): KindDescriptor | undefined {
  return typeof kind === 'string' && Object.hasOwn(DESCRIPTORS[family], kind) ? DESCRIPTORS[family][kind] : undefined;
}

/** The values of the fields that have a default (fields without one stay absent). */
export function defaultFields(fields: readonly FieldDescriptor[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (field.default) out[field.key] = field.default();
  return out;
}

/** A valid new item of a kind, with every field it shows filled in. */
export function defaultItem(family: Family, kind: string): Record<string, unknown> {
  const descriptor = descriptorOf(family, kind);
  if (!descriptor) throw new Error(`unknown ${family} kind ${JSON.stringify(kind)}`);
  return { kind, ...defaultFields(descriptor.fields) };
}
