// The AOV pass (gpu/shaders/integrator/aov.wgsl, shading in film/aov.wgsl): albedo, normal and depth of the
// first visible surface, for compositors (EXR layers) and denoisers. It runs on a PathTracer's scene, frame
// uniforms and bindings, so it sees the image's scene and camera, and draws the first camera samples of the
// image's own sample streams. Its kernel is compiled only when a pass is created: renders without AOVs pay
// nothing. The output stays on the GPU (AovPass.buffer, for a denoiser) until read(). It is twice the film's
// size, so each band of rows binds only its own range: an image whose film fits one binding has AOVs too.
import { compileShader } from '../shader/compile.ts';
import { waitForGpu, waitForQueue } from './gpu-wait.ts';
import { WORKGROUP_SIZE, type PathTracer } from './path-tracer.ts';
import { formatMiB, SceneTooLargeError, withSegments } from './scene-tables.ts';
import type { BindingName } from './binding-table.ts';
import type { AovImages, AovName, RenderWatchdog } from './types.ts';

/** Bytes of AovPixel (integrator/aov.wgsl): albedo.rgb, depth, normal.xyz, padding, as f32. */
export const AOV_PIXEL_BYTES = 32;
/** Where each AOV starts in AovPixel, in floats. */
export const AOV_FLOAT_OFFSET: Readonly<Record<AovName, number>> = { albedo: 0, depth: 3, normal: 4 };
/** Floats per pixel of each AOV in AovImages. */
export const AOV_CHANNEL_COUNT: Readonly<Record<AovName, number>> = { albedo: 3, normal: 3, depth: 1 };
/**
 * Camera samples per pixel at most: enough to antialias edges for a denoiser or a matte, a small part of the
 * image's own time (one closest hit per sample, no bounces).
 */
export const AOV_MAX_SAMPLES = 16;
/** Pixel samples per dispatch at most: about a second on lavapipe (2 cores), a prompt watchdog everywhere. */
const DISPATCH_PIXEL_SAMPLES = 2 ** 18;
/** Group-0 bindings the kernel reads (traversal, alpha test, materials, textures); not the film or the lights. */
const BINDINGS: readonly BindingName[] = ['frame', 'primitives', 'bvhNodes', 'materials', 'textures', 'illuminants', 'triangleShading', 'atlas'];
const READBACK_LIMIT_MS = 120_000;

/** The AOV output is one buffer: an image too large for it is a clear error, checked before the image renders. */
export function checkAovBuffer(device: GPUDevice, width: number, height: number): void {
  const bytes = width * height * AOV_PIXEL_BYTES;
  if (bytes > device.limits.maxBufferSize) {
    throw new SceneTooLargeError(`the AOVs (image size × ${AOV_PIXEL_BYTES} bytes): ${formatMiB(bytes)}, over this device's ${formatMiB(device.limits.maxBufferSize)} buffer size limit (render a smaller image)`);
  }
}

/** Camera samples the AOVs of an image of `samples` samples per pixel average. */
export function aovSamples(samples: number): number {
  return Math.max(1, Math.min(samples, AOV_MAX_SAMPLES));
}

export class AovPass {
  private constructor(
    private readonly device: GPUDevice,
    private readonly tracer: PathTracer,
    private readonly pipeline: GPUComputePipeline,
    private readonly sceneGroup: GPUBindGroup,
    private readonly outputLayout: GPUBindGroupLayout,
    /** AOV_PIXEL_BYTES per pixel, rows top to bottom: means of the last render(). */
    readonly buffer: GPUBuffer
  ) {}

