// `clovers render <scene.json>`: parse, render on the GPU with a progress bar, write PNG/EXR (the EXR with the
// AOV layers --aov asks for).
// Ctrl+C stops at the next dispatch and still writes the samples accumulated so far (the image records how
// many); the exit status is then 130.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import type { GpuContext } from '../../gpu/host/device.ts';
import type { RenderControl, RenderOptions, RenderResult } from '../../gpu/host/render/types.ts';
import type { CompileAssets } from '../../gpu/host/scene/compile.ts';
import type { SceneFile } from '../../src/lib/scene/index.ts';
import { renderToExr, renderToPng, type RenderRecord } from '../image/render-images.ts';
import { RENDER_DEFAULTS, type ImageFormat, type RenderArgs, type RenderSettings } from './args.ts';
import { CliError, EXIT, type ExitCode } from './errors.ts';
import { openDevice } from './gpu.ts';
import type { CliIo } from './main.ts';
import { formatDuration, formatRate, ProgressBar, type TextSink } from './progress.ts';
import { describeSettings, resolveSettings } from './render-settings.ts';
import { loadEnvironment, loadMeshes, loadScene } from './scene-file.ts';
import { SceneTooLargeError } from '../../gpu/host/render/scene-tables.ts';
import { SceneCompileError } from '../../gpu/host/scene/compile.ts';

export type RenderSceneFn = (
  gpu: GpuContext,
  scene: SceneFile,
  options: RenderOptions,
  control?: RenderControl,
  assets?: CompileAssets
) => Promise<RenderResult>;

/** The GPU side, replaceable in tests. */
export interface RenderDeps {
  readonly acquireDevice?: () => Promise<GpuContext>;
  readonly renderScene?: RenderSceneFn;
}

export async function renderCommand(args: RenderArgs, io: CliIo, deps: RenderDeps = {}): Promise<ExitCode> {
  // Quiet prints errors only: no notes, warnings, settings, progress, summary or saved paths.
  const note = (line: string): void => {
    if (!args.quiet) io.stderr.write(`${line}\n`);
  };
  if (args.bvh !== undefined) note(`clovers: --bvh ${args.bvh} ignored: clovers has one BVH (SAH, 4-wide)`);
  const { scene, settings: sceneSettings } = await loadScene(args.scene, io.stderr, args.quiet);
  const meshes = await loadMeshes(args.scene, scene, (line) => note(`warning: ${line}`));
  const environment = await loadEnvironment(args.scene, scene);
  const paths = outputPaths(args.output, args.scene, args.formats, new Date());
  const resolved = resolveSettings(args.settings, sceneSettings, RENDER_DEFAULTS);
  const options: RenderOptions = { ...renderOptions(resolved.settings), ...(args.aov.length > 0 ? { aov: args.aov } : {}) };
  await createOutputDirs(paths.map(([, path]) => path));
  const renderScene = deps.renderScene ?? (await import('../../gpu/host/render/render.ts')).renderScene;
  const gpu = await openDevice(deps.acquireDevice);
  let result: RenderResult;
  try {
    note(`clovers: ${args.scene}: ${describeSettings(resolved)}`);
    note(`clovers: adapter ${gpu.adapterName}`);
    result = await renderWithProgress(renderScene, gpu, scene, options, io, args.quiet, { meshes, environment });
  } finally {
    gpu.destroy();
  }
  note(summaryLine(result));
  if (args.aov.length > 0) {
    note(result.aov ? `clovers: AOVs ${args.aov.join(', ')} (${result.aov.samples} spp) go into the EXR only` : 'clovers: cancelled: the EXR has no AOV layers');
  }
  if (result.cancelled && result.samples === 0) {
    io.stderr.write('clovers: cancelled before the first sample; no image written\n');
    return EXIT.cancelled;
  }
  const record: RenderRecord = { scene: basename(args.scene), options, result, date: new Date() };
  for (const [format, path] of paths) {
    await writeImage(path, format === 'png' ? renderToPng(record) : renderToExr(record));
    if (!args.quiet) io.stdout.write(`Image saved to: ${path}\n`); // the reference prints it even when quiet; -q here means errors only
  }
  return result.cancelled ? EXIT.cancelled : EXIT.ok;
}

