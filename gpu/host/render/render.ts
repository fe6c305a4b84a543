// Progressive rendering: runs the path tracer in bounded dispatches whose size adapts to a target wall time
// (so a browser stays responsive, progress is reported and cancellation is prompt), then reads the film back
// as mean XYZ per pixel. Deterministic for a seed: sample k of pixel p always uses the same random stream,
// however the work is split into dispatches.
import type { GpuContext } from '../device.ts';
import type { SceneFile } from '../../../src/lib/scene/index.ts';
import { compileScene, type CompileAssets, type CompiledScene } from '../scene/compile.ts';
import { cameraFrame } from './camera.ts';
import { PathTracer, type PathTracerSettings } from './path-tracer.ts';
import { AOV_NAMES, type AovImages, type RenderControl, type RenderOptions, type RenderProgress, type RenderResult, type RenderWatchdog } from './types.ts';
import { checkAovBuffer, renderAovsOn } from './aov.ts';
import { waitForGpu } from './gpu-wait.ts';

/**
 * Time limits after which a GPU step that made no progress fails (GpuStallError) instead of waiting forever. A
 * cold compile of the largest kernel variant takes about a minute on 2 CPU cores (lavapipe); a dispatch may also
 * take 20 times its expected time.
 */
export const DEFAULT_WATCHDOG: RenderWatchdog = { compileMs: 600_000, dispatchMs: 60_000 };

/**
 * Target wall time of a dispatch: each costs a fixed start and end (on lavapipe the Cornell box rendered 11% slower
 * with 80 ms dispatches than with 250 ms, 5% slower than with 1 s), while longer ones delay progress and cancellation.
 */
const DEFAULT_TARGET_MS = 250;
/**
 * The wavefront integrator pays a fixed cost per wave (4 dispatches per bounce up to the depth limit, most of them
 * empty at the end), so it gets longer dispatches: on lavapipe, at 80 ms the planner kept waves of one band at
 * one sample and the fixed cost dominated.
 */
const WAVEFRONT_TARGET_MS = 1000;

interface PlannedDispatch {
  readonly pixelSamples: number;
  readonly submit: () => void;
  /** Records the dispatch's samples as done, once the GPU has finished it. */
  readonly finish: () => void;
}

interface SubmittedDispatch extends PlannedDispatch {
  readonly submittedAt: number;
  readonly expectedMs: number;
  readonly finished: Promise<void>;
}

/** Chooses the next dispatch: whole images with k samples, or a band of rows at 1 sample when one is too much. */
export class DispatchPlanner {
  /** Measured pixel-samples per millisecond (starts pessimistic: one small band first). */
  private rate = 0;

  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly targetMs: number
  ) {}

  /** Work (pixel-samples) that should fill one dispatch. */
  private budget(): number {
    return this.rate > 0 ? this.rate * this.targetMs : 64 * 64;
  }

  /** Whether a dispatch has been measured (before that, the budget is a guess). */
  get measured(): boolean {
    return this.rate > 0;
  }

  /** Expected wall time of a dispatch of this much work, ms (0 before the first measurement). */
  expectedMs(pixelSamples: number): number {
    return this.rate > 0 ? pixelSamples / this.rate : 0;
  }

  record(pixelSamples: number, ms: number): void {
    const r = pixelSamples / Math.max(ms, 0.5);
    // Smooth, but let the rate grow at most 4× a step (the first dispatches are small and noisy).
    this.rate = this.rate === 0 ? r : Math.min(this.rate * 4, 0.5 * this.rate + 0.5 * r);
  }

  /** Rows per band when one sample of the whole image exceeds the budget, else the whole height. */
  rowsPerBand(): number {
    const rows = Math.floor(this.budget() / this.width);
    return Math.max(8, Math.min(this.height, Math.floor(rows / 8) * 8 || 8));
  }

  samplesPerDispatch(remaining: number): number {
    const k = Math.floor(this.budget() / (this.width * this.height));
    return Math.max(1, Math.min(remaining, k));
  }
}

