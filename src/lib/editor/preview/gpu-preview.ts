// The live preview on the visitor's GPU: the workers' path tracer (gpu/host) driven by ProgressiveSession, one
// bounded step at a time from requestAnimationFrame, each presentable film resolved and drawn on a WebGPU
// canvas. show() takes the latest wanted image; a camera move restarts the session in place, other changes
// build a new session (the scene is recompiled only when something besides the camera changed). Failures come
// out as PreviewFailure through onFailure, never as a blank canvas: the last image stays.
//
// Kernels are specialised per scene features and view (gpu/host/scene/features.ts), and the path-tracing one
// takes seconds to compile on a CPU adapter (SwiftShader on 2 cores: ~3.6 s for the Cornell box, its normals view
// ~1.6 s). While a path-tracing kernel variant this device has not compiled yet is built in the background, the
// same scene is shown in the normals view as a stand-in, following edits and camera moves; the path tracer takes
// over when its kernel is ready. A variant compiled once is not compiled again (the driver caches its pipeline:
// a new session of it takes ~0.1 s), so edits that keep the scene's features (a colour, a position) go straight
// to a new path-tracing session. The exposure is no part of a session: a change resolves the film on screen
// again with the new scale, keeping its samples.
import { acquireDevice, type GpuContext } from '../../../../gpu/host/device.ts';
import { FilmPresent } from '../../../../gpu/host/film/present.ts';
import { FilmResolve } from '../../../../gpu/host/film/resolve.ts';
import { CameraError, cameraFrame } from '../../../../gpu/host/render/camera.ts';
import { SceneTooLargeError } from '../../../../gpu/host/render/scene-tables.ts';
import { sceneMeshNotes } from '../../../../gpu/host/mesh/mesh.ts';
import { GpuStallError, waitForGpu } from '../../../../gpu/host/render/gpu-wait.ts';
import { kernelVariantKey, ProgressiveSession } from '../../../../gpu/host/render/progressive.ts';
import type { RenderMode, RenderWatchdog, SamplerName } from '../../../../gpu/host/render/types.ts';
import { compileScene, SceneCompileError, type CompiledScene } from '../../../../gpu/host/scene/compile.ts';
import { ShaderCompileError } from '../../../../gpu/host/shader/compile.ts';
import type { SceneFile } from '$lib/scene';
import { EnvironmentImageError } from '../../../../gpu/host/environment/image.ts';
import { BrowserEnvironmentResolver, PreviewEnvironmentError } from './environment.ts';
import { BrowserMeshResolver, PreviewMeshError } from './meshes.ts';

export interface PreviewRequest {
  /** A valid scene, camera included (the canvas' camera while dragging). */
  readonly scene: SceneFile;
  /** Film size of this pass (a fraction of the canvas while the camera moves). */
  readonly width: number;
  readonly height: number;
  readonly mode: RenderMode;
  readonly maxDepth: number;
  readonly seed: number;
  readonly sampler: SamplerName;
  /** Samples per pixel after which the preview stops. */
  readonly maxSamples: number;
  /** Linear film scale before the sRGB curve; a change re-resolves the film without restarting it. */
  readonly exposure: number;
}

export interface PreviewStats {
  /** The view on the canvas. */
  readonly view: RenderMode;
  /** The view is a stand-in (the normals) while the requested path-tracing kernel compiles. */
  readonly standIn: boolean;
  /** A kernel the latest request needs is compiling: the image is a stand-in, or the one before the last edit. */
  readonly compiling: boolean;
  readonly samples: number;
  readonly maxSamples: number;
  readonly samplesPerSecond: number;
  readonly width: number;
  readonly height: number;
}

export type FailureKind = 'device-lost' | 'gpu' | 'shader' | 'scene' | 'scene-too-large' | 'mesh' | 'environment';

export interface PreviewFailure {
  readonly kind: FailureKind;
  readonly message: string;
}

export interface PreviewEvents {
  /** After each step, and when another session takes the canvas. */
  onStats(stats: PreviewStats): void;
  /** A failure, or null when a later request succeeded after a scene failure. */
  onFailure(failure: PreviewFailure | null): void;
  /** Once a scene's meshes have loaded: what their files ask for that the renderer does not do (TriangleMesh.notes). */
  onMeshNotes?(notes: readonly string[]): void;
}

/** Why WebGPU cannot be used here (the preview then falls back to server renders). */
export class NoWebGpuError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoWebGpuError';
  }
}

const marked = new Set<string>();

/**
 * Marks the first time each phase happens on the page's performance timeline (`clovers.preview.<name>`): the
 * start-up, as the devtools and e2e/preview-startup-timings.spec.ts see it.
 */
