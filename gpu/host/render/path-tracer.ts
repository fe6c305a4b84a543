// The path-tracing pipeline: owns the scene buffers, the film, the frame uniforms and the compute pipeline
// of gpu/shaders/integrator/path.wgsl, and records one bounded dispatch at a time (a number of samples over
// a band of rows), so callers can keep each GPU submission short, report progress and cancel between them.
import { compileShader } from '../shader/compile.ts';
import type { ModuleSources } from '../shader/linker.ts';
import { writeStruct, type StructValues } from '../shader/struct-layout.ts';
import { FRAME_RECORD } from '../scene/records.ts';
import { RENDER_MODE_ID, SAMPLER_ID } from '../scene/kinds.ts';
import { sobolColumns } from '../sampling/sobol.ts';
import type { CompiledScene } from '../scene/compile.ts';
import type { CameraFrame } from './camera.ts';
import type { FilmResolve } from '../film/resolve.ts';
import type { IntegratorName, RenderMode, SamplerName } from './types.ts';
import { WavefrontIntegrator, type PathTracerBindings } from './wavefront.ts';
import { checkSmallTables, pathTracerBindGroupEntries, pathTracerLayoutEntries, planForScene, sourcesForScene, uploadScene, type SceneResources } from './bindings.ts';
import { sceneFeatures, type SceneFeatures } from '../scene/features.ts';
import { formatMiB, SceneTooLargeError, type SceneTablesPlan } from './scene-tables.ts';
import { waitForGpu, waitForQueue } from './gpu-wait.ts';

/** Watchdog of a readback (a copy of the film): it waits behind the last dispatch at most. */
const READBACK_LIMIT_MS = 120_000;

/** Side of the megakernels' square workgroups: WGSL's WORKGROUP_SIZE override (integrator/bindings) is set to it. */
export const WORKGROUP_SIZE = 8;

export interface PathTracerSettings {
  readonly width: number;
  readonly height: number;
  readonly maxDepth: number;
  readonly seed: number;
  readonly mode: RenderMode;
  /** Default 'random'. */
  readonly sampler?: SamplerName;
  /** Default 'megakernel'; 'wavefront' applies to the path-tracing mode (debug views use the megakernel). */
  readonly integrator?: IntegratorName;
  readonly camera: CameraFrame;
  readonly time0: number;
  readonly time1: number;
  /** Splits the scene's big tables into bindings of at most this many bytes (default and upper bound: the
   * device's maxStorageBufferBindingSize); tests lower it to split small scenes. */
  readonly maxSegmentBytes?: number;
  /** The features the kernels are compiled for (default: the scene's own; a superset renders the same image). */
  readonly features?: SceneFeatures;
  /** Build no render kernel: the tracer only holds the scene, frame uniforms and bindings for other passes on
   * them (the AOV pass of aov.ts). */
  readonly noKernel?: boolean;
}

export interface FilmReadback {
  /** Sums of XYZ over the samples taken, 3 floats per pixel, rows top to bottom. */
  readonly xyzSum: Float32Array;
  readonly raySegments: number;
  readonly droppedSamples: number;
}

/** The film buffer's header: the render counters (Film in integrator/bindings.wgsl), padded to the storage
 * buffer offset alignment so that the pixels can be bound alone at this offset (the resolve pass). Checked
 * against the WGSL by gpu-sizes.test.ts, as are the sizes below. */
export const FILM_HEADER_BYTES = 256;
/** Bytes of the counters at the start of the header (RenderCounters): rays (low, high word), dropped samples, padding. */
export const COUNTER_BYTES = 16;
/** Bytes of a film pixel (Film.pixels: vec4f). */
export const FILM_PIXEL_BYTES = 16;

/** The film is one binding: an image too large for it is a clear error, not a failure inside WebGPU. */
function checkFilm(device: GPUDevice, settings: PathTracerSettings): void {
  const limit = device.limits.maxStorageBufferBindingSize;
  const bytes = FILM_HEADER_BYTES + settings.width * settings.height * FILM_PIXEL_BYTES;
  if (bytes > limit) {
    throw new SceneTooLargeError(`the film (image size × 16 bytes): ${formatMiB(bytes)}, over this device's ${formatMiB(limit)} storage binding limit (render a smaller image)`);
  }
}