export async function renderCompiled(
  gpu: GpuContext,
  scene: SceneFile,
  compiled: CompiledScene,
  options: RenderOptions,
  control: RenderControl = {}
): Promise<RenderResult> {
  const { width, height } = options;
  // Before the image: a render must not fail at its end for want of room for its AOVs.
  if (options.aov?.length) checkAovBuffer(gpu.device, width, height);
  const tracer = await PathTracer.create(gpu.device, compiled, tracerSettings(scene, options));
  const defaultTarget = options.integrator === 'wavefront' ? WAVEFRONT_TARGET_MS : DEFAULT_TARGET_MS;
  const planner = new DispatchPlanner(width, height, options.targetDispatchMs ?? defaultTarget);
  const watchdog = { ...DEFAULT_WATCHDOG, ...options.watchdog };
  const first = options.sampleOffset ?? 0;
  let done = 0;
  if (options.resume) {
    tracer.loadFilm(options.resume.xyzSum);
    done = options.resume.samplesDone;
  }
  const resumedFrom = done;
  let dispatches = 0;
  // Rows [0, passRows) of a band pass cut short by cancellation hold one sample more than the rest.
  let passRows = 0;
  // The compile is a phase of its own, outside every throughput sample (lavapipe compiles at the first dispatch).
  control.onPhase?.('compiling');
  const compileStart = performance.now();
  try {
    await tracer.compile(watchdog.compileMs);
  } catch (error) {
    tracer.destroy();
    throw error;
  }
  const compileMs = performance.now() - compileStart;
  control.onPhase?.('rendering');
  const start = performance.now();
  let lastCheckpoint = start;
  // One dispatch is queued behind the one the GPU is running, so it never waits for the host between dispatches.
  // `planned*` is what has been submitted; `done` and `passRows` what has finished.
  let plannedDone = done;
  let plannedPassRows = 0;
  const next = (): PlannedDispatch | undefined => {
    if (plannedDone >= options.samples || control.signal?.aborted) return undefined;
    const bandRows = planner.rowsPerBand();
    const sample = first + plannedDone;
    if (bandRows < height || plannedPassRows > 0) {
      // One sample of the whole image is too much for one dispatch: go band by band (a pass is finished as begun).
      const row = plannedPassRows;
      const rows = Math.min(bandRows, height - row);
      plannedPassRows = row + rows < height ? row + rows : 0;
      if (plannedPassRows === 0) plannedDone += 1;
      return {
        pixelSamples: width * rows,
        submit: () => tracer.dispatch(sample, 1, row, rows),
        finish: () => {
          passRows = row + rows < height ? row + rows : 0;
          if (passRows === 0) done += 1;
        }
      };
    }
    const k = planner.samplesPerDispatch(options.samples - plannedDone);
    plannedDone += k;
    return { pixelSamples: width * height * k, submit: () => tracer.dispatch(sample, k), finish: () => (done += k) };
  };
  let inFlight: SubmittedDispatch | undefined;
  let lastEnd = performance.now();
  const submit = (d: PlannedDispatch): SubmittedDispatch => {
    const submittedAt = performance.now();
    d.submit();
    return { ...d, submittedAt, expectedMs: planner.expectedMs(d.pixelSamples), finished: gpu.device.queue.onSubmittedWorkDone() };
  };
  // Waits for the dispatch in flight; the planner learns the rate from the time the GPU spent on it alone.
  const settle = async (d: SubmittedDispatch) => {
    await waitForGpu(d.finished, 'a render dispatch', Math.max(watchdog.dispatchMs, 20 * d.expectedMs), d.expectedMs);
    const end = performance.now();
    planner.record(d.pixelSamples, end - Math.max(d.submittedAt, lastEnd));
    lastEnd = end;
    dispatches++;
    d.finish();
  };
  try {
    let planned = next();
    if (planned) inFlight = submit(planned);
    while (inFlight) {
      // A checkpoint needs a film of whole samples and nothing queued: due once the dispatch in flight ends a pass.
      const checkpointDue =
        control.onCheckpoint !== undefined &&
        plannedPassRows === 0 &&
        plannedDone < options.samples &&
        performance.now() - lastCheckpoint >= (control.checkpointIntervalMs ?? 30_000);
      // Nothing is queued on a guess: the first dispatch measures the rate.
      planned = checkpointDue || !planner.measured ? undefined : next();
      const queued = planned ? submit(planned) : undefined;
      await settle(inFlight);
      inFlight = queued;
      const now = performance.now();
      control.onProgress?.(progress(done - resumedFrom, options.samples - resumedFrom, width * height, now - start, done, options.samples));
      if (checkpointDue && !control.signal?.aborted) {
        lastCheckpoint = now;
        await control.onCheckpoint?.({ samplesDone: done, xyzSum: (await tracer.readFilm()).xyzSum });
      }
      if (!inFlight) {
        planned = next();
        if (planned) inFlight = submit(planned);
      }
    }
    const film = await tracer.readFilm();
    const elapsedMs = performance.now() - start;
    // After the film is read (and outside the image's time): a pass of its own on the tracer's scene, compiled
    // only when asked for.
    const aov = options.aov?.length && !control.signal?.aborted ? await renderAovsOn(gpu.device, tracer, options.aov, options.samples, watchdog) : undefined;
    const xyz = film.xyzSum;
    const extraEnd = passRows * width * 3;
    for (let i = 0; i < xyz.length; i++) {
      const n = i < extraEnd ? done + 1 : done;
      if (n > 0) xyz[i] /= n;
    }
    return {
      width,
      height,
      samples: done,
      xyz,
      stats: {
        elapsedMs,
        compileMs,
        dispatches,
        raySegments: film.raySegments,
        droppedSamples: film.droppedSamples
      },
      adapter: gpu.adapterName,
      cancelled: done < options.samples,
      ...(aov ? { aov } : {})
    };
  } finally {
    tracer.destroy();
  }
}

