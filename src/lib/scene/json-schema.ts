// JSON Schema of the scene format for editors (e.g. VS Code's "json.schemas"). Shared parts get named
// $defs through a local registry, which keeps the document small and the recursive object type readable.
import { z } from 'zod';
import { HEX_PATTERN } from '../color/srgb.ts';
import {
  cameraSchema,
  colorInitSchema,
  hexSchema,
  materialInitSchema,
  materialSchema,
  sceneFileSchema,
  sceneObjectSchema,
  sharedMaterialSchema,
  textureSchema,
  thinFilmSchema,
  vec3Schema
} from './schema.ts';

let cached: Record<string, unknown> | undefined;

/** Draft 2020-12 JSON Schema of what a scene author may write (defaulted fields optional). */
export function sceneJsonSchema(): Record<string, unknown> {
  if (cached) return structuredClone(cached);
  const registry = z.registry<{ id: string; description?: string; pattern?: string }>();
  registry.add(vec3Schema, { id: 'Vec3', description: 'Exactly three numbers' });
  registry.add(hexSchema, { id: 'Hex', pattern: HEX_PATTERN, description: '#rrggbb, rrggbb, #rgb or rgb' });
  registry.add(colorInitSchema, { id: 'ColorInit', description: 'A colour: [r,g,b] is non-linear sRGB (may exceed 1 for lights)' });
  registry.add(textureSchema, { id: 'Texture' });
  registry.add(thinFilmSchema, { id: 'ThinFilm', description: 'Thin-film interference coating (thickness in nm)' });
  registry.add(materialSchema, { id: 'Material' });
  registry.add(sharedMaterialSchema, { id: 'SharedMaterial', description: 'A named material of the materials list' });
  registry.add(materialInitSchema, { id: 'MaterialInit', description: 'A material name or an inline material' });
  registry.add(sceneObjectSchema, { id: 'SceneObject' });
  registry.add(cameraSchema, { id: 'Camera' });
  cached = z.toJSONSchema(sceneFileSchema, { io: 'input', metadata: registry, cycles: 'ref' }) as Record<string, unknown>;
  return structuredClone(cached);
}
