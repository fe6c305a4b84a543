// `clovers bench`: compiles each scene (timing the BVH build, sizing the GPU tables), renders a first small image
// (timing pipeline creation, the shader compile and the first image: the latency a user feels), then the timed
// render, and reports wall time, pixel samples per second and per CPU-second, and ray segments per second; writes
// bench-<timestamp>.json. With --cold the command runs itself again with an empty shader cache (a fresh
// MESA_SHADER_CACHE_DIR, which Mesa's lavapipe honours), so the first-image figures are those of a new machine. With several integrators and --repeat, the variants
// alternate scene by scene (these machines are noisy) and the table shows medians.
// CPU time is the whole process's (process.cpuUsage): on lavapipe the driver's threads run inside this process,
// so it counts the rendering work itself.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { arch, cpus, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GpuContext } from '../../gpu/host/device.ts';
import type { IntegratorName, RenderControl, RenderOptions, RenderResult } from '../../gpu/host/render/types.ts';
import { planForScene } from '../../gpu/host/render/bindings.ts';
import { compileScene, type CompiledScene } from '../../gpu/host/scene/compile.ts';
import type { SceneFile } from '../../src/lib/scene/index.ts';
import type { BenchArgs } from './args.ts';
import { CliError, EXIT, type ExitCode } from './errors.ts';
import { openDevice } from './gpu.ts';
import type { CliIo } from './main.ts';
import { formatRate } from './progress.ts';
import { renderOptions, renderWithProgress, type RenderDeps } from './render-command.ts';
import { loadBenchScene, type BenchScene } from './bench-scenes.ts';

export { benchScenePath } from './bench-scenes.ts';

/** The first image: its size and samples (what a user waits for before seeing anything). */
const FIRST_IMAGE_SIZE = 32;
/** Set in the child that --cold starts with a fresh shader cache. */
const COLD_CHILD_ENV = 'CLOVERS_BENCH_COLD_CHILD';
const MiB = 2 ** 20;

export type RenderCompiledFn = (
  gpu: GpuContext,
  scene: SceneFile,
  compiled: CompiledScene,
  options: RenderOptions,
  control?: RenderControl
) => Promise<RenderResult>;

/** The GPU side, replaceable in tests. */
export interface BenchDeps extends Pick<RenderDeps, 'acquireDevice'> {
  readonly renderCompiled?: RenderCompiledFn;
}

/** What the scene costs before rendering: its size on the GPU and the host's compile and BVH build times. */
export interface SceneCost {
  readonly triangles: number;
  readonly primitives: number;
  readonly compileMs: number;
  readonly bvhBuildMs: number;
  readonly bvhNodes: number;
  /** Bytes of the scene tables uploaded to the GPU (primitives, BVH nodes, materials, textures, lights, ...). */
  readonly gpuMiB: number;
  /** Bindings of the primitives, BVH nodes and shading records, e.g. "2/1/3" when a table exceeds the device's
   * storage binding size (gpu/host/render/scene-tables.ts). */
  readonly tableBindings: string;
}

export interface BenchResult extends SceneCost {
  readonly scene: string;
  readonly integrator: IntegratorName;
  readonly width: number;
  readonly height: number;
  readonly samples: number;
  readonly wallSeconds: number;
  /** The renderer's own time (RenderStats.elapsedMs), without scene compilation. */
  readonly renderSeconds: number;
  readonly cpuSeconds: number;
  readonly pixelSamples: number;
  readonly pixelSamplesPerSecond: number;
  readonly pixelSamplesPerCpuSecond: number;
  readonly raySegments: number;
  readonly raySegmentsPerSecond: number;
  readonly dispatches: number;
  readonly droppedSamples: number;
  /** Wall time of the first 32×32 1-spp image: pipeline creation, shader compile and rendering. */
  readonly firstImageSeconds: number;
  /** The shader compile within it (RenderStats.compileMs). */
  readonly shaderCompileSeconds: number;
  /** The shader cache was empty when the bench started (--cold). */
  readonly coldCache: boolean;
}

