// `npm run bench:compile`: what each kernel feature costs to compile, from an empty shader cache (Mesa's lavapipe
// honours MESA_SHADER_CACHE_DIR; the script runs itself again with a fresh one). The megakernel's path-tracing
// variant is compiled for a base feature set (quads, Lambertian, a diffuse light, NEE: the classic Cornell box), for
// the base plus each other feature alone, and for every feature; then the debug views and the wavefront kernels.
// Prints seconds per variant (pipeline creation, and the compile at the first dispatch) with the adapter's name.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDevice } from '../gpu/host/device.ts';
import { compileKernel } from '../gpu/host/render/warm-up.ts';
import type { IntegratorName, RenderMode } from '../gpu/host/render/types.ts';
import { compileScene } from '../gpu/host/scene/compile.ts';
import { ALL_FEATURES, SCENE_FEATURES, sceneFeatures, type SceneFeatures } from '../gpu/host/scene/features.ts';
import { EXAMPLES } from '../src/lib/scene/examples/index.ts';
import { parseScene } from '../src/lib/scene/index.ts';

const CHILD = 'CLOVERS_BENCH_COMPILE_CHILD';

if (process.env[CHILD] === undefined) {
  const cache = await mkdtemp(join(tmpdir(), 'clovers-compile-cache-'));
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env: { ...process.env, MESA_SHADER_CACHE_DIR: cache, [CHILD]: '1' },
    stdio: 'inherit'
  });
  const code = await new Promise<number>((resolve) => child.on('close', (status) => resolve(status ?? 1)));
  await rm(cache, { recursive: true, force: true });
  process.exit(code);
}

const parsed = parseScene(EXAMPLES.cornell_classic);
if (!parsed.ok) throw new Error('cornell_classic does not parse');
const scene = parsed.scene;
const compiled = compileScene(scene);
const base = sceneFeatures(compiled);
const gpu = await acquireDevice();
console.log(`adapter: ${gpu.adapterName}; empty shader cache (MESA_SHADER_CACHE_DIR)`);
console.log('variant                                   create s  compile s');

async function measure(label: string, features: SceneFeatures, mode: RenderMode = 'path-tracing', integrator: IntegratorName = 'megakernel'): Promise<void> {
  const { createMs, compileMs } = await compileKernel(gpu.device, scene, compiled, { mode, integrator, features });
  console.log(`${label.padEnd(40)}  ${(createMs / 1000).toFixed(2).padStart(8)}  ${(compileMs / 1000).toFixed(2).padStart(9)}`);
}

await measure('base (cornell_classic)', base);
for (const feature of SCENE_FEATURES.filter((f) => !base[f])) await measure(`base + ${feature}`, { ...base, [feature]: true });
await measure('every feature', ALL_FEATURES);
await measure('every feature, normal-map view', ALL_FEATURES, 'normal-map');
await measure('base, wavefront (6 kernels)', base, 'path-tracing', 'wavefront');
await measure('every feature, wavefront (6 kernels)', ALL_FEATURES, 'path-tracing', 'wavefront');
gpu.destroy();
