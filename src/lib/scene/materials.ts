// Material lookup as the reference engine does it: the first `materials` entry with the name wins, and a
// default Lambertian named "" sits after the user's list (so a user material named "" overrides it).
import { formatPath, type SceneIssue } from './issues.ts';
import { defaultTexture, type Material, type MaterialInit, type ObjectWithMaterial, type SceneFile, type SceneObject } from './schema.ts';

/** The material every unresolved reference falls back to: Lambertian, XYZ_E 0.5 grey, no thin film. */
export function defaultMaterial(): Material {
  return { kind: 'Lambertian', albedo: defaultTexture() };
}

/** The Material a MaterialInit stands for (an inline material as is; a name by first match, else the default). */
export function resolveMaterial(scene: Pick<SceneFile, 'materials'>, init: MaterialInit): Material {
  if (typeof init !== 'string') return init;
  return scene.materials.find((m) => m.name === init) ?? defaultMaterial();
}

const WITH_MATERIAL: ReadonlySet<string> = new Set(['Sphere', 'MovingSphere', 'Quad', 'Triangle', 'Boxy', 'STL', 'PLY']);

/** Whether an object kind carries a `material` (wrappers, media and glTF do not). */
export function hasMaterial(object: SceneObject): object is ObjectWithMaterial {
  return WITH_MATERIAL.has(object.kind);
}

/** Calls `visit` for every object, nested ones included, with its path (iterative: depth is bounded anyway). */
export function forEachObject(
  objects: readonly SceneObject[],
  visit: (object: SceneObject, path: (string | number)[]) => void
): void {
  const stack: { object: SceneObject; path: (string | number)[] }[] = objects
    .map((object, i) => ({ object, path: ['objects', i] }))
    .reverse();
  while (stack.length > 0) {
    const { object, path } = stack.pop()!;
    visit(object, path);
    if (object.kind === 'ObjectList') {
      for (let i = object.objects.length - 1; i >= 0; i--) stack.push({ object: object.objects[i], path: [...path, 'objects', i] });
    } else if (object.kind === 'Translate' || object.kind === 'RotateY') {
      stack.push({ object: object.object, path: [...path, 'object'] });
    } else if (object.kind === 'ConstantMedium') {
      stack.push({ object: object.boundary, path: [...path, 'boundary'] });
    }
  }
}

/** Warnings about material names: references to missing names, and duplicate names (only the first is used). */
export function materialWarnings(scene: SceneFile): SceneIssue[] {
  const warnings: SceneIssue[] = [];
  const names = new Set<string>();
  scene.materials.forEach((material, i) => {
    if (names.has(material.name)) {
      warnings.push({ path: `materials[${i}].name`, message: `duplicate material name ${JSON.stringify(material.name)}: the first one is used` });
    }
    names.add(material.name);
  });
  forEachObject(scene.objects, (object, path) => {
    if (!hasMaterial(object) || typeof object.material !== 'string') return;
    const name = object.material;
    if (name !== '' && !names.has(name)) {
      warnings.push({
        path: formatPath([...path, 'material']),
        message: `unknown material ${JSON.stringify(name)}: the default material is used`
      });
    }
  });
  return warnings;
}
