// The module registry (index.ts) holds every .wgsl file under gpu/shaders by its path, in path order: a file
// left out would link nowhere and run in no harness, and a sorted registry keeps additions reviewable.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHADER_MODULES } from './index.ts';

const ROOT = import.meta.dirname;

function wgslFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return wgslFiles(path);
    return entry.name.endsWith('.wgsl') ? [relative(ROOT, path).split('\\').join('/').replace(/\.wgsl$/, '')] : [];
  });
}

describe('WGSL module registry', () => {
  it('registers every .wgsl file under its path, with its own source', () => {
    const files = wgslFiles(ROOT).sort();
    expect(Object.keys(SHADER_MODULES).sort()).toEqual(files);
    for (const name of files) expect(SHADER_MODULES[name], name).toBe(readFileSync(join(ROOT, `${name}.wgsl`), 'utf8'));
  });

  it('lists the modules in path order', () => {
    const names = Object.keys(SHADER_MODULES);
    expect(names).toEqual([...names].sort());
  });
});
