// Mesh scale benchmark: generates a geodesic sphere of N triangles (default ~1M), compiles it (placement, BVH,
// packing), renders a small image and prints generation, compile and BVH times, buffer sizes and rays/s.
// Usage: node --import ./scripts/register.mjs scripts/bench-mesh.ts [triangles] [width] [samples]
import { acquireDevice } from '../gpu/host/device.ts';
import { icosphere, icosphereFrequencyFor, singleMeshScene } from '../gpu/host/mesh/generate.ts';
import { renderCompiled } from '../gpu/host/render/render.ts';
import { compileScene } from '../gpu/host/scene/compile.ts';
import { parseScene } from '../src/lib/scene/index.ts';

const triangles = Number(process.argv[2] ?? 1_000_000);
const size = Number(process.argv[3] ?? 32);
const samples = Number(process.argv[4] ?? 1);
const MiB = 2 ** 20;

const t0 = performance.now();
const mesh = icosphere(icosphereFrequencyFor(triangles));
const generateMs = performance.now() - t0;

const parsed = parseScene(singleMeshScene('icosphere'));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));

const heapBefore = process.memoryUsage().heapUsed;
const t1 = performance.now();
const compiled = compileScene(parsed.scene, { meshes: new Map([['icosphere', mesh]]) });
const compileMs = performance.now() - t1;
const heapAfter = process.memoryUsage().heapUsed;

const gpu = await acquireDevice();
try {
  const options = { width: size, height: size, samples, maxDepth: 8, seed: 1, mode: 'path-tracing', sampler: 'random' } as const;
  const t2 = performance.now();
  const result = await renderCompiled(gpu, parsed.scene, compiled, options);
  const renderMs = performance.now() - t2;
  const seconds = result.stats.elapsedMs / 1000;
  let nonFinite = 0;
  for (const x of result.xyz) if (!Number.isFinite(x)) nonFinite++;
  const lines = [
    `adapter                ${gpu.adapterName}`,
    `triangles              ${(mesh.indices.length / 3).toLocaleString('en')} (${compiled.primitives.length.toLocaleString('en')} primitives, ${compiled.meshStats.degenerate} degenerate skipped)`,
    `generate               ${generateMs.toFixed(0)} ms`,
    `compile (total)        ${compileMs.toFixed(0)} ms`,
    `  of which BVH build   ${compiled.bvhStats.buildMs.toFixed(0)} ms (${compiled.bvhStats.nodeCount.toLocaleString('en')} nodes, depth ${compiled.bvhStats.maxDepth}, SAH ${compiled.bvhStats.sahCost.toFixed(1)})`,
    `primitive buffer       ${(compiled.primitiveData.byteLength / MiB).toFixed(1)} MiB`,
    `BVH node buffer        ${(compiled.bvhNodes.byteLength / MiB).toFixed(1)} MiB`,
    `light buffer           ${(compiled.lights.byteLength / MiB).toFixed(2)} MiB`,
    `host heap growth       ${((heapAfter - heapBefore) / MiB).toFixed(0)} MiB (after compile)`,
    `render ${size}x${size} ${samples} spp  ${renderMs.toFixed(0)} ms wall (pipeline + upload + trace), trace ${result.stats.elapsedMs.toFixed(0)} ms`,
    `ray segments/s         ${(result.stats.raySegments / seconds / 1e6).toFixed(3)} M (${result.stats.raySegments.toLocaleString('en')} segments)`,
    `non-finite pixels      ${nonFinite}, dropped samples ${result.stats.droppedSamples}`
  ];
  console.log(lines.join('\n'));
} finally {
  gpu.destroy();
}
