import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HEX_PATTERN } from '../color/srgb.ts';
import { sceneJsonSchema } from './json-schema.ts';
import { parseSceneText } from './parse.ts';
import { serializeScene } from './serialize.ts';
import { baseScene, parseOk } from './test-helpers.ts';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/reference/scenes/', import.meta.url));

function expectRoundTrip(input: unknown): void {
  const { scene } = parseOk(input);
  const text = serializeScene(scene);
  expect(text.startsWith('{\n  "')).toBe(true);
  expect(parseOk(JSON.parse(text)).scene).toEqual(scene);
}

describe('reference scenes', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
  it('are all present', () => expect(files.sort()).toEqual(['cornell_classic.json', 'smoke_motion.json', 'spectral_glass.json']));
  for (const file of files) {
    it(`${file} parses without warnings and round-trips`, () => {
      const result = parseSceneText(readFileSync(FIXTURES + file, 'utf8'));
      expect(result.ok && result.warnings).toEqual([]);
      if (result.ok) expectRoundTrip(result.scene);
    });
  }
  it('cornell_classic keeps its comments and nesting', () => {
    const result = parseSceneText(readFileSync(`${FIXTURES}cornell_classic.json`, 'utf8'));
    if (!result.ok) throw new Error('parse failed');
    expect(result.scene.objects[0]).toMatchObject({ kind: 'Quad', comment: 'left wall', material: 'green' });
    expect(result.scene.objects[6]).toMatchObject({ kind: 'Translate', object: { kind: 'RotateY', angle: 15, object: { kind: 'Boxy' } } });
  });
});

describe('round trip', () => {
  it('keeps unknown keys everywhere', () => {
    const input = baseScene({
      comment: 'top',
      camera: { ...(baseScene().camera as object), note: 'cam' },
      objects: [{
        kind: 'Translate', offset: [0, 0, 0], comment: 'outer',
        object: { kind: 'Sphere', center: [0, 0, 0], radius: 1, comment: 'inner', material: { kind: 'Lambertian', tag: 1, albedo: { kind: 'SolidColor', color: { srgb: { red: 1, green: 0, blue: 0, alpha: 1 } }, why: 'x' } } }
      }],
      materials: [{ name: 'm', kind: 'Metal', extra: [1, 2], thin_film: { thickness: 300, refraction_index: 1.2 } }]
    });
    const { scene } = parseOk(input);
    expect(scene).toMatchObject(input);
    expectRoundTrip(input);
  });
  it('every colour form survives', () => {
    const colors = [[4, 4, 4], { red: 1, green: 1, blue: 1 }, { hex: '#fff' }, { srgb: [1, 1, 1] }, { lin_srgb: { red: 1, green: 1, blue: 1 } }, { xyz_e: [1, 1, 1] }, { xyz_d65: { x: 1, y: 1, z: 1 } }, { oklch: [1, 0, 0] }];
    expectRoundTrip(baseScene({
      objects: colors.map((color, i) => ({ kind: 'Sphere', center: [i, 0, 0], radius: 1, material: { kind: 'DiffuseLight', emit: { kind: 'SolidColor', color } } }))
    }));
  });
});

describe('JSON Schema', () => {
  it('describes the recursive format with named definitions', () => {
    const schema = sceneJsonSchema();
    const defs = schema.$defs as Record<string, unknown>;
    for (const name of ['SceneObject', 'Material', 'SharedMaterial', 'Texture', 'ColorInit', 'Vec3', 'Camera']) expect(defs).toHaveProperty(name);
    expect(JSON.stringify(defs.SceneObject)).toContain('"$ref":"#/$defs/SceneObject"');
    expect(schema.required).toEqual(['time_0', 'time_1', 'background_color', 'camera', 'objects']);
    expect(JSON.stringify(schema).length).toBeLessThan(100_000);
  });
  it('returns a fresh copy each call', () => {
    const a = sceneJsonSchema();
    a.title = 'changed';
    expect(sceneJsonSchema().title).toBeUndefined();
  });
  it('publishes the hex syntax', () => {
    expect((sceneJsonSchema().$defs as Record<string, { pattern?: string }>).Hex.pattern).toBe(HEX_PATTERN);
  });
});
