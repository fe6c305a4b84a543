import { describe, expect, it } from 'vitest';
import { parseScene, parseWarnings } from './parse.ts';
import { baseScene, parseOk } from './test-helpers.ts';
import { closestKey, editDistance } from './unknown-keys.ts';

const sphere = (extra: Record<string, unknown> = {}) => ({ kind: 'Sphere', center: [0, 0, 0], radius: 1, ...extra });
const camera = baseScene().camera as Record<string, unknown>;

describe('unknown keys', () => {
  it('warn with the path and the close known key, and the scene still loads', () => {
    const { scene, warnings } = parseOk(baseScene({
      camera: { ...camera, look_form: [1, 2, 3] },
      objects: [sphere(), sphere(), sphere({ radus: 2 })],
      materials: [{ name: 'm', kind: 'Metal', thin_film: { refraction_index: 1.3 } }]
    }));
    expect(warnings).toEqual([
      { path: 'camera.look_form', message: 'unknown key "look_form" is ignored (did you mean "look_from"?)' },
      { path: 'objects[2].radus', message: 'unknown key "radus" is ignored (did you mean "radius"?)' },
      {
        path: 'materials[0].thin_film.refraction_index',
        message: 'unknown key "refraction_index" is ignored (did you mean "refractive_index"?)'
      }
    ]);
    expect(scene.objects[2]).toMatchObject({ radius: 1, radus: 2 });
  });

  it('are reported beside the errors a typo causes', () => {
    const result = parseScene(baseScene({ objects: [sphere(), sphere(), { kind: 'Sphere', center: [0, 0, 0], radus: 1 }] }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ path: 'objects[2].radius', message: 'missing required field (a number)' }]);
    expect(parseWarnings(result)).toEqual([
      { path: 'objects[2].radus', message: 'unknown key "radus" is ignored (did you mean "radius"?)' }
    ]);
  });

  it('are found at every level: nested objects, inline materials, textures and colours', () => {
    const { warnings } = parseOk(baseScene({
      top: 1,
      objects: [{
        kind: 'Translate', offset: [0, 0, 0], ofset: [1, 0, 0],
        object: {
          kind: 'ObjectList',
          objects: [{
            kind: 'ConstantMedium', boundary: sphere({ materal: 'x' }),
            texture: { kind: 'SpatialChecker', densty: 2, even: { srgb: { red: 1, green: 1, blue: 1, alpha: 1 } } }
          }, sphere({ material: { kind: 'Lambertian', albdo: {}, albedo: { kind: 'IlluminantD65', intensty: 2 } } })]
        }
      }]
    }));
    // Document order: baseScene writes `objects` before the extra `top`.
    expect(warnings.map((w) => w.path)).toEqual([
      'objects[0].ofset',
      'objects[0].object.objects[0].boundary.materal',
      'objects[0].object.objects[0].texture.densty',
      'objects[0].object.objects[0].texture.even.srgb.alpha',
      'objects[0].object.objects[1].material.albdo',
      'objects[0].object.objects[1].material.albedo.intensty',
      'top'
    ]);
    expect(warnings[6].message).toBe('unknown key "top" is ignored');
    expect(warnings[2].message).toMatch(/did you mean "density"/);
  });

  it('spare comment anywhere, render_options at the root and the older MovingSphere times', () => {
    const { warnings } = parseOk(baseScene({
      comment: 'a scene',
      render_options: { width: 100 },
      camera: { ...camera, comment: 'the camera' },
      objects: [
        sphere({ comment: 'ball', material: { kind: 'Metal', comment: 'steel' } }),
        { kind: 'MovingSphere', center_0: [0, 0, 0], center_1: [0, 1, 0], radius: 1, time_0: 0, time_1: 1 }
      ]
    }));
    expect(warnings).toEqual([]);
    const nested = parseOk(baseScene({ objects: [sphere({ render_options: {} })] }));
    expect(nested.warnings.map((w) => w.path)).toEqual(['objects[0].render_options']);
  });

  it('are not repeated as warnings where a tagged colour already fails on them', () => {
    const result = parseScene(baseScene({
      objects: [sphere({ material: { kind: 'Lambertian', albedo: { kind: 'SolidColor', color: { hex: '#fff', note: 1 } } } })]
    }));
    expect(result.ok).toBe(false);
    expect(parseWarnings(result)).toEqual([]);
  });
});

describe('closest known key', () => {
  it('counts a swap of neighbours as one edit and ignores case', () => {
    expect(editDistance('look_form', 'look_from')).toBe(1);
    expect(editDistance('Radius', 'radius')).toBe(0);
    expect(editDistance('refraction_index', 'refractive_index')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('suggests only close keys, and none for short ones that merely share a letter', () => {
    expect(closestKey('centre', ['center', 'radius'])).toBe('center');
    expect(closestKey('colour', ['color'])).toBe('color');
    expect(closestKey('fuzziness', ['fuzz', 'albedo'])).toBeUndefined();
    expect(closestKey('x', ['q', 'u', 'v'])).toBeUndefined();
  });
});
