import { describe, expect, it } from 'vitest';
import { testDevice } from '../test-device.ts';
import { checkProgram, moduleChecks, rootModules } from './module-check.ts';

describe('module checks (the shader harness module list)', () => {
  const sources = {
    'lib/uses_binding': 'fn read_first() -> f32 {\n  return data[0];\n}\n',
    'lib/broken': 'fn broken() -> f32 {\n  return 1.0 + missing_value;\n}\n',
    'tests/a': '// #import lib/uses_binding\n@group(0) @binding(0) var<storage, read> data: array<f32>;\n',
    'tests/b': '// #import lib/broken\n// #import lib/uses_binding\n@group(0) @binding(0) var<storage, read> data: array<f32>;\n',
    'tests/unlinked': '// #import lib/nowhere\n'
  };

  it('compiles each root once and charges every message to the module and line it came from', async () => {
    const device = await testDevice();
    expect(rootModules(sources)).toEqual(['tests/a', 'tests/b', 'tests/unlinked']);
    const programs = [];
    for (const root of rootModules(sources)) programs.push(await checkProgram(device, root, sources));
    const checks = new Map(moduleChecks(sources, programs).map((c) => [c.name, c]));
    // A library module that uses its importer's binding is fine inside the programs that link it.
    expect(checks.get('lib/uses_binding')).toMatchObject({ ok: true, programs: ['tests/a', 'tests/b'], messages: [] });
    const broken = checks.get('lib/broken')!;
    expect(broken.ok).toBe(false);
    expect(broken.messages).toEqual([expect.objectContaining({ type: 'error', module: 'lib/broken', line: 2, source: '  return 1.0 + missing_value;' })]);
    // The error is the library's, not its importer's.
    expect(checks.get('tests/b')).toMatchObject({ ok: true, messages: [] });
    expect(checks.get('tests/unlinked')!.messages[0].message).toMatch(/unknown WGSL module "lib\/nowhere"/);
  });
});
