import { describe, expect, it } from 'vitest';
import { sobolColumns, sobolSample } from './sobol.ts';
import { FRAME_RECORD } from '../scene/records.ts';
import { SAMPLER_ID } from '../scene/kinds.ts';
import { writeStruct } from '../shader/struct-layout.ts';
import { runKernel } from '../testing/kernel.ts';
import { testDevice } from '../testing/test-device.ts';

describe('Sobol generator matrices', () => {
  it('have the known first columns (van der Corput; Sobol dimension 2 is x ↦ x ^ x >> 1 from 1/2)', () => {
    const cols = sobolColumns();
    expect(cols.slice(0, 4).map((c) => c[0])).toEqual([0x80000000, 0x40000000, 0x20000000, 0x10000000]);
    expect(cols.slice(0, 4).map((c) => c[1])).toEqual([0x80000000, 0xc0000000, 0xa0000000, 0xf0000000]);
  });

  it('give a (0, m, 2) net in every pair of the first two dimensions and stratify each of the four', () => {
    const n = 256;
    for (let d = 0; d < 4; d++) {
      const strata = new Set(Array.from({ length: n }, (_, i) => Math.floor((sobolSample(i, d) / 2 ** 32) * n)));
      expect(strata.size).toBe(n);
    }
    // Elementary intervals of area 1/n in dimensions (0, 1): 2^a × 2^b cells with a + b = 8.
    for (let a = 0; a <= 8; a++) {
      const cells = new Set(
        Array.from({ length: n }, (_, i) => {
          const x = Math.floor((sobolSample(i, 0) / 2 ** 32) * 2 ** a);
          const y = Math.floor((sobolSample(i, 1) / 2 ** 32) * 2 ** (8 - a));
          return x * 2 ** (8 - a) + y;
        })
      );
      expect(cells.size).toBe(n);
    }
  });
});

describe('sampler on the GPU', () => {
  async function blocks(kind: number, n: number, block: number): Promise<Float32Array> {
    const frame = new ArrayBuffer(FRAME_RECORD.size);
    writeStruct(FRAME_RECORD, new DataView(frame), 0, { sobol: sobolColumns().map((dims) => ({ dims })) });
    const { data } = await runKernel(await testDevice(), {
      module: 'tests/sampler_test',
      entryPoint: 'blocks',
      inputs: [new Uint32Array(frame), new Uint32Array([n, kind, 12345, block])],
      output: { type: Float32Array, length: n * 12 },
      workgroups: Math.ceil(n / 64)
    });
    return data;
  }

  it('Owen-scrambled Sobol: each dimension of a block is stratified over 2^k samples and pairs form nets', async () => {
    const n = 256;
    for (const block of [0, 3]) {
      const u = await blocks(SAMPLER_ID.sobol, n, block);
      for (let d = 0; d < 12; d++) {
        const strata = new Set(Array.from({ length: n }, (_, i) => Math.floor(u[i * 12 + d] * n)));
        expect(strata.size).toBe(n);
      }
      // Dimensions 0 and 1 of a group keep the (0, 2) net structure under nested uniform scrambling.
      const cells = new Set(Array.from({ length: n }, (_, i) => Math.floor(u[i * 12] * 16) * 16 + Math.floor(u[i * 12 + 1] * 16)));
      expect(cells.size).toBe(n);
    }
  });

  it('the random sampler gives uniforms in [0, 1) that are not stratified', async () => {
    const n = 256;
    const u = await blocks(SAMPLER_ID.random, n, 0);
    expect(u.every((x) => x >= 0 && x < 1)).toBe(true);
    const strata = new Set(Array.from({ length: n }, (_, i) => Math.floor(u[i * 12] * n)));
    expect(strata.size).toBeLessThan(n);
  });
});
