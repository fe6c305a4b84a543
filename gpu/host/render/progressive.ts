// A progressive render that never finishes on its own: the live preview's engine. Each step() submits one
// bounded dispatch (a number of whole-image samples sized to a target GPU time, or a band of rows at one
// sample when one sample of the image is too much) and waits for it; restart() clears the film after an edit
// or a camera move. The same path tracer and sample streams as renderScene: N samples here are the image a
// render of N samples with the same seed gives.
import type { CompiledScene } from '../scene/compile.ts';
import { sceneFeatures } from '../scene/features.ts';
import type { FilmResolve } from '../film/resolve.ts';
import type { CameraFrame } from './camera.ts';
import { planForScene, sourcesForScene } from './bindings.ts';
import { waitForQueue } from './gpu-wait.ts';
import { PathTracer, type FilmReadback, type PathTracerSettings } from './path-tracer.ts';
import { DEFAULT_WATCHDOG, DispatchPlanner } from './render.ts';
import type { RenderMode, RenderWatchdog } from './types.ts';

/** GPU time one step aims at: a few steps fit an animation frame budget without stalling the page. */
export const PREVIEW_TARGET_MS = 10;

export interface ProgressiveSettings extends PathTracerSettings {
  /** Samples per pixel after which the session is converged and step() does nothing. */
  readonly maxSamples: number;
  /** Target time of one step, ms (default PREVIEW_TARGET_MS). */
  readonly targetMs?: number;
  /** Limits of the compile and of one step (default DEFAULT_WATCHDOG): a GPU that stops making progress fails
   * the step with GpuStallError instead of leaving the preview waiting forever. */
  readonly watchdog?: Partial<RenderWatchdog>;
}

/**
 * The kernel variant a session of this scene and view compiles: the generated WGSL modules that differ between
 * scenes (features and table layout; the rest of the sources is fixed). Equal keys, equal pipelines: a device
 * that has compiled a key builds the next session with it from its pipeline cache.
 */
export function kernelVariantKey(device: GPUDevice, scene: CompiledScene, mode: RenderMode): string {
  const sources = sourcesForScene(planForScene(device, scene), sceneFeatures(scene), mode);
  return `${sources['generated/scene_features']}\n${sources['generated/scene_tables']}`;
}

export interface StepResult {
  /** Samples per pixel in the whole film after this step. */
  readonly samples: number;
  /** Every pixel holds `samples` samples (no band pass half done): the film can be shown. */
  readonly presentable: boolean;
}

export class ProgressiveSession {
  /** The film resolved to RGBA8 sRGB by encodeResolve (width × height u32, rows top to bottom). */
  readonly rgba8: GPUBuffer;
  private readonly planner: DispatchPlanner;
  private done = 0;
  /** Rows [0, passRows) of the band pass in progress hold one sample more than the rest. */
  private passRows = 0;
  /** Bumped by restart(): a step in flight across a restart does not count. */
  private epoch = 0;
  private restartedAt = performance.now();
  private lastStepAt = this.restartedAt;
  private readonly watchdog: RenderWatchdog;
  /** The pipeline has run once (compile() or a first step): later steps are timed against the dispatch limit. */
  private compiled = false;

  private constructor(
    private readonly device: GPUDevice,
    private readonly tracer: PathTracer,
    readonly settings: ProgressiveSettings
  ) {
    this.planner = new DispatchPlanner(settings.width, settings.height, settings.targetMs ?? PREVIEW_TARGET_MS);
    this.watchdog = { ...DEFAULT_WATCHDOG, ...settings.watchdog };
    this.rgba8 = device.createBuffer({
      label: 'ProgressiveSession.rgba8',
      size: settings.width * settings.height * 4,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC
    });
  }

  static async create(device: GPUDevice, scene: CompiledScene, settings: ProgressiveSettings): Promise<ProgressiveSession> {
    if (!(Number.isInteger(settings.maxSamples) && settings.maxSamples >= 1)) {
      throw new RangeError(`maxSamples must be an integer >= 1, got ${settings.maxSamples}`);
    }
    return new ProgressiveSession(device, await PathTracer.create(device, scene, settings), settings);
  }

  get width(): number {
    return this.settings.width;
  }

  get height(): number {
    return this.settings.height;
  }

  /** Samples per pixel in the whole film. */
  get samples(): number {
    return this.done;
  }

  get converged(): boolean {
    return this.done >= this.settings.maxSamples;
  }

  /** Samples per pixel per second of wall time since the last restart, up to the last step. */
  get samplesPerSecond(): number {
    const seconds = (this.lastStepAt - this.restartedAt) / 1000;
    return seconds > 0 ? this.done / seconds : 0;
  }

  /**
   * Compiles the kernel now with a dispatch that adds nothing (drivers that compile at the first dispatch pay it
   * here), so that a caller can show something else meanwhile and the first step measures rendering only.
   */
  async compile(): Promise<void> {
    await this.tracer.compile(this.watchdog.compileMs);
    this.compiled = true;
  }

  /** Clears the film (after an edit), optionally moving the camera first. */
  restart(camera?: CameraFrame): void {
    if (camera) this.tracer.setCamera(camera);
    this.tracer.reset();
    this.epoch++;
    this.done = 0;
    this.passRows = 0;
    this.restartedAt = performance.now();
    this.lastStepAt = this.restartedAt;
  }

  /** Submits one bounded dispatch (none once converged) and waits for the GPU to finish it. */
  async step(): Promise<StepResult> {
    if (this.converged) return { samples: this.done, presentable: true };
    const { width, height } = this.settings;
    const epoch = this.epoch;
    const bandRows = this.planner.rowsPerBand();
    let pixelSamples: number;
    let finish: () => void;
    if (bandRows < height || this.passRows > 0) {
      const row = this.passRows;
      const rows = Math.min(bandRows, height - row);
      this.tracer.dispatch(this.done, 1, row, rows);
      pixelSamples = width * rows;
      finish = () => {
        this.passRows = row + rows;
        if (this.passRows >= height) {
          this.passRows = 0;
          this.done += 1;
        }
      };
    } else {
      const k = this.planner.samplesPerDispatch(this.settings.maxSamples - this.done);
      this.tracer.dispatch(this.done, k);
      pixelSamples = width * height * k;
      finish = () => {
        this.done += k;
      };
    }
    const expected = this.planner.expectedMs(pixelSamples);
    const limit = this.compiled ? Math.max(this.watchdog.dispatchMs, 20 * expected) : this.watchdog.compileMs;
    const t0 = performance.now();
    await waitForQueue(this.device, this.compiled ? 'a preview step' : 'the shader compile', limit, expected);
    this.compiled = true;
    const now = performance.now();
    this.planner.record(pixelSamples, now - t0);
    // A restart while this dispatch ran cleared the film after it (queue order): nothing of it remains.
    if (epoch === this.epoch) {
      finish();
      this.lastStepAt = now;
    }
    return { samples: this.done, presentable: this.passRows === 0 };
  }

  /** Records the resolve of the film (mean of the samples so far) into `rgba8`. */
  encodeResolve(encoder: GPUCommandEncoder, resolve: FilmResolve, exposure = 1): void {
    this.tracer.encodeResolve(encoder, resolve, this.rgba8, this.done, exposure);
  }

  /** Sums over the samples so far (tests, snapshots). */
  readFilm(): Promise<FilmReadback> {
    return this.tracer.readFilm();
  }

  destroy(): void {
    this.tracer.destroy();
    this.rgba8.destroy();
  }
}