function mark(name: string): void {
  if (marked.has(name)) return;
  marked.add(name);
  performance.mark(`clovers.preview.${name}`);
}

/** Wall time of GPU steps started in one animation frame, ms: the GPU stays busy, input and drawing go on. */
const FRAME_BUDGET_MS = 12;

/** Sessions kept per scene: the full-resolution one and the low-resolution one used while the camera moves. */
const SESSIONS_KEPT = 2;

/**
 * Samples per pixel of the stand-in normals: one (edges unsmoothed), so that a CPU adapter's cores go back to the
 * path tracer's compile at once (each stand-in sample delays it by about as long as the sample takes).
 */
const STAND_IN_SAMPLES = 1;

/**
 * The preview's watchdog. Kernels compile in seconds on SwiftShader and steps are sized to PREVIEW_TARGET_MS: a GPU
 * that makes no progress for this long is stuck (a hung GPU process), and the panel says so, with Retry, instead
 * of "compiling" forever.
 */
const PREVIEW_WATCHDOG: RenderWatchdog = { compileMs: 180_000, dispatchMs: 30_000 };

/** A path-tracing kernel variant (kernelVariantKey) on this device: compiling in the background, or ready. */
interface Variant {
  ready: boolean;
}

interface SessionEntry {
  readonly session: ProgressiveSession;
  cameraKey: string;
  /** Set on a stand-in: the variant whose compile it stands in for (it is used while that is not ready). */
  readonly standInFor?: Variant;
}

export function describeFailure(error: unknown): PreviewFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ShaderCompileError) return { kind: 'shader', message };
  if (error instanceof SceneTooLargeError) return { kind: 'scene-too-large', message };
  if (error instanceof PreviewMeshError) return { kind: 'mesh', message };
  if (error instanceof PreviewEnvironmentError || error instanceof EnvironmentImageError) return { kind: 'environment', message };
  if (error instanceof SceneCompileError || error instanceof CameraError) return { kind: 'scene', message };
  return { kind: 'gpu', message };
}

export class GpuPreview {
  private readonly sessions = new Map<string, SessionEntry>();
  private readonly meshes = new BrowserMeshResolver();
  private readonly environments = new BrowserEnvironmentResolver();
  /** Path-tracing kernel variants compiled on this device or compiling, by kernelVariantKey. */
  private readonly variants = new Map<string, Variant>();
  /** Kernel variants of every view that a session was built with on this device (the driver has them cached). */
  private readonly kernels = new Set<string>();
  /** A session with a kernel not in `kernels` is being built for the latest request. */
  private compilingKernel = false;
  private compiled: { key: string; scene: Promise<CompiledScene> } | undefined;
  private active: SessionEntry | undefined;
  /** The request being built (sync), and the latest one shown (a variant's compile shows it again when done). */
  private wanted: PreviewRequest | undefined;
  private latest: PreviewRequest | undefined;
  private syncing = false;
  /** The session whose step is in flight. */
  private stepping: ProgressiveSession | undefined;
  /** Sessions to destroy once their step in flight is done. */
  private readonly retired: ProgressiveSession[] = [];
  private closed = false;
  /** The exposure of the latest request, and whether the film on screen was resolved with another one. */
  private exposure = 1;
  private exposureChanged = false;
  /** The session whose film holds whole passes only (its last step was presentable): it can be resolved again. */
  private wholeFilm: ProgressiveSession | undefined;
  /** After a device loss every later error is a consequence of it: the panel keeps saying "device lost". */
  private lost = false;
  private frameHandle = 0;

  private constructor(
    private readonly gpu: GpuContext,
    private readonly context: GPUCanvasContext,
    private readonly resolve: FilmResolve,
    private readonly present: FilmPresent,
    private readonly events: PreviewEvents
  ) {
    gpu.device.lost.then((info) => {
      if (this.closed) return;
      this.fail({ kind: 'device-lost', message: `the GPU device was lost (${info.reason}${info.message ? `: ${info.message}` : ''})` });
      this.lost = true;
    });
    gpu.device.addEventListener('uncapturederror', (event) => {
      // Handled here, shown in the panel (the browser would also log it).
      event.preventDefault();
      if (!this.closed) this.fail({ kind: 'gpu', message: (event as GPUUncapturedErrorEvent).error.message });
    });
    this.frameHandle = requestAnimationFrame(this.frame);
  }