export async function benchCommand(args: BenchArgs, io: CliIo, deps: BenchDeps = {}): Promise<ExitCode> {
  if (args.cold && process.env[COLD_CHILD_ENV] === undefined) return runCold(io);
  const renderCompiled = deps.renderCompiled ?? (await import('../../gpu/host/render/render.ts')).renderCompiled;
  const gpu = await openDevice(deps.acquireDevice);
  const options = renderOptions(args);
  const results: BenchResult[] = [];
  const log = (line: string): void => {
    if (!args.quiet) io.stderr.write(`clovers bench: ${line}\n`);
  };
  try {
    log(`${gpu.adapterName}, ${options.width}x${options.height}, ${options.samples} spp, max depth ${options.maxDepth}, ${args.integrators.join(' vs ')}${args.cold ? ', empty shader cache' : ''}`);
    for (const name of args.scenes) {
      // One scene at a time, so a big one's tables are released before the next is generated.
      const bench = await loadBenchScene(name, io.stderr, args.quiet);
      const { compiled, cost } = compileTimed(bench, gpu.device);
      log(`${bench.name}: ${cost.triangles.toLocaleString('en')} triangles, BVH ${cost.bvhBuildMs.toFixed(0)} ms, ${cost.gpuMiB.toFixed(1)} MiB on the GPU, table bindings ${cost.tableBindings}`);
      const sized = { ...options, ...capped(options, bench) };
      const render = (o: RenderOptions, quiet: boolean) =>
        renderWithProgress((g, s, opts, control) => renderCompiled(g, s, compiled, opts, control), gpu, bench.scene, o, io, quiet, bench.assets);
      const firstImages = new Map<IntegratorName, FirstImage>();
      for (const integrator of args.integrators) {
        log(`${bench.name}: first image (${integrator})`);
        const t0 = performance.now();
        const first = await render({ ...sized, integrator, width: Math.min(sized.width, FIRST_IMAGE_SIZE), height: Math.min(sized.height, FIRST_IMAGE_SIZE), samples: 1 }, true);
        const image = { firstImageSeconds: (performance.now() - t0) / 1000, shaderCompileSeconds: first.stats.compileMs / 1000, coldCache: args.cold };
        log(`${bench.name}: first image in ${image.firstImageSeconds.toFixed(2)} s, shader compile ${image.shaderCompileSeconds.toFixed(2)} s`);
        firstImages.set(integrator, image);
        if (io.signal.aborted) return EXIT.cancelled;
      }
      for (let round = 0; round < args.repeat; round++) {
        for (const integrator of args.integrators) {
          log(`${bench.name}: timed render (${integrator}${args.repeat > 1 ? `, ${round + 1}/${args.repeat}` : ''})`);
          const first = firstImages.get(integrator) as FirstImage;
          results.push(await timedRender(() => render({ ...sized, integrator }, args.quiet), bench.name, integrator, cost, first));
          if (io.signal.aborted) return EXIT.cancelled;
        }
      }
    }
  } finally {
    gpu.destroy();
  }
  const report = {
    date: new Date().toISOString(),
    adapter: gpu.adapterName,
    fallbackAdapter: gpu.isFallbackAdapter,
    vulkanIcd: process.env.VK_ICD_FILENAMES ?? null,
    node: process.version,
    platform: `${platform()} ${arch()}`,
    cpu: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
    settings: { ...options, integrators: args.integrators, repeat: args.repeat },
    results
  };
  const file = join(args.outDir, `bench-${report.date.replace(/[:.]/g, '-')}.json`);
  try {
    await mkdir(args.outDir, { recursive: true });
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${(error as Error).message}`, EXIT.userError, { cause: error });
  }
  // -q prints errors only: the results are in the file.
  if (!args.quiet) io.stdout.write(`${benchTable(gpu.adapterName, results)}results written to ${file}\n`);
  return EXIT.ok;
}

function compileTimed(bench: BenchScene, device: GPUDevice): { compiled: CompiledScene; cost: SceneCost } {
  const t0 = performance.now();
  const compiled = compileScene(bench.scene, bench.assets);
  const compileMs = performance.now() - t0;
  const tables = [compiled.primitiveData, compiled.bvhNodes, compiled.materials, compiled.textures, compiled.illuminants, compiled.lights, compiled.triangleShading];
  const plan = planForScene(device, compiled);
  const bytes = tables.reduce((sum, t) => sum + t.byteLength, 0);
  return {
    compiled,
    cost: {
      triangles: compiled.meshStats.triangles,
      primitives: compiled.primitives.length,
      compileMs,
      bvhBuildMs: compiled.bvhStats.buildMs,
      bvhNodes: compiled.bvhStats.nodeCount,
      gpuMiB: bytes / MiB,
      tableBindings: [plan.primitives, plan.bvhNodes, plan.triangleShading].map((t) => t.bindings.length).join('/')
    }
  };
}

function capped(options: RenderOptions, bench: BenchScene): Pick<RenderOptions, 'width' | 'height' | 'samples'> {
  const cap = bench.cap;
  if (!cap) return options;
  return { width: Math.min(options.width, cap.width), height: Math.min(options.height, cap.height), samples: Math.min(options.samples, cap.samples) };
}

type FirstImage = Pick<BenchResult, 'firstImageSeconds' | 'shaderCompileSeconds' | 'coldCache'>;

/** Runs this bench again in a child process whose shader cache starts empty; its output is ours. */
async function runCold(io: CliIo): Promise<ExitCode> {
  const cache = await mkdtemp(join(tmpdir(), 'clovers-cold-cache-'));
  try {
    const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      env: { ...process.env, MESA_SHADER_CACHE_DIR: cache, [COLD_CHILD_ENV]: '1' },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    child.stdout.on('data', (chunk: Buffer) => io.stdout.write(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => io.stderr.write(chunk.toString()));
    const onAbort = () => child.kill('SIGINT');
    io.signal.addEventListener('abort', onAbort);
    const code = await new Promise<number>((resolve) => child.on('close', (status) => resolve(status ?? EXIT.gpu)));
    io.signal.removeEventListener('abort', onAbort);
    return code as ExitCode;
  } finally {
    await rm(cache, { recursive: true, force: true });
  }
}

async function timedRender(render: () => Promise<RenderResult>, scene: string, integrator: IntegratorName, cost: SceneCost, first: FirstImage): Promise<BenchResult> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await render();
  const wallSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const pixelSamples = result.width * result.height * result.samples;
  return {
    scene,
    integrator,
    ...cost,
    width: result.width,
    height: result.height,
    samples: result.samples,
    wallSeconds,
    renderSeconds: result.stats.elapsedMs / 1000,
    cpuSeconds,
    pixelSamples,
    pixelSamplesPerSecond: pixelSamples / wallSeconds,
    pixelSamplesPerCpuSecond: cpuSeconds > 0 ? pixelSamples / cpuSeconds : 0,
    raySegments: result.stats.raySegments,
    raySegmentsPerSecond: result.stats.raySegments / wallSeconds,
    dispatches: result.stats.dispatches,
    droppedSamples: result.stats.droppedSamples,
    ...first
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One row per scene and integrator: medians over the repeats. */
export function benchTable(adapter: string, results: readonly BenchResult[]): string {
  const header = ['scene', 'integrator', 'size', 'triangles', 'BVH ms', 'GPU MiB', 'bindings', 'compile s', 'first image s', 'wall s', 'CPU s', 'pixel-samples/s', 'pixel-samples/CPU-s', 'ray segments/s'];
  const groups = new Map<string, BenchResult[]>();
  for (const r of results) {
    const key = `${r.scene}\u0000${r.integrator}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const rows = [...groups.values()].map((runs) => {
    const r = runs[0];
    const m = (pick: (r: BenchResult) => number) => median(runs.map(pick));
    return [
      r.scene,
      runs.length > 1 ? `${r.integrator} ×${runs.length}` : r.integrator,
      `${r.width}x${r.height}x${r.samples}`,
      r.triangles.toLocaleString('en'),
      r.bvhBuildMs.toFixed(0),
      r.gpuMiB.toFixed(1),
      r.tableBindings,
      `${r.shaderCompileSeconds.toFixed(2)}${r.coldCache ? ' (cold)' : ''}`,
      r.firstImageSeconds.toFixed(2),
      m((x) => x.wallSeconds).toFixed(2),
      m((x) => x.cpuSeconds).toFixed(2),
      formatRate(m((x) => x.pixelSamplesPerSecond)),
      formatRate(m((x) => x.pixelSamplesPerCpuSecond)),
      formatRate(m((x) => x.raySegmentsPerSecond))
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [`adapter: ${adapter}`, line(header), ...rows.map(line), ''].join('\n');
}