export function renderOptions(settings: RenderSettings): RenderOptions {
  const { width, height, samples, maxDepth, seed, mode, sampler, integrator, exposure } = settings;
  return { width, height, samples, maxDepth, seed, mode, sampler, integrator, exposure };
}

/** Runs one render, drawing progress on a terminal; a renderer failure is a GPU error (exit 3). */
export async function renderWithProgress(
  renderScene: RenderSceneFn,
  gpu: GpuContext,
  scene: SceneFile,
  options: RenderOptions,
  io: { readonly stderr: TextSink; readonly signal: AbortSignal },
  quiet: boolean,
  assets: CompileAssets = {}
): Promise<RenderResult> {
  const bar = new ProgressBar(io.stderr);
  try {
    return await renderScene(gpu, scene, options, {
      signal: io.signal,
      onProgress: quiet ? undefined : (progress) => bar.update(progress),
      // A cold shader cache makes the compile take seconds: say so rather than look stuck.
      onPhase: quiet ? undefined : (phase) => phase === 'compiling' && io.stderr.write('clovers: compiling shaders…\n')
    }, assets);
  } catch (error) {
    // A scene the device cannot hold is the user's to change (exit 1); anything else is the GPU's (exit 3).
    const code = error instanceof SceneTooLargeError || error instanceof SceneCompileError ? EXIT.userError : EXIT.gpu;
    throw new CliError(`render failed: ${(error as Error).message}`, code, { cause: error });
  } finally {
    bar.clear();
  }
}

/**
 * One file per format: `-o out.png -f png,exr` gives out.png and out.exr. Without -o:
 * renders/<scene>-<unix seconds>.<ext>, as the reference names its default output.
 */
export function outputPaths(
  output: string | undefined,
  scene: string,
  formats: readonly ImageFormat[],
  now: Date
): [ImageFormat, string][] {
  let base: string;
  if (output === undefined) {
    base = `renders/${basename(scene, extname(scene))}-${Math.floor(now.getTime() / 1000)}`;
  } else {
    const ext = extname(output).toLowerCase();
    base = ext === '.png' || ext === '.exr' ? output.slice(0, -ext.length) : output;
  }
  return formats.map((format) => [format, `${base}.${format}`]);
}

/** Before rendering, so a bad -o fails in a second rather than after the render. */
async function createOutputDirs(paths: readonly string[]): Promise<void> {
  for (const dir of new Set(paths.map((path) => dirname(path)))) {
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      throw new CliError(`cannot create output directory ${dir}: ${(error as Error).message}`, EXIT.userError, { cause: error });
    }
  }
}

async function writeImage(path: string, bytes: Buffer): Promise<void> {
  try {
    await writeFile(path, bytes);
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${(error as Error).message}`, EXIT.userError, { cause: error });
  }
}

function summaryLine(result: RenderResult): string {
  const seconds = result.stats.elapsedMs / 1000;
  const pixelSamples = result.width * result.height * result.samples;
  const dropped = result.stats.droppedSamples > 0 ? `, ${result.stats.droppedSamples} samples dropped (non-finite)` : '';
  const state = result.cancelled ? 'cancelled after' : 'rendered';
  return (
    `clovers: ${state} ${result.samples} spp in ${formatDuration(result.stats.elapsedMs)} ` +
    `(shaders compiled in ${formatDuration(result.stats.compileMs)}): ` +
    `${formatRate(seconds > 0 ? pixelSamples / seconds : 0)} pixel-samples/s, ` +
    `${formatRate(seconds > 0 ? result.stats.raySegments / seconds : 0)} ray segments/s${dropped}`
  );
}