/** The path tracer's megakernel, or for the debug views their own small kernel (compiled in a fraction of the time). */
async function megakernelPipeline(device: GPUDevice, layout: GPUBindGroupLayout, sources: ModuleSources, mode: RenderMode): Promise<GPUComputePipeline> {
  const entry = mode === 'path-tracing' ? 'integrator/path' : 'integrator/views';
  const compiled = await compileShader(device, entry, sources, entry);
  return device.createComputePipelineAsync({
    label: 'PathTracer.pipeline',
    layout: device.createPipelineLayout({ label: 'PathTracer.pipelineLayout', bindGroupLayouts: [layout] }),
    compute: { module: compiled.module, entryPoint: 'render', constants: { WORKGROUP_SIZE } }
  });
}

export class PathTracer {
  private readonly buffers: GPUBuffer[] = [];
  private readonly frame: GPUBuffer;
  private readonly film: GPUBuffer;
  private readonly scene: SceneResources;
  private readonly bindGroup: GPUBindGroup;
  private readonly frameData: ArrayBuffer;
  private readonly frameBase: StructValues;
  /** Runs path-tracing dispatches instead of the megakernel when the settings ask for it. */
  private wavefront?: WavefrontIntegrator;
  /** The group-0 resources and layout, for the passes that bind them too (wavefront kernels, AOV pass). */
  readonly bindings: PathTracerBindings;

  private constructor(
    private readonly device: GPUDevice,
    /** The megakernel; undefined when the wavefront integrator renders instead (not compiled for nothing). */
    private readonly pipeline: GPUComputePipeline | undefined,
    layout: GPUBindGroupLayout,
    scene: CompiledScene,
    plan: SceneTablesPlan,
    readonly settings: PathTracerSettings,
    sources: ModuleSources,
    layoutEntries: readonly GPUBindGroupLayoutEntry[]
  ) {
    const pixels = settings.width * settings.height;
    this.frame = device.createBuffer({
      label: 'PathTracer.frame',
      size: FRAME_RECORD.size,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST
    });
    this.film = device.createBuffer({
      label: 'PathTracer.film',
      size: FILM_HEADER_BYTES + pixels * FILM_PIXEL_BYTES,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST
    });
    this.buffers.push(this.frame, this.film);
    this.scene = uploadScene(device, scene, plan);
    const entries = pathTracerBindGroupEntries(this.frame, this.film, this.scene);
    this.bindGroup = device.createBindGroup({ label: 'PathTracer.bindGroup', layout, entries });
    this.bindings = { plan, sources, layout: layoutEntries, entries };
    const cam = settings.camera;
    this.frameData = new ArrayBuffer(FRAME_RECORD.size);
    this.frameBase = {
      origin: cam.origin,
      lens_radius: cam.lens_radius,
      lower_left: cam.lower_left,
      horizontal: cam.horizontal,
      vertical: cam.vertical,
      cam_u: cam.cam_u,
      cam_v: cam.cam_v,
      time_0: settings.time0,
      time_1: settings.time1,
      width: settings.width,
      height: settings.height,
      seed: settings.seed,
      background: scene.background,
      environment: environmentUniforms(scene),
      max_depth: settings.maxDepth,
      mode: RENDER_MODE_ID[settings.mode],
      emitter_count: scene.emitterCount,
      guide_count: scene.guideCount,
      medium_count: scene.media.length,
      media: scene.media.map((m) => ({ ...m })),
      sampler: SAMPLER_ID[settings.sampler ?? 'random'],
      sobol: sobolColumns().map((dims) => ({ dims }))
    };
    writeStruct(FRAME_RECORD, new DataView(this.frameData), 0, this.frameBase);
  }

