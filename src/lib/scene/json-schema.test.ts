import { describe, expect, it } from 'vitest';
import { sceneJsonSchema } from './json-schema.ts';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Calls `visit` on every schema node with its JSON Pointer-like location. */
function walk(node: unknown, at: string, visit: (node: Json, at: string) => void): void {
  if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${at}/${i}`, visit));
  else if (isRecord(node)) {
    visit(node, at);
    for (const [key, child] of Object.entries(node)) walk(child, `${at}/${key}`, visit);
  }
}

describe('scene JSON Schema', () => {
  const schema = sceneJsonSchema();

  it('describes every property of every kind', () => {
    const undescribed: string[] = [];
    let properties = 0;
    walk(schema, '#', (node, at) => {
      if (!isRecord(node.properties)) return;
      for (const [key, field] of Object.entries(node.properties)) {
        properties++;
        if (!isRecord(field) || typeof field.description !== 'string' || field.description.trim() === '') {
          undescribed.push(`${at}/properties/${key}`);
        }
      }
    });
    expect(undescribed).toEqual([]);
    expect(properties).toBeGreaterThan(100);
  });

  it('describes every object, material and texture kind', () => {
    const defs = schema.$defs as Record<string, Json>;
    for (const def of ['SceneObject', 'Material', 'SharedMaterial', 'Texture']) {
      const options = defs[def].oneOf as Json[];
      expect(options.length).toBeGreaterThan(3);
      for (const option of options) expect(option.description, `${def} ${JSON.stringify(option.properties)}`).toBeTypeOf('string');
    }
  });

  it('names its definitions (no aliases or generated ids)', () => {
    const names = Object.keys(schema.$defs as Json);
    expect(names).toContain('SceneObject');
    expect(names.filter((n) => n.startsWith('__'))).toEqual([]);
    const refs = new Set<string>();
    walk(schema, '#', (node) => {
      if (typeof node.$ref === 'string') refs.add(node.$ref);
    });
    for (const ref of refs) expect(names).toContain(ref.replace('#/$defs/', ''));
  });
});