/** The path tracer of a render: the scene's camera for the image's aspect, the options' kernel choices. */
function tracerSettings(scene: SceneFile, options: RenderOptions, noKernel = false): PathTracerSettings {
  const { width, height } = options;
  return {
    width,
    height,
    maxDepth: options.maxDepth,
    seed: options.seed >>> 0,
    mode: options.mode,
    sampler: options.sampler,
    integrator: options.integrator,
    camera: cameraFrame(scene.camera, width / height),
    time0: scene.time_0,
    time1: scene.time_1,
    maxSegmentBytes: options.maxSegmentBytes,
    features: options.features,
    noKernel
  };
}

/**
 * The AOVs options.aov names (all three when it names none) of a compiled scene, without rendering the image:
 * the same values a render with these options returns as RenderResult.aov.
 */
export async function renderAovs(gpu: GpuContext, scene: SceneFile, compiled: CompiledScene, options: RenderOptions): Promise<AovImages> {
  const tracer = await PathTracer.create(gpu.device, compiled, tracerSettings(scene, options, true));
  try {
    const names = options.aov?.length ? options.aov : AOV_NAMES;
    return await renderAovsOn(gpu.device, tracer, names, options.samples, { ...DEFAULT_WATCHDOG, ...options.watchdog });
  } finally {
    tracer.destroy();
  }
}

/** Progress with the rate measured over this run's samples (a resumed render started at a checkpoint). */
function progress(
  runDone: number,
  runTotal: number,
  pixels: number,
  elapsedMs: number,
  done: number,
  total: number
): RenderProgress {
  const rate = elapsedMs > 0 ? (runDone * pixels * 1000) / elapsedMs : 0;
  return {
    samplesDone: done,
    samplesTotal: total,
    elapsedMs,
    pixelSamplesPerSecond: rate,
    etaMs: runDone > 0 ? ((runTotal - runDone) * elapsedMs) / runDone : Number.POSITIVE_INFINITY
  };
}

/** Compiles and renders a parsed scene. */
export async function renderScene(
  gpu: GpuContext,
  scene: SceneFile,
  options: RenderOptions,
  control: RenderControl = {},
  assets: CompileAssets = {}
): Promise<RenderResult> {
  return renderCompiled(gpu, scene, compileScene(scene, assets), options, control);
}