  static async create(device: GPUDevice, scene: CompiledScene, settings: PathTracerSettings): Promise<PathTracer> {
    checkFilm(device, settings);
    checkSmallTables(device, scene);
    const plan = planForScene(device, scene, settings.maxSegmentBytes);
    const sources = sourcesForScene(plan, settings.features ?? sceneFeatures(scene), settings.mode);
    const layoutEntries = pathTracerLayoutEntries(plan);
    const layout = device.createBindGroupLayout({ label: 'PathTracer.layout', entries: layoutEntries });
    const wavefront = settings.integrator === 'wavefront' && settings.mode === 'path-tracing' && !settings.noKernel;
    const pipeline = wavefront || settings.noKernel ? undefined : await megakernelPipeline(device, layout, sources, settings.mode);
    const tracer = new PathTracer(device, pipeline, layout, scene, plan, settings, sources, layoutEntries);
    if (wavefront) {
      tracer.wavefront = await WavefrontIntegrator.create(device, tracer.bindings, settings.width, settings.height, settings.maxDepth);
    }
    return tracer;
  }

  /** Moves the camera for the next dispatches (the live preview's orbit); reset() the film with it. */
  setCamera(camera: CameraFrame): void {
    const { origin, lens_radius, lower_left, horizontal, vertical, cam_u, cam_v } = camera;
    writeStruct(FRAME_RECORD, new DataView(this.frameData), 0, { origin, lens_radius, lower_left, horizontal, vertical, cam_u, cam_v });
  }

  /** Clears the film and counters (e.g. after an edit in the live preview). */
  reset(): void {
    const encoder = this.device.createCommandEncoder({ label: 'PathTracer.reset' });
    encoder.clearBuffer(this.film);
    this.device.queue.submit([encoder.finish()]);
  }

  /** Queues the frame uniforms of a dispatch of samples [sampleOffset, sampleOffset + sampleCount) from row row0
   * (read by every kernel on the tracer's bindings). */
  writeFrame(sampleOffset: number, sampleCount: number, row0: number): void {
    writeStruct(FRAME_RECORD, new DataView(this.frameData), 0, { sample_offset: sampleOffset, sample_count: sampleCount, row_offset: row0 });
    this.device.queue.writeBuffer(this.frame, 0, this.frameData);
  }

