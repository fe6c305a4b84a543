// integrator/mis power heuristic on the GPU: the weight itself and its behaviour at zero, huge, infinite and NaN
// densities.
import { runKernel } from '../kernel.ts';
import { expect } from './assert.ts';
import { kernelGroup, type KernelSuite } from './suite.ts';

async function powerHeuristic(device: GPUDevice, cases: number[][]): Promise<Float32Array> {
  const { data } = await runKernel(device, {
    module: 'tests/mis_test',
    entryPoint: 'power_heuristic_cases',
    inputs: [new Uint32Array([cases.length]), new Float32Array(cases.flat())],
    output: { type: Float32Array, length: cases.length },
    workgroups: Math.ceil(cases.length / 64)
  });
  return data;
}

export const misSuite: KernelSuite = {
  name: 'mis',
  cases: kernelGroup('integrator/mis power_heuristic', ['tests/mis_test'], [
    [
      'gives the power-heuristic weight and stays finite in [0, 1] for zero, huge, infinite and NaN densities',
      async (device) => {
        const cases: [number[], number][] = [
          [[1, 2, 1, 1], 0.8],
          [[2, 1, 1, 1], 0.8],
          [[1, 1, 1, 3], 0.1],
          [[1, 0, 1, 0], 0],
          [[1, 1, 1, 0], 1],
          [[1, 0, 1, 1], 0],
          [[1, Infinity, 1, 1], 1],
          [[1, 1, 1, Infinity], 0],
          [[1, Infinity, 1, Infinity], 0.5],
          [[1, 1e30, 1, 1e30], 0.5],
          [[1, 3e38, 1, 1e38], 0.9],
          [[1, 1e-20, 1, 1e-20], 0.5],
          [[1, -1, 1, 1], 0]
        ];
        const out = await powerHeuristic(device, cases.map(([c]) => c));
        cases.forEach(([c, w], i) => expect(out[i], `weight for (${c.join(', ')})`).toBeCloseTo(w, 5));
        const nan = await powerHeuristic(device, [
          [1, NaN, 1, 1],
          [1, 1, 1, NaN],
          [1, NaN, 1, NaN]
        ]);
        for (const w of nan) {
          expect(Number.isFinite(w), 'weight with a NaN density is finite').toBe(true);
          expect(w).toBeGreaterThanOrEqual(0);
          expect(w).toBeLessThanOrEqual(1);
        }
      }
    ],
    [
      'gives weights that sum to 1 over the two techniques',
      async (device) => {
        const pairs: number[][] = [];
        let s = 99;
        const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
        for (let i = 0; i < 64; i++) {
          const f = Math.exp(30 * (rand() - 0.5));
          const g = Math.exp(30 * (rand() - 0.5));
          const nf = 1 + Math.floor(4 * rand());
          pairs.push([nf, f, 1, g], [1, g, nf, f]);
        }
        const out = await powerHeuristic(device, pairs);
        for (let i = 0; i < 64; i++) expect(out[2 * i] + out[2 * i + 1], `pair ${i}: sum of weights`).toBeCloseTo(1, 5);
      }
    ]
  ])
};
