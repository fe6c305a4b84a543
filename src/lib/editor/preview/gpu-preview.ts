// The live preview on the visitor's GPU: the workers' path tracer (gpu/host) driven by ProgressiveSession, one
// bounded step at a time from requestAnimationFrame, each presentable film resolved and drawn on a WebGPU
// canvas. show() takes the latest wanted image; a camera move restarts the session in place, other changes
// build a new session (the scene is recompiled only when something besides the camera changed). Failures come
// out as PreviewFailure through onFailure, never as a blank canvas: the last image stays.
import { acquireDevice, type GpuContext } from '../../../../gpu/host/device.ts';
import { FilmPresent } from '../../../../gpu/host/film/present.ts';
import { FilmResolve } from '../../../../gpu/host/film/resolve.ts';
import { CameraError, cameraFrame } from '../../../../gpu/host/render/camera.ts';
import { SceneTooLargeError } from '../../../../gpu/host/render/scene-tables.ts';
import { sceneMeshNotes } from '../../../../gpu/host/mesh/mesh.ts';
import { ProgressiveSession } from '../../../../gpu/host/render/progressive.ts';
import type { RenderMode, SamplerName } from '../../../../gpu/host/render/types.ts';
import { compileScene, SceneCompileError, type CompiledScene } from '../../../../gpu/host/scene/compile.ts';
import { ShaderCompileError } from '../../../../gpu/host/shader/compile.ts';
import type { SceneFile } from '$lib/scene';
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
}

export interface PreviewStats {
  readonly samples: number;
  readonly maxSamples: number;
  readonly samplesPerSecond: number;
  readonly width: number;
  readonly height: number;
}

export type FailureKind = 'device-lost' | 'gpu' | 'shader' | 'scene' | 'scene-too-large' | 'mesh';

export interface PreviewFailure {
  readonly kind: FailureKind;
  readonly message: string;
}

export interface PreviewEvents {
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

/** Wall time of GPU steps started in one animation frame, ms: the GPU stays busy, input and drawing go on. */
const FRAME_BUDGET_MS = 12;

/** Sessions kept per scene: the full-resolution one and the low-resolution one used while the camera moves. */
const SESSIONS_KEPT = 2;

interface SessionEntry {
  readonly session: ProgressiveSession;
  cameraKey: string;
}

export function describeFailure(error: unknown): PreviewFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ShaderCompileError) return { kind: 'shader', message };
  if (error instanceof SceneTooLargeError) return { kind: 'scene-too-large', message };
  if (error instanceof PreviewMeshError) return { kind: 'mesh', message };
  if (error instanceof SceneCompileError || error instanceof CameraError) return { kind: 'scene', message };
  return { kind: 'gpu', message };
}

export class GpuPreview {
  private readonly sessions = new Map<string, SessionEntry>();
  private readonly meshes = new BrowserMeshResolver();
  private compiled: { key: string; scene: Promise<CompiledScene> } | undefined;
  private active: SessionEntry | undefined;
  private wanted: PreviewRequest | undefined;
  private syncing = false;
  /** The session whose step is in flight. */
  private stepping: ProgressiveSession | undefined;
  /** Sessions to destroy once their step in flight is done. */
  private readonly retired: ProgressiveSession[] = [];
  private closed = false;
  private frameHandle = 0;

  private constructor(
    private readonly gpu: GpuContext,
    private readonly context: GPUCanvasContext,
    private readonly resolve: FilmResolve,
    private readonly present: FilmPresent,
    private readonly events: PreviewEvents
  ) {
    gpu.device.lost.then((info) => {
      if (!this.closed) this.fail({ kind: 'device-lost', message: `the GPU device was lost (${info.reason}${info.message ? `: ${info.message}` : ''})` });
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
    try {
      gpu = await acquireDevice();
    } catch (error) {
      throw new NoWebGpuError(`no WebGPU device: ${(error as Error).message}`);
    }
    try {
      const context = canvas.getContext('webgpu');
      if (!context) throw new NoWebGpuError('the canvas has no WebGPU context');
      const format = navigator.gpu.getPreferredCanvasFormat();
      context.configure({ device: gpu.device, format, alphaMode: 'opaque' });
      const [resolve, present] = await Promise.all([FilmResolve.create(gpu.device), FilmPresent.create(gpu.device, format)]);
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
    this.events.onFailure(failure);
  }

  /** The existing session for this request, moved to its camera; false when one must be built first. */
  private restartInPlace(request: PreviewRequest): boolean {
    const entry = this.sessions.get(sessionKey(request));
    if (!entry || this.compiled?.key !== sceneKey(request.scene)) return false;
    const cameraKey = JSON.stringify(request.scene.camera);
    if (entry !== this.active || entry.cameraKey !== cameraKey) {
      try {
        if (entry.cameraKey !== cameraKey) entry.session.restart(cameraFrame(request.scene.camera, request.width / request.height));
      } catch (error) {
        this.fail(describeFailure(error));
        return true;
      }
      entry.cameraKey = cameraKey;
      this.active = entry;
    }
    return true;
  }

  /** Builds what the latest request needs (meshes, compiled scene, session), then makes it active. */
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
      const compiled = this.meshes.resolve(scene).then((meshes) => {
        if (!this.closed) this.events.onMeshNotes?.(sceneMeshNotes(meshes));
        return compileScene(scene, { meshes });
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
    const skey = sessionKey(request);
    if (this.sessions.has(skey)) return;
    const session = await ProgressiveSession.create(this.gpu.device, compiled, {
      width: request.width,
      height: request.height,
      maxDepth: request.maxDepth,
      seed: request.seed >>> 0,
      mode: request.mode,
      sampler: request.sampler,
      camera: cameraFrame(request.scene.camera, request.width / request.height),
      time0: request.scene.time_0,
      time1: request.scene.time_1,
      maxSamples: request.maxSamples
    });
    if (this.closed || this.compiled?.key !== key) {
      session.destroy();
      return;
    }
    const previous = this.active;
    const entry: SessionEntry = { session, cameraKey: JSON.stringify(request.scene.camera) };
    this.sessions.set(skey, entry);
    this.active = entry;
    // The replaced scene's session was only kept for its image.
    if (previous && ![...this.sessions.values()].includes(previous)) this.dispose(previous.session);
    for (const [k, old] of this.sessions) {
      if (this.sessions.size <= SESSIONS_KEPT) break;
      if (old !== entry) {
        this.dispose(old.session);
        this.sessions.delete(k);
      }
    }
  }

  /** Destroys a session now, or after its step in flight. */
  private dispose(session: ProgressiveSession): void {
    if (session === this.stepping) this.retired.push(session);
    else session.destroy();
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
    if (!entry) return;
    this.stepping = entry.session;
    try {
      while (!entry.session.converged && entry === this.active && !this.closed && performance.now() - frameStart < FRAME_BUDGET_MS) {
        const result = await entry.session.step();
        if (this.closed || entry !== this.active) break;
        if (result.presentable) this.presentFilm(entry.session);
        this.events.onStats({
          samples: result.samples,
          maxSamples: entry.session.settings.maxSamples,
          samplesPerSecond: entry.session.samplesPerSecond,
          width: entry.session.width,
          height: entry.session.height
        });
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
    session.encodeResolve(encoder, this.resolve);
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