  /** Acquires the device and the canvas; NoWebGpuError when this browser has no usable WebGPU. */
  static async start(canvas: HTMLCanvasElement, events: PreviewEvents): Promise<GpuPreview> {
    if (typeof navigator === 'undefined' || !navigator.gpu) throw new NoWebGpuError('this browser has no WebGPU (navigator.gpu is missing)');
    let gpu: GpuContext;
    mark('start');
    try {
      gpu = await acquireDevice();
      mark('device');
    } catch (error) {
      throw new NoWebGpuError(`no WebGPU device: ${(error as Error).message}`);
    }
    try {
      const context = canvas.getContext('webgpu');
      if (!context) throw new NoWebGpuError('the canvas has no WebGPU context');
      const format = navigator.gpu.getPreferredCanvasFormat();
      context.configure({ device: gpu.device, format, alphaMode: 'opaque' });
      const [resolve, present] = await Promise.all([FilmResolve.create(gpu.device), FilmPresent.create(gpu.device, format)]);
      mark('present-pipelines');
      return new GpuPreview(gpu, context, resolve, present, events);
    } catch (error) {
      gpu.destroy();
      throw error;
    }
  }

  get adapterName(): string {
    return this.gpu.adapterName;
  }

  /** A CPU implementation (SwiftShader, llvmpipe): the preview should start small. */
  get isSoftware(): boolean {
    return this.gpu.isFallbackAdapter || /swiftshader|llvmpipe|software/i.test(this.gpu.adapterName);
  }

  /** Renders this from now on (the latest call wins). A camera-only change restarts at once. */
  show(request: PreviewRequest): void {
    if (this.closed) return;
    this.latest = request;
    if (request.exposure !== this.exposure) {
      this.exposure = request.exposure;
      this.exposureChanged = true;
    }
    if (!this.syncing && this.restartInPlace(request)) {
      this.wanted = undefined;
      return;
    }
    this.wanted = request;
    if (!this.syncing) void this.sync();
  }

  /** Test hook: destroys the device as a driver reset would, to exercise the device-lost path. */
  loseDevice(): void {
    this.gpu.device.destroy();
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    cancelAnimationFrame(this.frameHandle);
    const sessions = new Set([...[...this.sessions.values()].map((e) => e.session), ...this.retired]);
    if (this.active) sessions.add(this.active.session);
    for (const session of sessions) session.destroy();
    this.sessions.clear();
    this.present.destroy();
    this.context.unconfigure();
    this.gpu.destroy();
  }

  private fail(failure: PreviewFailure): void {
    if (!this.lost) this.events.onFailure(failure);
  }

  /** The session for this request: its own, or its stand-in while its kernel compiles. */
  private entryFor(request: PreviewRequest): SessionEntry | undefined {
    const own = this.sessions.get(sessionKey(request));
    if (own || request.mode !== 'path-tracing') return own;
    const standIn = this.sessions.get(standInKey(request));
    return standIn?.standInFor && !standIn.standInFor.ready ? standIn : undefined;
  }

  /** The existing session for this request, moved to its camera; false when one must be built first. */
  private restartInPlace(request: PreviewRequest): boolean {
    const entry = this.entryFor(request);
    if (!entry || this.compiled?.key !== sceneKey(request.scene)) return false;
    const cameraKey = JSON.stringify(request.scene.camera);
    if (entry !== this.active || entry.cameraKey !== cameraKey) {
      try {
        if (entry.cameraKey !== cameraKey) {
          entry.session.restart(cameraFrame(request.scene.camera, request.width / request.height));
          if (this.wholeFilm === entry.session) this.wholeFilm = undefined;
        }
      } catch (error) {
        this.fail(describeFailure(error));
        return true;
      }
      entry.cameraKey = cameraKey;
      this.activate(entry);
    }
    return true;
  }

  /** Gives the canvas to `entry`; the session it replaces is destroyed when no longer kept for reuse. */
  private activate(entry: SessionEntry): void {
    const previous = this.active;
    this.active = entry;
    this.report(entry);
    if (previous && previous !== entry && ![...this.sessions.values()].includes(previous)) this.dispose(previous.session);
  }

  /** Builds what the latest request needs (meshes, environment map, compiled scene, session), then makes it active. */
  private async sync(): Promise<void> {
    this.syncing = true;
    try {
      while (this.wanted && !this.closed) {
        const request = this.wanted;
        try {
          await this.prepare(request);
          if (this.wanted === request) {
            this.restartInPlace(request);
            this.wanted = undefined;
            this.events.onFailure(null);
          }
        } catch (error) {
          if (this.wanted === request) {
            this.wanted = undefined;
            if (!this.closed) this.fail(describeFailure(error));
          }
        }
      }
    } finally {
      this.syncing = false;
    }
  }

