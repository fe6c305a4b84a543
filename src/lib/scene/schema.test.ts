import { describe, expect, it } from 'vitest';
import { ILLUMINANT_KINDS, MATERIAL_KINDS, OBJECT_KINDS, TEXTURE_KINDS } from './kinds.ts';
import { baseScene, parseMaterial, parseObject, parseOk, parseTexture } from './test-helpers.ts';

const sphere = { kind: 'Sphere', center: [0, 0, 0], radius: 1 };

/** One minimal valid instance of every object kind (required fields only). */
const OBJECTS: Record<(typeof OBJECT_KINDS)[number], Record<string, unknown>> = {
  Sphere: sphere,
  MovingSphere: { kind: 'MovingSphere', center_0: [0, 0, 0], center_1: [0, 1, 0], radius: 1 },
  Quad: { kind: 'Quad', q: [0, 0, 0], u: [1, 0, 0], v: [0, 0, 1] },
  Triangle: { kind: 'Triangle', q: [0, 0, 0], u: [1, 0, 0], v: [0, 0, 1] },
  Boxy: { kind: 'Boxy', corner_0: [0, 0, 0], corner_1: [1, 1, 1] },
  ConstantMedium: { kind: 'ConstantMedium', boundary: sphere },
  RotateY: { kind: 'RotateY', object: sphere, angle: 15 },
  Translate: { kind: 'Translate', object: sphere, offset: [1, 2, 3] },
  ObjectList: { kind: 'ObjectList', objects: [sphere, { kind: 'ObjectList', objects: [] }] },
  STL: { kind: 'STL', path: 'teapot', scale: 2, center: [0, 0, 0], rotation: [-90, 0, 0] },
  PLY: { kind: 'PLY', path: 'bunny', scale: 2, center: [0, 0, 0], rotation: [0, 0, 0] },
  GLTF: { kind: 'GLTF', path: 'helmet' }
};

describe('objects', () => {
  it('the kind list is exactly the set of object kinds', () => {
    expect(Object.keys(OBJECTS).sort()).toEqual([...OBJECT_KINDS].sort());
  });
  for (const kind of OBJECT_KINDS) {
    it(`${kind} parses with defaults`, () => {
      const object = parseObject(OBJECTS[kind]);
      expect(object.kind).toBe(kind);
      expect(object.priority).toBe(false);
      if (!['ConstantMedium', 'RotateY', 'Translate', 'ObjectList', 'GLTF'].includes(kind)) {
        expect((object as { material?: unknown }).material).toBe('');
      }
    });
  }
  it('ConstantMedium defaults: density 0.1, grey texture', () => {
    expect(parseObject(OBJECTS.ConstantMedium)).toMatchObject({
      density: 0.1,
      texture: { kind: 'SolidColor', color: { xyz_e: [0.5, 0.5, 0.5] } },
      boundary: { kind: 'Sphere', priority: false, material: '' }
    });
  });
  it('recursion applies defaults at every level', () => {
    const object = parseObject({
      kind: 'Translate', offset: [0, 0, 0], priority: true,
      object: { kind: 'RotateY', angle: 10, object: { kind: 'ObjectList', objects: [{ kind: 'Boxy', corner_0: [0, 0, 0], corner_1: [1, 1, 1] }] } }
    });
    expect(object).toEqual({
      kind: 'Translate', offset: [0, 0, 0], priority: true,
      object: {
        kind: 'RotateY', angle: 10, priority: false,
        object: { kind: 'ObjectList', priority: false, objects: [{ kind: 'Boxy', priority: false, corner_0: [0, 0, 0], corner_1: [1, 1, 1], material: '' }] }
      }
    });
  });
  it('materials defaults to [] and objects may be empty', () => {
    expect(parseOk(baseScene()).scene.materials).toEqual([]);
  });
});

