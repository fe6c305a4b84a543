// JSON Schema of the scene format for editors (e.g. VS Code's "json.schemas"). Shared parts get named
// $defs through a local registry, which keeps the document small and the recursive object type readable.
// Field descriptions are the schema's own `.describe()` texts (zod's global registry, which a local registry
// hides), copied in by the override; docs/scene-format.md is generated from this document.
import { z } from 'zod';
import { HEX_PATTERN } from '../color/srgb.ts';
import {
  cameraSchema,
  colorInitSchema,
  environmentSchema,
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

type Json = Record<string, unknown>;

/**
 * Removes `$defs` entries that are nothing but a `$ref` to another entry, pointing their users at the target.
 * zod emits one for the lazy object reference, whose described copies (one per field) share it as their parent.
 */
function dropAliases(schema: Json): void {
  const defs = (schema.$defs ?? {}) as Record<string, Json>;
  const target = new Map<string, string>();
  for (const [name, def] of Object.entries(defs)) {
    if (Object.keys(def).length === 1 && typeof def.$ref === 'string') target.set(`#/$defs/${name}`, def.$ref);
  }
  if (target.size === 0) return;
  for (const ref of target.keys()) delete defs[ref.slice('#/$defs/'.length)];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      const record = node as Json;
      if (typeof record.$ref === 'string') record.$ref = target.get(record.$ref) ?? record.$ref;
      Object.values(record).forEach(visit);
    }
  };
  visit(schema);
}

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
  // The union behind the lazy reference: the lazy's described copies (one per field) all point at it.
  registry.add((sceneObjectSchema as z.ZodLazy<z.ZodType>).unwrap(), { id: 'SceneObject' });
  registry.add(cameraSchema, { id: 'Camera' });
  registry.add(environmentSchema, { id: 'Environment' });
  cached = z.toJSONSchema(sceneFileSchema, {
    io: 'input',
    metadata: registry,
    cycles: 'ref',
    override: ({ zodSchema, jsonSchema }) => {
      const description = z.globalRegistry.get(zodSchema)?.description;
      if (description !== undefined && jsonSchema.description === undefined) jsonSchema.description = description;
    }
  }) as Json;
  dropAliases(cached);
  return structuredClone(cached);
}
