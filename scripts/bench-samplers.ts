// Sampler comparison: RMSE against a high-sample render of the same scene, random vs Owen-scrambled Sobol at
// equal sample counts. Usage: node --import ./scripts/register.mjs scripts/bench-samplers.ts [scenes] [size]
import { acquireDevice } from '../gpu/host/device.ts';
import { renderScene } from '../gpu/host/render/render.ts';
import type { RenderOptions, SamplerName } from '../gpu/host/render/types.ts';
import { xyzEToLinearSrgb } from '../src/lib/color/convert.ts';
import { parseScene } from '../src/lib/scene/index.ts';
import { EXAMPLES } from '../src/lib/scene/examples/index.ts';
import { loadSceneMeshes } from '../worker/mesh-files.ts';

const scenes = (process.argv[2] ?? 'cornell_classic,cornell,one_weekend,smoke,colorchecker').split(',');
const size = Number(process.argv[3] ?? 64);
const REFERENCE_SPP = 1024;
const COUNTS = [4, 16, 64];

const gpu = await acquireDevice();
console.log(`adapter: ${gpu.adapterName}; ${size}², reference ${REFERENCE_SPP} spp (random, another seed)`);
console.log(`scene            spp   RMSE random   RMSE sobol   sobol/random`);
for (const name of scenes) {
  const parsed = parseScene(EXAMPLES[name]);
  if (!parsed.ok) throw new Error(`${name}: ${parsed.errors[0].message}`);
  const meshes = await loadSceneMeshes(parsed.scene);
  const base: RenderOptions = { width: size, height: size, samples: 1, maxDepth: 64, seed: 1, mode: 'path-tracing', sampler: 'random' };
  const render = async (samples: number, sampler: SamplerName, seed: number) =>
    (await renderScene(gpu, parsed.scene, { ...base, samples, sampler, seed }, {}, { meshes })).xyz;
  const reference = await render(REFERENCE_SPP, 'random', 1234);
  const rmse = (xyz: Float32Array) => {
    let sum = 0;
    for (let i = 0; i < xyz.length; i += 3) {
      const a = xyzEToLinearSrgb([xyz[i], xyz[i + 1], xyz[i + 2]]);
      const b = xyzEToLinearSrgb([reference[i], reference[i + 1], reference[i + 2]]);
      for (let c = 0; c < 3; c++) sum += (Math.min(a[c], 1) - Math.min(b[c], 1)) ** 2;
    }
    return Math.sqrt(sum / xyz.length);
  };
  for (const spp of COUNTS) {
    const r = rmse(await render(spp, 'random', 7));
    const s = rmse(await render(spp, 'sobol', 7));
    console.log(`${name.padEnd(16)} ${String(spp).padStart(4)}   ${r.toExponential(3).padStart(11)}   ${s.toExponential(3).padStart(10)}   ${(s / r).toFixed(3).padStart(12)}`);
  }
}
gpu.destroy();