describe('materials', () => {
  const grey = { kind: 'SolidColor', color: { xyz_e: [0.5, 0.5, 0.5] } };
  const emit = { kind: 'SolidColor', color: [4, 4, 4] };
  const cases: [(typeof MATERIAL_KINDS)[number], Record<string, unknown>, Record<string, unknown>][] = [
    ['Lambertian', {}, { albedo: grey }],
    ['Metal', {}, { albedo: grey, fuzz: 0 }],
    ['Dielectric', {}, { refractive_index: 1.5, color: [1, 1, 1] }],
    ['Dispersive', {}, { cauchy_a: 1.5046, cauchy_b: 0.0042 }],
    ['DiffuseLight', { emit }, { emit }],
    ['ConeLight', { spread: 10, emit }, { spread: 10, emit }],
    ['Isotropic', {}, { albedo: grey }]
  ];
  it('covers every material kind', () => {
    expect(cases.map(([k]) => k).sort()).toEqual([...MATERIAL_KINDS].sort());
  });
  for (const [kind, input, expected] of cases) {
    it(`${kind} parses with defaults`, () => {
      expect(parseMaterial({ kind, ...input })).toEqual({ kind, ...expected });
    });
    it(`${kind} accepts thin_film with defaults`, () => {
      expect(parseMaterial({ kind, ...input, thin_film: {} })).toEqual({ kind, ...expected, thin_film: { refractive_index: 1.5, thickness: 500 } });
      expect(parseMaterial({ kind, ...input, thin_film: { thickness: 256 } })).toMatchObject({ thin_film: { refractive_index: 1.5, thickness: 256 } });
    });
  }
  it('shared materials carry a name (which may be "")', () => {
    const { scene } = parseOk(baseScene({ materials: [{ name: '', kind: 'Metal', fuzz: 0.2 }, { name: 'glass', kind: 'Dielectric' }] }));
    expect(scene.materials[0]).toMatchObject({ name: '', kind: 'Metal', fuzz: 0.2 });
    expect(scene.materials[1]).toEqual({ name: 'glass', kind: 'Dielectric', refractive_index: 1.5, color: [1, 1, 1] });
  });
  it('Dielectric.color accepts XYZ_E array or fields, and the older era sRGB fields as is', () => {
    expect(parseMaterial({ kind: 'Dielectric', color: [0.9, 1, 1] })).toMatchObject({ color: [0.9, 1, 1] });
    expect(parseMaterial({ kind: 'Dielectric', color: { x: 0.9, y: 1, z: 1 } })).toMatchObject({ color: { x: 0.9, y: 1, z: 1 } });
    expect(parseMaterial({ kind: 'Dielectric', color: { red: 1, green: 0.9, blue: 0.9 } })).toMatchObject({ color: { red: 1, green: 0.9, blue: 0.9 } });
  });
});

describe('textures', () => {
  it('the kind list is SolidColor, both checkers and every illuminant', () => {
    expect(TEXTURE_KINDS).toHaveLength(3 + ILLUMINANT_KINDS.length);
    expect(ILLUMINANT_KINDS).toHaveLength(2 + 9 + 12 + 15);
  });
  it('SolidColor requires a colour', () => {
    expect(parseTexture({ kind: 'SolidColor', color: [0.5, 0.5, 0.5] })).toEqual({ kind: 'SolidColor', color: [0.5, 0.5, 0.5] });
  });
  it('checker defaults', () => {
    expect(parseTexture({ kind: 'SpatialChecker' })).toEqual({ kind: 'SpatialChecker', even: { xyz_e: [0.8, 0.8, 0.8] }, odd: { xyz_e: [0.5, 0.5, 0.5] }, density: 1 });
    expect(parseTexture({ kind: 'SurfaceChecker' })).toEqual({ kind: 'SurfaceChecker', even: { xyz_e: [0.8, 0.8, 0.8] }, odd: { xyz_e: [0.5, 0.5, 0.5] }, density: 10 });
  });
  for (const kind of ILLUMINANT_KINDS) {
    it(`${kind}: intensity defaults to 1`, () => {
      expect(parseTexture({ kind })).toEqual({ kind, intensity: 1 });
      expect(parseTexture({ kind, intensity: 0.06 })).toEqual({ kind, intensity: 0.06 });
    });
  }
  it('older era checker colours as {red,green,blue}', () => {
    const even = { red: 0.82, green: 0.82, blue: 0.82 };
    expect(parseTexture({ kind: 'SurfaceChecker', even, odd: { red: 0.18, green: 0.18, blue: 0.18 } })).toMatchObject({ even });
  });
});

