// `clovers bench`: renders example scenes after an untimed warm-up (pipeline compilation), and reports wall time,
// pixel samples per second and per CPU-second, and ray segments per second; writes bench-<timestamp>.json.
// CPU time is the whole process's (process.cpuUsage): on lavapipe the driver's threads run inside this process,
// so it counts the rendering work itself.
import { mkdir, writeFile } from 'node:fs/promises';
import { arch, cpus, platform } from 'node:os';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GpuContext } from '../../gpu/host/device.ts';
import type { RenderOptions } from '../../gpu/host/render/types.ts';
import type { SceneFile } from '../../src/lib/scene/index.ts';
import type { BenchArgs } from './args.ts';
import { CliError, EXIT, type ExitCode } from './errors.ts';
import { openDevice } from './gpu.ts';
import type { CliIo } from './main.ts';
import { formatRate } from './progress.ts';
import { renderOptions, renderWithProgress, type RenderDeps, type RenderSceneFn } from './render-command.ts';
import { loadMeshes, loadScene } from './scene-file.ts';
import type { CompileAssets } from '../../gpu/host/scene/compile.ts';

const EXAMPLES_DIR = fileURLToPath(new URL('../../src/lib/scene/examples/', import.meta.url));
const WARMUP_SIZE = 32;

export interface BenchResult {
  readonly scene: string;
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
}

/** An example name (`cornell`) or a path to a .json file. */
export function benchScenePath(scene: string): string {
  return scene.endsWith('.json') ? scene : join(EXAMPLES_DIR, `${scene}.json`);
}

export async function benchCommand(args: BenchArgs, io: CliIo, deps: RenderDeps = {}): Promise<ExitCode> {
  const scenes: { name: string; scene: SceneFile; assets: CompileAssets }[] = [];
  for (const name of args.scenes) {
    const path = benchScenePath(name);
    const scene = await loadScene(path, io.stderr, args.quiet);
    scenes.push({ name: basename(name, extname(name)), scene, assets: { meshes: await loadMeshes(path, scene) } });
  }
  const renderScene = deps.renderScene ?? (await import('../../gpu/host/render/render.ts')).renderScene;
  const gpu = await openDevice(deps.acquireDevice);
  const options = renderOptions(args);
  const results: BenchResult[] = [];
  const log = (line: string): void => {
    if (!args.quiet) io.stderr.write(`clovers bench: ${line}\n`);
  };
  try {
    log(`${gpu.adapterName}, ${options.width}x${options.height}, ${options.samples} spp, max depth ${options.maxDepth}`);
    for (const { name, scene, assets } of scenes) {
      log(`${name}: warm-up`);
      const warmup = { ...options, width: Math.min(options.width, WARMUP_SIZE), height: Math.min(options.height, WARMUP_SIZE), samples: 1 };
      await renderWithProgress(renderScene, gpu, scene, warmup, io, true, assets);
      if (io.signal.aborted) return EXIT.cancelled;
      log(`${name}: timed render`);
      results.push(await timedRender(renderScene, gpu, name, scene, assets, options, io, args.quiet));
      if (io.signal.aborted) return EXIT.cancelled;
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
    settings: options,
    results
  };
  const file = join(args.outDir, `bench-${report.date.replace(/[:.]/g, '-')}.json`);
  try {
    await mkdir(args.outDir, { recursive: true });
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${(error as Error).message}`, EXIT.userError, { cause: error });
  }
  io.stdout.write(benchTable(gpu.adapterName, results));
  io.stdout.write(`results written to ${file}\n`);
  return EXIT.ok;
}

async function timedRender(
  renderScene: RenderSceneFn,
  gpu: GpuContext,
  name: string,
  scene: SceneFile,
  assets: CompileAssets,
  options: RenderOptions,
  io: CliIo,
  quiet: boolean
): Promise<BenchResult> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await renderWithProgress(renderScene, gpu, scene, options, io, quiet, assets);
  const wallSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const pixelSamples = result.width * result.height * result.samples;
  return {
    scene: name,
    wallSeconds,
    renderSeconds: result.stats.elapsedMs / 1000,
    cpuSeconds,
    pixelSamples,
    pixelSamplesPerSecond: pixelSamples / wallSeconds,
    pixelSamplesPerCpuSecond: cpuSeconds > 0 ? pixelSamples / cpuSeconds : 0,
    raySegments: result.stats.raySegments,
    raySegmentsPerSecond: result.stats.raySegments / wallSeconds,
    dispatches: result.stats.dispatches,
    droppedSamples: result.stats.droppedSamples
  };
}

export function benchTable(adapter: string, results: readonly BenchResult[]): string {
  const header = ['scene', 'wall s', 'CPU s', 'pixel-samples/s', 'pixel-samples/CPU-s', 'ray segments/s'];
  const rows = results.map((r) => [
    r.scene,
    r.wallSeconds.toFixed(2),
    r.cpuSeconds.toFixed(2),
    formatRate(r.pixelSamplesPerSecond),
    formatRate(r.pixelSamplesPerCpuSecond),
    formatRate(r.raySegmentsPerSecond)
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [`adapter: ${adapter}`, line(header), ...rows.map(line), ''].join('\n');
}
