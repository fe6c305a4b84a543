// Every kernel suite, in the order the shader harness page runs them (cheap and foundational first).
import { bvhSuite } from './bvh.ts';
import { environmentSuite } from './environment.ts';
import { filmOutputSuite } from './film-output.ts';
import { lightsSuite } from './lights.ts';
import { materialsSuite } from './materials.ts';
import { misSuite } from './mis.ts';
import { rngSuite } from './rng.ts';
import { samplingSuite } from './sampling.ts';
import { shaderSuite, structLayoutSuite } from './shader.ts';
import { shapesSuite } from './shapes.ts';
import { spectrumSuite } from './spectrum.ts';
import type { KernelSuite } from './suite.ts';

export const KERNEL_SUITES: readonly KernelSuite[] = [
  shaderSuite,
  structLayoutSuite,
  rngSuite,
  spectrumSuite,
  filmOutputSuite,
  misSuite,
  shapesSuite,
  bvhSuite,
  samplingSuite,
  materialsSuite,
  lightsSuite,
  environmentSuite
];
