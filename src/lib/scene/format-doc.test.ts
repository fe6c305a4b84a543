import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SECTION_FAMILIES, sceneFormatMarkdown, type ExampleFamily } from './format-doc.ts';
import { parseScene } from './parse.ts';
import { baseScene } from './test-helpers.ts';

const DOC = new URL('../../../docs/scene-format.md', import.meta.url);

/** A scene holding an example of the given family where the doc says it goes. */
function sceneWith(family: ExampleFamily, example: unknown): unknown {
  const inSphere = (material: unknown) => baseScene({ objects: [{ kind: 'Sphere', center: [0, 0, 0], radius: 1, material }] });
  const lambertian = (albedo: unknown) => inSphere({ kind: 'Lambertian', albedo });
  switch (family) {
    case 'scene': return example;
    case 'camera': return baseScene({ camera: example });
    case 'environment': return baseScene({ environment: example });
    case 'object': return baseScene({ objects: [example] });
    case 'material': return inSphere(example);
    case 'texture': return lambertian(example);
    case 'colour': return lambertian({ kind: 'SolidColor', color: example });
  }
}

/** Every ```json block of the doc with the family of its `##` section. */
function examples(markdown: string): { section: string; family: ExampleFamily; json: string }[] {
  const out: { section: string; family: ExampleFamily; json: string }[] = [];
  let section = '';
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('## ')) section = lines[i].slice(3);
    if (lines[i] !== '```json') continue;
    const end = lines.indexOf('```', i + 1);
    out.push({ section, family: SECTION_FAMILIES[section], json: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return out;
}

describe('docs/scene-format.md', () => {
  const markdown = sceneFormatMarkdown();

  it('is up to date (npm run docs:scene-format)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(markdown);
  });

  it('has a section for every kind, and every example parses without errors or unknown keys', () => {
    const found = examples(markdown);
    expect(found.length).toBeGreaterThan(30);
    for (const { section, family, json } of found) {
      expect(family, `section ${section}`).toBeDefined();
      const result = parseScene(sceneWith(family, JSON.parse(json)));
      expect(result.ok ? [] : result.errors, json).toEqual([]);
      // Examples may name shared materials that the wrapper scene does not define.
      const warnings = result.ok ? result.warnings.filter((w) => !w.message.startsWith('unknown material')) : [];
      expect(warnings, json).toEqual([]);
    }
    for (const kind of ['Sphere', 'GLTF', 'Isotropic', 'ConeLight', 'SurfaceChecker', 'Thin film', '`{"oklch": …}`']) {
      expect(markdown).toContain(`\n### ${kind}\n`);
    }
  });
});
