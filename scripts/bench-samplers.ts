// Sampler comparison at equal sample counts: RMSE against a high-sample render of the same scene, and where the
// error lies in frequency (the fraction of the error image's power below half the Nyquist frequency, DC included;
// white noise has `white` of it, blue noise less). Errors are of display values (linear sRGB clamped to 1, the
// channels' mean), so a few fireflies do not dominate the spectrum.
// Usage: node --import ./scripts/register.mjs scripts/bench-samplers.ts [scenes] [size] [reference spp]
import { acquireDevice } from '../gpu/host/device.ts';
import { renderScene } from '../gpu/host/render/render.ts';
import { SAMPLERS, type RenderOptions, type SamplerName } from '../gpu/host/render/types.ts';
import { lowFrequencyFraction, whiteLowFrequencyFraction } from '../gpu/host/sampling/error-spectrum.ts';
import { xyzEToLinearSrgb } from '../src/lib/color/convert.ts';
import { parseScene } from '../src/lib/scene/index.ts';
import { EXAMPLES } from '../src/lib/scene/examples/index.ts';
import { loadSceneMeshes } from '../worker/mesh-files.ts';

const scenes = (process.argv[2] ?? 'cornell_classic,cornell,one_weekend,smoke,colorchecker').split(',');
const size = Number(process.argv[3] ?? 64);
const REFERENCE_SPP = Number(process.argv[4] ?? 1024);
const COUNTS = [1, 4, 16];
/** Renders per sampler and count, with different seeds: the table shows their mean. */
const SEEDS = [7, 8];

/** Display value per pixel: linear sRGB clamped to [0, 1], mean of the channels. */
function display(xyz: Float32Array): Float64Array {
  return Float64Array.from({ length: xyz.length / 3 }, (_, i) => {
    const rgb = xyzEToLinearSrgb([xyz[i * 3], xyz[i * 3 + 1], xyz[i * 3 + 2]]);
    return rgb.reduce((s, c) => s + Math.min(Math.max(c, 0), 1), 0) / 3;
  });
}

const gpu = await acquireDevice();
const white = whiteLowFrequencyFraction(size, size);
console.log(`adapter: ${gpu.adapterName}; ${size}², reference ${REFERENCE_SPP} spp (random, another seed); mean of ${SEEDS.length} seeds`);
console.log(`low: fraction of the error's power below 0.25 cycles/pixel (white noise: ${white.toFixed(3)})`);
const header = SAMPLERS.map((s) => `${`RMSE ${s}`.padStart(12)} ${`low ${s}`.padStart(10)}`).join('  ');
console.log(`${'scene'.padEnd(16)} ${'spp'.padStart(4)}  ${header}  ${'sobol/random'.padStart(12)}  ${'blue/random'.padStart(11)}`);
for (const name of scenes) {
  const parsed = parseScene(EXAMPLES[name]);
  if (!parsed.ok) throw new Error(`${name}: ${parsed.errors[0].message}`);
  const meshes = await loadSceneMeshes(parsed.scene);
  const base: RenderOptions = { width: size, height: size, samples: 1, maxDepth: 64, seed: 1, mode: 'path-tracing', sampler: 'random' };
  const render = async (samples: number, sampler: SamplerName, seed: number) =>
    display((await renderScene(gpu, parsed.scene, { ...base, samples, sampler, seed }, {}, { meshes })).xyz);
  const reference = await render(REFERENCE_SPP, 'random', 1234);
  for (const spp of COUNTS) {
    const row = new Map<SamplerName, { rmse: number; low: number }>();
    for (const sampler of SAMPLERS) {
      let rmse = 0;
      let low = 0;
      for (const seed of SEEDS) {
        const error = (await render(spp, sampler, seed)).map((v, i) => v - reference[i]);
        rmse += Math.sqrt(error.reduce((s, e) => s + e * e, 0) / error.length) / SEEDS.length;
        low += lowFrequencyFraction(error, size, size) / SEEDS.length;
      }
      row.set(sampler, { rmse, low });
    }
    const cells = SAMPLERS.map((s) => `${row.get(s)!.rmse.toExponential(3).padStart(12)} ${row.get(s)!.low.toFixed(3).padStart(10)}`).join('  ');
    const ratio = (s: SamplerName) => (row.get(s)!.rmse / row.get('random')!.rmse).toFixed(3);
    console.log(`${name.padEnd(16)} ${String(spp).padStart(4)}  ${cells}  ${ratio('sobol').padStart(12)}  ${ratio('blue').padStart(11)}`);
  }
}
gpu.destroy();
