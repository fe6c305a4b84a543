import { describe, expect, it } from 'vitest';
import { importsOf, linkShader, ShaderLinkError } from './linker.ts';
import { shaderSources } from './sources.ts';
import { SHADER_MODULES } from '../../shaders/index.ts';
import { describeSuite } from '../testing/suites/vitest.ts';
import { shaderSuite } from '../testing/suites/shader.ts';

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

describeSuite(shaderSuite);
