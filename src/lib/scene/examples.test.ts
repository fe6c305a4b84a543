import { describe, expect, it } from 'vitest';
import { srgbToXyzE } from '../color/convert.ts';
import { DEFAULT_EXAMPLE, EXAMPLES } from './examples/index.ts';
import { forEachObject, resolveMaterial, hasMaterial } from './materials.ts';
import { parseScene } from './parse.ts';
import { serializeScene } from './serialize.ts';
import type { SceneFile } from './schema.ts';

function parsed(name: string): SceneFile {
  const result = parseScene(EXAMPLES[name]);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
  return result.scene;
}

function emitsLight(scene: SceneFile): boolean {
  if (scene.environment && scene.environment.intensity > 0) return true;
  if (Math.max(...srgbToXyzE(Array.isArray(scene.background_color) ? scene.background_color : [1, 1, 1])) > 0) return true;
  let found = false;
  forEachObject(scene.objects, (object) => {
    if (!hasMaterial(object)) return;
    const kind = resolveMaterial(scene, object.material).kind;
    if (kind === 'DiffuseLight' || kind === 'ConeLight') found = true;
  });
  return found;
}

describe('example scenes', () => {
  it('has every documented example', () => {
    expect(Object.keys(EXAMPLES)).toEqual([
      'cornell', 'cornell_classic', 'cornell_with_smoke', 'one_weekend', 'the_next_week', 'sky', 'studio', 'smoke', 'colorchecker', 'thin_film',
      'cone_light', 'illuminants', 'boing', 'grey', 'furnace', 'no_priority', 'nested', 'teapot', 'dispersive', 'gltf'
    ]);
  });
  it('the default scene, as in the service, is the Cornell box with a dispersive SF10 sphere', () => {
    expect(DEFAULT_EXAMPLE).toBe('cornell');
    const scene = parsed(DEFAULT_EXAMPLE);
    expect(scene.materials.find((m) => m.name === 'SF10')).toMatchObject({ kind: 'Dispersive', cauchy_a: 1.728 });
  });
  for (const name of Object.keys(EXAMPLES)) {
    it(`${name} parses without errors or warnings, has light and a sane camera, and round-trips`, () => {
      const result = parseScene(EXAMPLES[name]);
      expect(result.ok && result.warnings).toEqual([]);
      const scene = parsed(name);
      expect(scene.camera.look_from).not.toEqual(scene.camera.look_at);
      expect(scene.objects.length).toBeGreaterThan(0);
      expect(emitsLight(scene)).toBe(true);
      expect(parseScene(JSON.parse(serializeScene(scene)))).toEqual(result);
    });
  }
  it('cornell_classic is the reference calibration scene', async () => {
    const reference = (await import('../../../test/fixtures/reference/scenes/cornell_classic.json', { with: { type: 'json' } })).default;
    const { comment: _comment, ...rest } = parsed('cornell_classic');
    const expected = parseScene(reference);
    expect(expected.ok && expected.scene).toEqual(rest);
  });
  it('one_weekend: ground, three big spheres and a grid of small ones (~80% moving)', () => {
    const scene = parsed('one_weekend');
    const small = scene.objects.slice(4);
    expect(scene.objects[0]).toMatchObject({ kind: 'Sphere', radius: 1000 });
    expect(scene.objects.filter((o) => o.priority)).toHaveLength(1);
    expect(small.length).toBeGreaterThan(400);
    const moving = small.filter((o) => o.kind === 'MovingSphere').length / small.length;
    expect(moving).toBeGreaterThan(0.7);
    expect(moving).toBeLessThan(0.9);
    expect(scene.camera).toMatchObject({ look_from: [13, 2, 3], vertical_fov: 20, aperture: 0.1, focus_distance: 10 });
  });
  it('furnace and no_priority have no priority objects', () => {
    for (const name of ['furnace', 'no_priority']) expect(parsed(name).objects.some((o) => o.priority)).toBe(false);
  });
  it('nested has nested and empty lists and priority on a Boxy and a Translate', () => {
    const scene = parsed('nested');
    expect(scene.objects.filter((o) => o.priority).map((o) => o.kind).sort()).toEqual(['Boxy', 'Translate']);
    let emptyLists = 0;
    let listsInLists = 0;
    forEachObject(scene.objects, (object, path) => {
      if (object.kind !== 'ObjectList') return;
      if (object.objects.length === 0) emptyLists++;
      if (path.length > 2) listsInLists++;
    });
    expect(emptyLists).toBeGreaterThanOrEqual(2);
    expect(listsInLists).toBeGreaterThanOrEqual(3);
  });
  it('grey is the boing layout with a Lambertian that has no albedo (the default grey)', () => {
    const grey = parsed('grey');
    const boing = parsed('boing');
    expect(grey.camera).toEqual(boing.camera);
    expect(grey.objects.map((o) => o.kind)).toEqual(boing.objects.map((o) => o.kind));
    const sphere = grey.objects.find((o) => o.kind === 'Sphere');
    expect(sphere && hasMaterial(sphere) && sphere.material).toBe('grey');
    const raw = (EXAMPLES.grey as { materials: Record<string, unknown>[] }).materials.find((m) => m.name === 'grey');
    expect(raw).toMatchObject({ kind: 'Lambertian' });
    expect(raw && 'albedo' in raw).toBe(false);
  });
  it('cornell_with_smoke has a black and a white smoke block, each a rotated and moved Boxy', () => {
    const media = parsed('cornell_with_smoke').objects.filter((o) => o.kind === 'ConstantMedium');
    expect(media).toHaveLength(2);
    for (const medium of media) {
      expect(medium.boundary).toMatchObject({ kind: 'Translate', object: { kind: 'RotateY', object: { kind: 'Boxy' } } });
    }
  });
  it('the_next_week: 400 ground boxes, lamp, spheres, two media and a moved, rotated list of 1000 spheres', () => {
    const scene = parsed('the_next_week');
    expect(scene.objects).toHaveLength(408);
    expect(scene.objects.filter((o) => o.kind === 'Boxy')).toHaveLength(400);
    expect(scene.objects.filter((o) => o.kind === 'ConstantMedium')).toHaveLength(2);
    expect(scene.objects.filter((o) => o.kind === 'MovingSphere')).toHaveLength(1);
    const cluster = scene.objects.find((o) => o.kind === 'Translate');
    expect(cluster).toMatchObject({ offset: [-100, 270, 395], object: { kind: 'RotateY', angle: 15, object: { kind: 'ObjectList' } } });
    let spheres = 0;
    forEachObject([cluster!], (object) => {
      if (object.kind === 'Sphere') spheres++;
    });
    expect(spheres).toBe(1000);
    expect(scene.camera).toMatchObject({ look_from: [478, 278, -600], look_at: [278, 278, 0], vertical_fov: 40 });
  });
});