  private async prepare(request: PreviewRequest): Promise<void> {
    const key = sceneKey(request.scene);
    if (this.compiled?.key !== key) {
      const scene = request.scene;
      const compiled = Promise.all([this.meshes.resolve(scene), this.environments.resolve(scene)]).then(([meshes, environment]) => {
        if (!this.closed) this.events.onMeshNotes?.(sceneMeshNotes(meshes));
        const compiled = compileScene(scene, { meshes, environment });
        mark('scene-compiled');
        return compiled;
      });
      this.compiled = { key, scene: compiled };
      // Sessions of another scene are stale; the active one keeps its image on screen until replaced.
      for (const [k, entry] of this.sessions) {
        if (entry !== this.active) this.dispose(entry.session);
        this.sessions.delete(k);
      }
      compiled.catch(() => {
        if (this.compiled?.scene === compiled) this.compiled = undefined;
      });
    }
    const compiled = await this.compiled.scene;
    if (this.sessions.has(sessionKey(request))) return;
    if (request.mode === 'path-tracing') {
      const variantKey = kernelVariantKey(this.gpu.device, compiled, request.mode);
      let variant = this.variants.get(variantKey);
      if (!variant?.ready) {
        const fresh = !variant;
        variant ??= { ready: false };
        this.variants.set(variantKey, variant);
        try {
          // The stand-in first: on a CPU adapter the two compiles would share the cores, delaying the first image.
          if (!this.entryFor(request)) await this.addSession(standInKey(request), standInRequest(request), compiled, key, variant);
        } finally {
          if (fresh) this.compileVariant(variantKey, variant, request, compiled, key);
        }
        // (Unless the variant got ready meanwhile: then its session is built now.)
        if (!variant.ready) return;
      }
    }
    await this.addSession(sessionKey(request), request, compiled, key);
  }

  /**
   * Builds a session of a path-tracing kernel variant in the background and compiles it; then the stand-ins of the
   * variant are dropped and the latest request is shown again (with this session when it is still wanted).
   */
  private compileVariant(variantKey: string, variant: Variant, request: PreviewRequest, compiled: CompiledScene, key: string): void {
    void (async () => {
      let session: ProgressiveSession;
      try {
        session = await this.createSession(request, compiled);
        try {
          await session.compile();
        } catch (error) {
          session.destroy();
          throw error;
        }
        mark('compiled:path-tracing');
      } catch (error) {
        // The image on screen stays, with the error; the next request that needs the variant compiles it again.
        this.variants.delete(variantKey);
        this.dropStandIns(variant);
        if (!this.closed && this.compiled?.key === key) this.fail(describeFailure(error));
        return;
      }
      variant.ready = true;
      this.kernels.add(variantKey);
      if (this.closed) {
        session.destroy();
        return;
      }
      this.dropStandIns(variant);
      if (this.compiled?.key === key && !this.sessions.has(sessionKey(request))) {
        this.sessions.set(sessionKey(request), { session, cameraKey: JSON.stringify(request.scene.camera) });
      } else {
        session.destroy();
      }
      if (this.latest) this.show(this.latest);
    })();
  }

  /** Forgets the stand-ins of a variant; the one on screen stays until a session replaces it. */
  private dropStandIns(variant: Variant): void {
    for (const [k, entry] of this.sessions) {
      if (entry.standInFor !== variant) continue;
      this.sessions.delete(k);
      if (entry !== this.active) this.dispose(entry.session);
    }
  }

  /** Creates a session for the request, unless the scene changed meanwhile, and makes it active. */
  private async addSession(skey: string, request: PreviewRequest, compiled: CompiledScene, key: string, standInFor?: Variant): Promise<void> {
    const kernel = kernelVariantKey(this.gpu.device, compiled, request.mode);
    // A kernel met before comes from the driver's cache at once; a new one takes seconds on a CPU adapter: say so.
    this.compilingKernel = !this.kernels.has(kernel);
    if (this.compilingKernel && this.active) this.report(this.active);
    let session: ProgressiveSession;
    try {
      session = await this.createSession(request, compiled);
    } finally {
      this.compilingKernel = false;
    }
    this.kernels.add(kernel);
    mark(`session:${request.mode}`);
    if (this.closed || this.compiled?.key !== key) {
      session.destroy();
      return;
    }
    const entry: SessionEntry = { session, cameraKey: JSON.stringify(request.scene.camera), standInFor };
    this.sessions.set(skey, entry);
    this.activate(entry);
    for (const [k, old] of this.sessions) {
      if (this.sessions.size <= SESSIONS_KEPT) break;
      if (old !== entry) {
        this.dispose(old.session);
        this.sessions.delete(k);
      }
    }
  }

