import { describe, expect, it } from 'vitest';
import { defaultMaterial, hasMaterial, resolveMaterial } from './materials.ts';
import { baseScene, parseOk } from './test-helpers.ts';

const sphere = (material?: unknown) => ({ kind: 'Sphere', center: [0, 0, 0], radius: 1, ...(material === undefined ? {} : { material }) });

describe('material references', () => {
  it('an unknown name is a warning, and resolves to the default material', () => {
    const { scene, warnings } = parseOk(baseScene({
      objects: [sphere('nope'), { kind: 'Translate', offset: [0, 0, 0], object: sphere('missing') }, sphere()],
      materials: [{ name: 'red', kind: 'Lambertian' }]
    }));
    expect(warnings).toEqual([
      { path: 'objects[0].material', message: 'unknown material "nope": the default material is used' },
      { path: 'objects[1].object.material', message: 'unknown material "missing": the default material is used' }
    ]);
    const first = scene.objects[0];
    expect(hasMaterial(first) && resolveMaterial(scene, first.material)).toEqual(defaultMaterial());
  });
  it('the default material is Lambertian XYZ_E 0.5 grey', () => {
    expect(defaultMaterial()).toEqual({ kind: 'Lambertian', albedo: { kind: 'SolidColor', color: { xyz_e: [0.5, 0.5, 0.5] } } });
  });
  it('first match by name wins; duplicates warn', () => {
    const { scene, warnings } = parseOk(baseScene({
      objects: [sphere('m')],
      materials: [{ name: 'm', kind: 'Metal', fuzz: 0.1 }, { name: 'm', kind: 'Metal', fuzz: 0.9 }]
    }));
    expect(resolveMaterial(scene, 'm')).toMatchObject({ kind: 'Metal', fuzz: 0.1 });
    expect(warnings).toEqual([{ path: 'materials[1].name', message: 'duplicate material name "m": the first one is used' }]);
  });
  it('a user material named "" overrides the default', () => {
    const { scene, warnings } = parseOk(baseScene({ objects: [sphere()], materials: [{ name: '', kind: 'Metal' }] }));
    expect(warnings).toEqual([]);
    expect(resolveMaterial(scene, '')).toMatchObject({ kind: 'Metal', name: '' });
    expect(resolveMaterial({ materials: [] }, '')).toEqual(defaultMaterial());
  });
  it('inline materials resolve to themselves', () => {
    const { scene } = parseOk(baseScene({ objects: [sphere({ kind: 'Dispersive' })] }));
    const object = scene.objects[0];
    expect(hasMaterial(object) && resolveMaterial(scene, object.material)).toEqual({ kind: 'Dispersive', cauchy_a: 1.5046, cauchy_b: 0.0042 });
  });
});