describe('colour forms', () => {
  const forms: unknown[] = [
    [0.2, 0.4, 4],
    { red: 0.2, green: 0.4, blue: 0.6 },
    { hex: '#b87333' }, { hex: 'b87333' }, { hex: '#b73' }, { hex: 'b73' },
    { srgb: [0.2, 0.4, 0.6] }, { srgb: { red: 0.2, green: 0.4, blue: 0.6 } },
    { lin_srgb: [0.2, 0.4, 0.6] }, { lin_srgb: { red: 0.2, green: 0.4, blue: 0.6 } },
    { xyz_e: [0.2, 0.4, 0.6] }, { xyz_e: { x: 0.2, y: 0.4, z: 0.6 } },
    { xyz_d65: [0.2, 0.4, 0.6] }, { xyz_d65: { x: 0.2, y: 0.4, z: 0.6 } },
    { oklch: [0.7, 0.15, 145] }, { oklch: { l: 0.7, chroma: 0.15, hue: 145 } }
  ];
  for (const color of forms) {
    it(`SolidColor ${JSON.stringify(color)} is kept as written`, () => {
      expect(parseTexture({ kind: 'SolidColor', color })).toEqual({ kind: 'SolidColor', color });
    });
  }
  it('background_color: array or {red,green,blue}', () => {
    expect(parseOk(baseScene({ background_color: [0.7, 0.7, 0.9] })).scene.background_color).toEqual([0.7, 0.7, 0.9]);
    expect(parseOk(baseScene({ background_color: { red: 1, green: 1, blue: 1 } })).scene.background_color).toEqual({ red: 1, green: 1, blue: 1 });
  });
  it('integers are accepted wherever numbers are', () => {
    expect(parseObject({ kind: 'Sphere', center: [1, 2, 3], radius: 4 })).toMatchObject({ center: [1, 2, 3], radius: 4 });
  });
});

describe('older (clovers-service era) files', () => {
  it('accept {red,green,blue} colours everywhere and the extra keys of that era', () => {
    const rgb = (v: number) => ({ red: v, green: v, blue: v });
    const { scene, warnings } = parseOk(baseScene({
      background_color: rgb(0.1),
      objects: [
        { kind: 'MovingSphere', center_0: [0, 0, 0], center_1: [0, 1, 0], radius: 1, time_0: 0, time_1: 1, material: 'checker' },
        { kind: 'Sphere', priority: true, center: [0, 3, 0], radius: 1, material: 'glass' },
        { kind: 'STL', path: 'stl/teapot.stl', scale: 25, center: [0, 0, 0], rotation: [-90, 0, 0], material: 'light' }
      ],
      materials: [
        { name: 'checker', kind: 'Lambertian', albedo: { kind: 'SpatialChecker', even: rgb(0.82), odd: rgb(0.18), density: 1 } },
        { name: 'glass', kind: 'Dielectric', refractive_index: 1.5, color: rgb(1) },
        { name: 'light', kind: 'DiffuseLight', emit: { kind: 'SolidColor', color: rgb(4) } }
      ]
    }));
    expect(warnings).toEqual([]);
    expect(scene.background_color).toEqual(rgb(0.1));
    expect(scene.objects[0]).toMatchObject({ time_0: 0, time_1: 1 });
    expect(scene.materials[1]).toMatchObject({ color: rgb(1) });
  });
});