  /** The pass's pipeline and output for the tracer's scene, camera and image size. */
  static async create(device: GPUDevice, tracer: PathTracer): Promise<AovPass> {
    const { bindings, settings } = tracer;
    checkAovBuffer(device, settings.width, settings.height);
    const used = new Set(withSegments(bindings.plan, BINDINGS));
    const sceneLayout = device.createBindGroupLayout({ label: 'AovPass.sceneLayout', entries: bindings.layout.filter((e) => used.has(e.binding)) });
    const outputLayout = device.createBindGroupLayout({
      label: 'AovPass.outputLayout',
      entries: [{ binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } }]
    });
    const { module } = await compileShader(device, 'integrator/aov', bindings.sources, 'integrator/aov');
    const pipeline = await device.createComputePipelineAsync({
      label: 'AovPass.pipeline',
      layout: device.createPipelineLayout({ label: 'AovPass.pipelineLayout', bindGroupLayouts: [sceneLayout, outputLayout] }),
      compute: { module, entryPoint: 'render', constants: { WORKGROUP_SIZE } }
    });
    const buffer = device.createBuffer({
      label: 'AovPass.output',
      size: settings.width * settings.height * AOV_PIXEL_BYTES,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC
    });
    const sceneGroup = device.createBindGroup({ label: 'AovPass.scene', layout: sceneLayout, entries: bindings.entries.filter((e) => used.has(e.binding)) });
    return new AovPass(device, tracer, pipeline, sceneGroup, outputLayout, buffer);
  }

  /** Rows per dispatch: whole workgroup rows (so that bands start at 256-byte offsets: 8 rows × 32 bytes a pixel),
   * about DISPATCH_PIXEL_SAMPLES of work, their output within one binding. */
  private bandRows(samples: number): number {
    const { width } = this.tracer.settings;
    const fitting = Math.floor(this.device.limits.maxStorageBufferBindingSize / (width * AOV_PIXEL_BYTES));
    const rows = Math.min(Math.max(1, Math.floor(DISPATCH_PIXEL_SAMPLES / (width * samples))), fitting);
    return Math.max(WORKGROUP_SIZE, Math.floor(rows / WORKGROUP_SIZE) * WORKGROUP_SIZE);
  }

  /** Queues samples [0, samples) of rows [row0, row0 + rows) (row0 a multiple of WORKGROUP_SIZE); 0 samples
   * compiles the pipeline and writes nothing. */
  dispatch(samples: number, row0: number, rows: number): void {
    const { width } = this.tracer.settings;
    this.tracer.writeFrame(0, samples, row0);
    const output = this.device.createBindGroup({
      label: 'AovPass.output',
      layout: this.outputLayout,
      entries: [{ binding: 0, resource: { buffer: this.buffer, offset: row0 * width * AOV_PIXEL_BYTES, size: rows * width * AOV_PIXEL_BYTES } }]
    });
    const encoder = this.device.createCommandEncoder({ label: 'AovPass.dispatch' });
    const pass = encoder.beginComputePass({ label: 'AovPass.render' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.sceneGroup);
    pass.setBindGroup(1, output);
    pass.dispatchWorkgroups(Math.ceil(this.tracer.settings.width / WORKGROUP_SIZE), Math.ceil(rows / WORKGROUP_SIZE));
    pass.end();
    this.device.queue.submit([encoder.finish()]);
  }

  /** Fills `buffer` with the AOVs of `samples` camera samples per pixel, in bands of rows each within the watchdog. */
  async render(samples: number, watchdog: RenderWatchdog): Promise<void> {
    const { height } = this.tracer.settings;
    // Drivers that compile at the first dispatch (lavapipe) do it here, under the compile limit.
    this.dispatch(0, 0, Math.min(WORKGROUP_SIZE, height));
    await waitForQueue(this.device, 'the AOV shader compile', watchdog.compileMs, 1000);
    const rowsPerBand = this.bandRows(samples);
    for (let row = 0; row < height; row += rowsPerBand) {
      this.dispatch(samples, row, Math.min(rowsPerBand, height - row));
      await waitForQueue(this.device, 'an AOV dispatch', watchdog.dispatchMs);
    }
  }

  /** The AOVs `names` of the last render() as per-pixel floats (AovImages). */
  async read(names: readonly AovName[], samples: number): Promise<AovImages> {
    const { width, height } = this.tracer.settings;
    const pixels = width * height;
    const read = this.device.createBuffer({ label: 'AovPass.read', size: this.buffer.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const encoder = this.device.createCommandEncoder({ label: 'AovPass.readback' });
    encoder.copyBufferToBuffer(this.buffer, 0, read, 0, this.buffer.size);
    this.device.queue.submit([encoder.finish()]);
    await waitForGpu(read.mapAsync(GPUMapMode.READ), 'the AOV readback', READBACK_LIMIT_MS);
    const data = new Float32Array(read.getMappedRange());
    const stride = AOV_PIXEL_BYTES / 4;
    const images: { -readonly [K in AovName]?: Float32Array } = {};
    for (const name of new Set(names)) {
      const channels = AOV_CHANNEL_COUNT[name];
      const out = new Float32Array(pixels * channels);
      for (let p = 0; p < pixels; p++) {
        for (let c = 0; c < channels; c++) out[p * channels + c] = data[p * stride + AOV_FLOAT_OFFSET[name] + c];
      }
      images[name] = out;
    }
    read.unmap();
    read.destroy();
    return { width, height, samples, ...images };
  }

  destroy(): void {
    this.buffer.destroy();
  }
}

/** Renders the AOVs `names` on a tracer's scene and camera and reads them back. */
export async function renderAovsOn(device: GPUDevice, tracer: PathTracer, names: readonly AovName[], imageSamples: number, watchdog: RenderWatchdog): Promise<AovImages> {
  const pass = await AovPass.create(device, tracer);
  try {
    const samples = aovSamples(imageSamples);
    await pass.render(samples, watchdog);
    return await pass.read(names, samples);
  } finally {
    pass.destroy();
  }
}
