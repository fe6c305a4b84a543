// Public contract of the renderer, shared by the CLI, the batch worker and the browser preview.
import type { SceneFeatures } from '../scene/features.ts';

export const RENDER_MODES = ['path-tracing', 'normal-map', 'bvh-test-count', 'primitive-test-count'] as const;
export type RenderMode = (typeof RENDER_MODES)[number];

/**
 * Arbitrary output variables of the first visible surface (gpu/host/render/aov.ts), for compositors and
 * denoisers: albedo (linear Rec.709 RGB in [0, 1]), world-space shading normal facing the camera, depth (distance
 * from the camera along the ray; +∞ where nothing is hit).
 */
export const AOV_NAMES = ['albedo', 'normal', 'depth'] as const;
export type AovName = (typeof AOV_NAMES)[number];
/** Channels of each AOV's EXR layer (`albedo.R`, …, `depth.Z`: the names compositors and denoisers look for). */
export const AOV_CHANNELS: Readonly<Record<AovName, readonly string[]>> = { albedo: ['R', 'G', 'B'], normal: ['X', 'Y', 'Z'], depth: ['Z'] };

/** Independent uniform random numbers, Owen-scrambled Sobol points (lower error at equal sample counts), or Sobol
 * points whose error is spread as blue noise over the image (gpu/shaders/sampling/blue_noise.wgsl). */
export const SAMPLERS = ['random', 'sobol', 'blue'] as const;
export type SamplerName = (typeof SAMPLERS)[number];

/**
 * How paths are scheduled on the GPU: one kernel running each path to its end, or a wavefront of kernels per
 * stage over queues of paths (same image; which is faster depends on the device).
 */
export const INTEGRATORS = ['megakernel', 'wavefront'] as const;
export type IntegratorName = (typeof INTEGRATORS)[number];

export interface RenderOptions {
  readonly width: number;
  readonly height: number;
  /** Samples per pixel. */
  readonly samples: number;
  /** Bounce limit: up to maxDepth + 1 surface interactions per path (the reference's semantics). */
  readonly maxDepth: number;
  readonly seed: number;
  readonly mode: RenderMode;
  readonly sampler: SamplerName;
  /** Linear scale of the film applied before the sRGB curve in 8-bit output (PNG, preview); the raw film (EXR,
   * checkpoints) is never scaled. Positive; default 1. */
  readonly exposure?: number;
  /** Default 'megakernel'. */
  readonly integrator?: IntegratorName;
  /** First sample index (for sample-range chunks of one render); default 0. */
  readonly sampleOffset?: number;
  /** Target wall time of one GPU dispatch; samples per dispatch adapt to it. Default 250 ms (wavefront 1 s). */
  readonly targetDispatchMs?: number;
  /** Continue from a checkpoint of the same scene and options instead of starting from zero. */
  readonly resume?: RenderCheckpoint;
  /** Largest binding for the scene's primitives, BVH nodes and shading records (default and upper bound: the
   * device's limit); tables above it are split across bindings. Tests lower it to split small scenes. */
  readonly maxSegmentBytes?: number;
  /** The features the kernels are compiled for (default: the scene's own, gpu/host/scene/features.ts); tests
   * compare a scene's specialised kernel with the kernel that has every feature. */
  readonly features?: SceneFeatures;
  /** Time limits of the GPU steps (render.ts DEFAULT_WATCHDOG); a step over its limit fails with GpuStallError. */
  readonly watchdog?: Partial<RenderWatchdog>;
  /** AOVs to render after the image (RenderResult.aov); none by default, and then nothing extra is compiled. */
  readonly aov?: readonly AovName[];
}

export interface RenderWatchdog {
  /** The shader compile (pipelines created and compiled by their first dispatch). */
  readonly compileMs: number;
  /** One dispatch, at least (the limit is 20 times the dispatch's expected time when that is longer). */
  readonly dispatchMs: number;
}

/** What a render is doing: compiling its shaders (seconds to a minute on a cold CPU adapter), then rendering. */
export type RenderPhase = 'compiling' | 'rendering';

/**
 * The film of a render in progress: sums (not means) of XYZ per pixel over samples
 * [sampleOffset, sampleOffset + samplesDone). Resuming from it gives bit-identical results to a render that
 * never stopped.
 */
export interface RenderCheckpoint {
  readonly samplesDone: number;
  /** 3 floats per pixel, rows top to bottom. */
  readonly xyzSum: Float32Array;
}

export interface RenderProgress {
  readonly samplesDone: number;
  readonly samplesTotal: number;
  readonly elapsedMs: number;
  /** Pixel samples per second over the render so far. */
  readonly pixelSamplesPerSecond: number;
  readonly etaMs: number;
}

export interface RenderStats {
  /** Wall time of the rendering, from the first dispatch on (the shader compile is compileMs). */
  readonly elapsedMs: number;
  /** Wall time of pipeline compilation before the first dispatch. */
  readonly compileMs: number;
  readonly dispatches: number;
  /** Ray segments traced (camera, bounce and shadow rays). */
  readonly raySegments: number;
  /** Non-finite or negative radiance samples dropped before they reached the film. */
  readonly droppedSamples: number;
}

export interface RenderResult {
  readonly width: number;
  readonly height: number;
  /** Samples per pixel actually accumulated (less than requested when cancelled). */
  readonly samples: number;
  /** Mean CIE XYZ (white E) per pixel, 3 floats per pixel, rows top to bottom. */
  readonly xyz: Float32Array;
  readonly stats: RenderStats;
  readonly adapter: string;
  readonly cancelled: boolean;
  /** The AOVs RenderOptions.aov asked for; absent when none were, or when the render was cancelled. */
  readonly aov?: AovImages;
}

/** AOV images (aov.ts): the ones asked for, rows top to bottom. */
export interface AovImages {
  readonly width: number;
  readonly height: number;
  /** Camera samples per pixel that albedo and normal are the means of. */
  readonly samples: number;
  /** 3 floats per pixel: linear Rec.709 R, G, B in [0, 1]; 0 where the samples miss. */
  readonly albedo?: Float32Array;
  /** 3 floats per pixel: the mean of unit world-space normals facing the camera (shorter where samples see
   * different surfaces or miss); 0 where every sample misses. */
  readonly normal?: Float32Array;
  /** 1 float per pixel: distance along the pixel centre's ray; +Infinity where it hits nothing. */
  readonly depth?: Float32Array;
}

export interface RenderControl {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RenderProgress) => void;
  /** Called when the render starts compiling its shaders and when it starts rendering. */
  readonly onPhase?: (phase: RenderPhase) => void;
  /** Called about every checkpointIntervalMs with the film so far (awaited before rendering goes on). */
  readonly onCheckpoint?: (checkpoint: RenderCheckpoint) => void | Promise<void>;
  readonly checkpointIntervalMs?: number;
}
