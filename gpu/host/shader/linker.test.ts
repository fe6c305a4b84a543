import { describe, expect, it } from 'vitest';
import { importsOf, linkShader, ShaderLinkError } from './linker.ts';
import { compileShader, ShaderCompileError } from './compile.ts';
import { shaderSources } from './sources.ts';
import { SHADER_MODULES } from '../../shaders/index.ts';
import { testDevice } from '../testing/test-device.ts';

describe('WGSL linker', () => {
  const sources = {
    a: '// #import b\n// #import c\nfn a() {}\n',
    b: '// #import c\nfn b() {}\n',
    c: 'fn c() {}\n'
  };

  it('emits each module once, dependencies first, with a line map back to the modules', () => {
    const linked = linkShader('a', sources);
    expect(linked.modules).toEqual(['c', 'b', 'a']);
    const lines = linked.code.split('\n');
    const at = lines.indexOf('fn b() {}');
    expect(linked.lineMap[at]).toEqual({ module: 'b', line: 2 });
    expect(importsOf(sources.a)).toEqual(['b', 'c']);
  });

  it('reports unknown modules with the importing file, and import cycles', () => {
    expect(() => linkShader('a', { a: '// #import nope\n' })).toThrow(/unknown WGSL module "nope" imported by a.wgsl/);
    expect(() => linkShader('x', { x: '// #import y\n', y: '// #import x\n' })).toThrow(ShaderLinkError);
  });

  it('links every registered module on its own (no missing imports)', () => {
    for (const name of Object.keys(SHADER_MODULES)) expect(() => linkShader(name, shaderSources())).not.toThrow();
  });
});

describe('shader compile errors', () => {
  it('name the module file and line of the offending source line', async () => {
    const device = await testDevice();
    const broken = {
      ...shaderSources(),
      'tests/broken': '// #import math/constants\n\nfn broken() -> f32 {\n  return PI * undefined_thing;\n}\n'
    };
    const error = await compileShader(device, 'tests/broken', broken).then(
      () => undefined,
      (e: unknown) => e
    );
    expect(error).toBeInstanceOf(ShaderCompileError);
    const message = (error as ShaderCompileError).messages[0];
    expect(message.module).toBe('tests/broken');
    expect(message.line).toBe(4);
    expect(message.source).toContain('undefined_thing');
    expect(String((error as Error).message)).toMatch(/tests\/broken\.wgsl:4:\d+/);
  });

  it('the path tracer links and compiles without warnings', async () => {
    const compiled = await compileShader(await testDevice(), 'integrator/path', shaderSources());
    expect(compiled.warnings).toEqual([]);
  });
});