  /** A new session, its pipeline created under the watchdog (a stuck compile fails instead of hanging). */
  private async createSession(request: PreviewRequest, compiled: CompiledScene): Promise<ProgressiveSession> {
    const creating = ProgressiveSession.create(this.gpu.device, compiled, {
      width: request.width,
      height: request.height,
      maxDepth: request.maxDepth,
      seed: request.seed >>> 0,
      mode: request.mode,
      sampler: request.sampler,
      camera: cameraFrame(request.scene.camera, request.width / request.height),
      time0: request.scene.time_0,
      time1: request.scene.time_1,
      maxSamples: request.maxSamples,
      watchdog: PREVIEW_WATCHDOG
    });
    try {
      return await waitForGpu(creating, 'the shader compile', PREVIEW_WATCHDOG.compileMs);
    } catch (error) {
      // The pipeline may still arrive after the watchdog gave up on it.
      if (error instanceof GpuStallError) creating.then((s) => s.destroy(), () => undefined);
      throw error;
    }
  }

  /** Destroys a session now, or after its step in flight. */
  private dispose(session: ProgressiveSession): void {
    if (session === this.stepping) this.retired.push(session);
    else session.destroy();
  }

  private report(entry: SessionEntry): void {
    const { session } = entry;
    this.events.onStats({
      view: session.settings.mode,
      standIn: entry.standInFor !== undefined,
      compiling: entry.standInFor !== undefined || this.compilingKernel,
      samples: session.samples,
      maxSamples: session.settings.maxSamples,
      samplesPerSecond: session.samplesPerSecond,
      width: session.width,
      height: session.height
    });
  }

  /**
   * One animation frame's work: steps of the active session (each sized by its planner to PREVIEW_TARGET_MS of
   * GPU time) until FRAME_BUDGET_MS of wall time have passed, presenting each whole pass.
   */
  private readonly frame = (): void => {
    if (this.closed) return;
    this.frameHandle = requestAnimationFrame(this.frame);
    if (!this.stepping) void this.work(performance.now());
  };

  private async work(frameStart: number): Promise<void> {
    const entry = this.active;
    // No step is in flight here, so the film holds exactly the samples the session counts.
    if (this.exposureChanged && entry) {
      this.exposureChanged = false;
      if (this.wholeFilm === entry.session && entry.session.samples > 0) this.presentFilm(entry.session);
    }
    // A session of a scene since edited stays on screen until replaced, but is not worth the GPU's time.
    if (!entry || ![...this.sessions.values()].includes(entry)) return;
    this.stepping = entry.session;
    try {
      while (!entry.session.converged && entry === this.active && !this.closed && performance.now() - frameStart < FRAME_BUDGET_MS) {
        const result = await entry.session.step();
        if (this.closed || entry !== this.active) break;
        this.wholeFilm = result.presentable ? entry.session : undefined;
        if (result.presentable) {
          this.presentFilm(entry.session);
          mark(`present:${entry.session.settings.mode}`);
        }
        this.report(entry);
      }
    } catch (error) {
      if (!this.closed) this.fail(describeFailure(error));
    } finally {
      this.stepping = undefined;
      for (const session of this.retired.splice(0)) session.destroy();
    }
  }

  private presentFilm(session: ProgressiveSession): void {
    const encoder = this.gpu.device.createCommandEncoder({ label: 'GpuPreview.present' });
    session.encodeResolve(encoder, this.resolve, this.exposure);
    this.present.encode(encoder, session.rgba8, session.width, session.height, this.context.getCurrentTexture());
    this.gpu.device.queue.submit([encoder.finish()]);
  }
}

/** Everything of the scene but the camera: a change here recompiles. */
function sceneKey(scene: SceneFile): string {
  return JSON.stringify({ ...scene, camera: null });
}

/** What a session is built for, besides the camera (which it can move in place). */
function sessionKey(r: PreviewRequest): string {
  return JSON.stringify([r.width, r.height, r.mode, r.maxDepth, r.seed, r.sampler, r.maxSamples, r.scene.time_0, r.scene.time_1]);
}

/** The normals of the same scene and camera, shown while the request's path-tracing kernel compiles. */
function standInRequest(r: PreviewRequest): PreviewRequest {
  return { ...r, mode: 'normal-map', maxSamples: Math.min(r.maxSamples, STAND_IN_SAMPLES) };
}

function standInKey(r: PreviewRequest): string {
  return `stand-in:${sessionKey(standInRequest(r))}`;
}