  /** Adds samples [sampleOffset, sampleOffset + sampleCount) for rows [row0, row0 + rows) to the film. */
  dispatch(sampleOffset: number, sampleCount: number, row0 = 0, rows = this.settings.height): void {
    this.writeFrame(sampleOffset, sampleCount, row0);
    if (!this.pipeline) {
      this.wavefront?.dispatch(sampleOffset, sampleCount, row0, rows);
      return;
    }
    const encoder = this.device.createCommandEncoder({ label: 'PathTracer.dispatch' });
    const pass = encoder.beginComputePass({ label: 'PathTracer.render' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.dispatchWorkgroups(Math.ceil(this.settings.width / WORKGROUP_SIZE), Math.ceil(rows / WORKGROUP_SIZE));
    pass.end();
    this.device.queue.submit([encoder.finish()]);
  }

  /**
   * Compiles the pipelines now, with a dispatch that adds nothing: drivers that compile at the first dispatch (Mesa's
   * lavapipe does) pay it here, so the first timed dispatch measures rendering and a caller can say "compiling".
   */
  async compile(limitMs: number): Promise<void> {
    if (this.pipeline) {
      this.dispatch(0, 0, 0, Math.min(WORKGROUP_SIZE, this.settings.height));
    } else {
      this.wavefront?.compile();
    }
    await waitForQueue(this.device, 'the shader compile', limitMs, 1000);
  }

  /** Replaces the film with sums from a checkpoint (3 floats per pixel). */
  loadFilm(xyzSum: Float32Array): void {
    const pixels = this.settings.width * this.settings.height;
    if (xyzSum.length !== pixels * 3) throw new Error(`checkpoint has ${xyzSum.length / 3} pixels, the film ${pixels}`);
    const film = new Float32Array(pixels * 4);
    for (let i = 0; i < pixels; i++) film.set(xyzSum.subarray(i * 3, i * 3 + 3), i * 4);
    this.device.queue.writeBuffer(this.film, FILM_HEADER_BYTES, film);
  }

  /** Records the resolve of the film (sums over `samples`) into `output`: RGBA8 sRGB per pixel. */
  encodeResolve(encoder: GPUCommandEncoder, resolve: FilmResolve, output: GPUBuffer, samples: number, exposure = 1): void {
    const pixels = this.settings.width * this.settings.height;
    resolve.encode(encoder, { buffer: this.film, offset: FILM_HEADER_BYTES, size: pixels * FILM_PIXEL_BYTES }, output, pixels, samples, exposure);
  }

  /** The film resolved to 8-bit sRGB on the GPU: RGBA8 per pixel (alpha 255), rows top to bottom. */
  async readSrgb8(resolve: FilmResolve, samples: number, exposure = 1): Promise<Uint8Array> {
    const pixels = this.settings.width * this.settings.height;
    const output = this.device.createBuffer({ label: 'PathTracer.srgb8', size: pixels * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    const read = this.device.createBuffer({ label: 'PathTracer.srgb8Read', size: pixels * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const encoder = this.device.createCommandEncoder({ label: 'PathTracer.readSrgb8' });
    this.encodeResolve(encoder, resolve, output, samples, exposure);
    encoder.copyBufferToBuffer(output, 0, read, 0, pixels * 4);
    this.device.queue.submit([encoder.finish()]);
    await waitForGpu(read.mapAsync(GPUMapMode.READ), 'the image readback', READBACK_LIMIT_MS);
    const rgba = new Uint8Array(read.getMappedRange().slice(0));
    read.unmap();
    read.destroy();
    output.destroy();
    return rgba;
  }

  async readFilm(): Promise<FilmReadback> {
    const pixels = this.settings.width * this.settings.height;
    const filmRead = this.device.createBuffer({ label: 'PathTracer.filmRead', size: pixels * FILM_PIXEL_BYTES, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const statsRead = this.device.createBuffer({ label: 'PathTracer.statsRead', size: COUNTER_BYTES, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const encoder = this.device.createCommandEncoder({ label: 'PathTracer.readFilm' });
    encoder.copyBufferToBuffer(this.film, FILM_HEADER_BYTES, filmRead, 0, pixels * FILM_PIXEL_BYTES);
    encoder.copyBufferToBuffer(this.film, 0, statsRead, 0, COUNTER_BYTES);
    this.device.queue.submit([encoder.finish()]);
    await waitForGpu(Promise.all([filmRead.mapAsync(GPUMapMode.READ), statsRead.mapAsync(GPUMapMode.READ)]), 'the film readback', READBACK_LIMIT_MS);
    const film = new Float32Array(filmRead.getMappedRange());
    const xyzSum = new Float32Array(pixels * 3);
    for (let i = 0; i < pixels; i++) {
      xyzSum[i * 3] = film[i * 4];
      xyzSum[i * 3 + 1] = film[i * 4 + 1];
      xyzSum[i * 3 + 2] = film[i * 4 + 2];
    }
    const counters = new Uint32Array(statsRead.getMappedRange().slice(0));
    filmRead.unmap();
    statsRead.unmap();
    filmRead.destroy();
    statsRead.destroy();
    return { xyzSum, raySegments: counters[0] + counters[1] * 2 ** 32, droppedSamples: counters[2] };
  }

  destroy(): void {
    for (const b of this.buffers) b.destroy();
    this.scene.destroy();
    this.wavefront?.destroy();
  }
}


/** FrameUniforms.environment of a compiled scene (all zero without an environment). */
function environmentUniforms(scene: CompiledScene): StructValues {
  const env = scene.environment;
  if (!env) return {};
  return {
    rotation: [Math.cos(env.rotation), Math.sin(env.rotation)],
    radiance_scale: env.radianceScale,
    light_probability: scene.environmentLightProbability,
    size: [env.width, env.height],
    cells: [env.distribution.width, env.distribution.height]
  };
}
