// math/rng on the GPU: uniforms in [0, 1), deterministic per seed, with the right mean and variance.
import { runKernel } from '../kernel.ts';
import { expect } from './assert.ts';
import { kernelGroup, type KernelSuite } from './suite.ts';

export const rngSuite: KernelSuite = {
  name: 'rng',
  cases: kernelGroup('math/rng on the GPU', ['tests/rng_test'], [
    [
      'gives uniforms in [0,1) with the right mean and variance, deterministically per seed',
      async (device) => {
        const n = 4096;
        const run = (seed: number) =>
          runKernel(device, {
            module: 'tests/rng_test',
            entryPoint: 'uniforms',
            inputs: [new Uint32Array([n, 7, seed])],
            output: { type: Float32Array, length: n * 4 },
            workgroups: Math.ceil(n / 64)
          });
        const a = (await run(1)).data;
        const b = (await run(1)).data;
        const c = (await run(2)).data;
        expect(Array.from(a)).toEqual(Array.from(b));
        expect(Array.from(a)).not.toEqual(Array.from(c));
        let sum = 0;
        let sq = 0;
        for (const x of a) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
          sum += x;
          sq += x * x;
        }
        const mean = sum / a.length;
        const variance = sq / a.length - mean * mean;
        // 16384 samples: standard error of the mean ≈ 0.0023.
        expect(Math.abs(mean - 0.5), '|mean − 1/2|').toBeLessThan(0.01);
        expect(Math.abs(variance - 1 / 12), '|variance − 1/12|').toBeLessThan(0.003);
      }
    ]
  ])
};
