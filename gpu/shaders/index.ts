// Registry of every WGSL module, by import name (path under gpu/shaders without ".wgsl").
// Adding a .wgsl file means adding one line here; the linker and the shader harness page read this map.
import mathConstants from './math/constants.wgsl';
import mathRng from './math/rng.wgsl';
import testsRng from './tests/rng_test.wgsl';

export const SHADER_MODULES: Readonly<Record<string, string>> = {
  'math/constants': mathConstants,
  'math/rng': mathRng,
  'tests/rng_test': testsRng
};
