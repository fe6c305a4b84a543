// Host of the spatial edge-avoiding à-trous denoiser (gpu/shaders/film/denoise.wgsl; Dammertz et al. 2010,
// "Edge-Avoiding À-Trous Wavelet Transform for fast Global Illumination Filtering"; Schied et al. 2017,
// "Spatiotemporal Variance-Guided Filtering", spatial part). Runs on any GPUDevice (browser or Dawn in Node):
// denoise() takes and returns host arrays; encode() and denoiseBuffers() read the caller's GPU buffers through
// strided views (an interleaved AOV buffer, a film of sums) so that a preview keeps everything on the GPU.
//
// Guarantees: a constant image (colour and albedo) stays constant; at zero variance a noiseless image is
// returned unchanged (within float error); albedo edges are as sharp as the albedo input (the colour is divided
// by it before filtering and multiplied back after). Outputs are never NaN or negative: a pixel with a
// non-finite colour channel becomes 0; a miss (depth not finite, ≤ 0 or > 1e30) or a colour beyond 1e12 is
// returned as it is (negative channels → 0); negative channels of other pixels are taken as 0. None of these
// pixels is any other pixel's neighbour.
import { compileShader } from '../shader/compile.ts';
import { shaderSources } from '../shader/sources.ts';
import { waitForGpu } from '../render/gpu-wait.ts';

export interface DenoiseOptions {
  /** À-trous levels (steps 1, 2, 4, …); 0 only demodulates and remodulates. Default 5 (SVGF). */
  readonly iterations?: number;
  /** σ_l of the luminance edge-stop, in standard deviations of the prefiltered variance. Default 4 (SVGF). */
  readonly sigmaLuminance?: number;
  /** Exponent σ_n of the normal edge-stop max(0, n_p·n_q)^σ_n. Default 128 (SVGF). */
  readonly sigmaNormal?: number;
  /** σ_z of the depth edge-stop, in units of the depth difference the local gradient predicts. Default 1 (SVGF). */
  readonly sigmaDepth?: number;
  /** Relative depth difference tolerated on top of the gradient's prediction (curved, grazing surfaces). Default 0.01. */
  readonly depthRelative?: number;
  /** Floor of the albedo the colour is divided by (dark and black albedos). Default 0.01. */
  readonly albedoEpsilon?: number;
  /**
   * Weights of the colour channels in "luminance": the quantity whose variance `variance` gives. Default equal
   * weights (any linear space); [0, 1, 0] for XYZ's Y, [0.2126, 0.7152, 0.0722] for linear Rec.709's.
   */
  readonly luminanceWeights?: readonly [number, number, number];
}

/** An image for denoise(): row-major, rows top to bottom, `width × height` pixels. */
export interface DenoiseInput {
  readonly width: number;
  readonly height: number;
  /** 3 floats per pixel: the pixel's mean radiance in any linear space (the filter treats channels alike). */
  readonly colour: Float32Array;
  /** 3 floats per pixel: first-hit albedo in [0, 1], in the colour's space. */
  readonly albedo: Float32Array;
  /** 3 floats per pixel: first-hit world normal (unit; 0 for misses). */
  readonly normal: Float32Array;
  /** 1 float per pixel: distance to the first hit; +Infinity for misses (such pixels are left as they are). */
  readonly depth: Float32Array;
  /**
   * 1 float per pixel: variance of the pixel's luminance estimate (per-sample variance / samples), luminance as
   * luminanceWeights define it. Absent: estimated from each pixel's 7×7 neighbourhood.
   */
  readonly variance?: Float32Array;
}

/** Floats of a GPU buffer, pixel p's first channel at `offset + p × stride` (both in floats). */
export interface BufferView {
  readonly buffer: GPUBuffer;
  /** Default 0. */
  readonly offset?: number;
  /** Default the channel count (3, or 1 for depth and variance). */
  readonly stride?: number;
}

/** DenoiseInput on the GPU (buffers need STORAGE usage); the same meaning per channel. */
export interface DenoiseBuffers {
  readonly width: number;
  readonly height: number;
  readonly colour: BufferView;
  /** Multiplies the colour as read (1 / samples for a film of sums). Default 1. */
  readonly colourScale?: number;
  readonly albedo: BufferView;
  readonly normal: BufferView;
  readonly depth: BufferView;
  readonly variance?: BufferView;
  /** Multiplies the variance as read. Default 1. */
  readonly varianceScale?: number;
}

export interface Denoiser {
  /** Denoises a host image: 3 floats per pixel, never NaN or negative. */
  denoise(input: DenoiseInput, options?: DenoiseOptions): Promise<Float32Array>;
  /** Queues the denoise of GPU buffers; returns a new buffer (3 floats per pixel, STORAGE | COPY_SRC | COPY_DST)
   * that the caller owns and destroys. */
  denoiseBuffers(input: DenoiseBuffers, options?: DenoiseOptions): GPUBuffer;
  /** Records the denoise into `encoder`, writing 3 floats per pixel to `output` (a STORAGE buffer that is none of
   * the inputs; with a stride of 4 the fourth float is left alone). Submit before encoding a larger image. */
  encode(encoder: GPUCommandEncoder, input: DenoiseBuffers, output: BufferView, options?: DenoiseOptions): void;
  /** Frees its GPU buffers (scratch, parameters); buffers returned by denoiseBuffers() stay the caller's. */
  destroy(): void;
}

const MODULE = 'film/denoise';
const WORKGROUP = 8;
/** Bytes of DenoiseParams (film/denoise.wgsl; the packing in record() follows its field order). */
export const DENOISE_PARAMS_BYTES = 112;
const READBACK_LIMIT_MS = 120_000;
const MAX_ITERATIONS = 12;

const DEFAULTS = {
  iterations: 5,
  sigmaLuminance: 4,
  sigmaNormal: 128,
  sigmaDepth: 1,
  depthRelative: 0.01,
  albedoEpsilon: 0.01,
  luminanceWeights: [1 / 3, 1 / 3, 1 / 3] as readonly [number, number, number]
};

type Resolved = typeof DEFAULTS;

function resolveOptions(options: DenoiseOptions = {}): Resolved {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Resolved;
  if (!Number.isInteger(o.iterations) || o.iterations < 0 || o.iterations > MAX_ITERATIONS) {
    throw new RangeError(`denoise: iterations must be an integer in [0, ${MAX_ITERATIONS}], not ${o.iterations}`);
  }
  for (const key of ['sigmaLuminance', 'sigmaNormal', 'sigmaDepth', 'depthRelative'] as const) {
    if (!Number.isFinite(o[key]) || o[key] < 0) throw new RangeError(`denoise: ${key} must be finite and ≥ 0, not ${o[key]}`);
  }
  // Below 1e-6 the demodulated colour could overflow the variance sums (MAX_RADIANCE in the WGSL).
  if (!Number.isFinite(o.albedoEpsilon) || o.albedoEpsilon < 1e-6 || o.albedoEpsilon > 1) {
    throw new RangeError(`denoise: albedoEpsilon must be in [1e-6, 1], not ${o.albedoEpsilon}`);
  }
  const w = o.luminanceWeights;
  if (w.length !== 3 || w.some((v) => !Number.isFinite(v) || v < 0) || w[0] + w[1] + w[2] <= 0) {
    throw new RangeError(`denoise: luminanceWeights must be 3 finite weights ≥ 0 with a positive sum, not [${w.join(', ')}]`);
  }
  return o;
}

interface ResolvedView {
  readonly buffer: GPUBuffer;
  readonly offset: number;
  readonly stride: number;
  /** Bytes from the buffer's start that the view reaches. */
  readonly bytes: number;
}

function resolveView(name: string, view: BufferView, channels: number, pixels: number, limit: number): ResolvedView {
  const offset = view.offset ?? 0;
  const stride = view.stride ?? channels;
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(stride) || stride < channels) {
    throw new RangeError(`denoise: the ${name} view needs an integer offset ≥ 0 and stride ≥ ${channels} (floats), not ${offset}, ${stride}`);
  }
  const bytes = (offset + (pixels - 1) * stride + channels) * 4;
  if (bytes > view.buffer.size) {
    throw new RangeError(`denoise: the ${name} view reaches byte ${bytes}, past its buffer's ${view.buffer.size}`);
  }
  if (bytes > limit) {
    throw new RangeError(`denoise: the ${name} view spans ${bytes} bytes, over this device's storage binding limit of ${limit}`);
  }
  return { buffer: view.buffer, offset, stride, bytes };
}

/** Checks the image size against the largest buffer the denoiser allocates (a vec4f scratch per pixel). */
function checkSize(device: GPUDevice, width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`denoise: width and height must be integers ≥ 0, not ${width} × ${height}`);
  }
  const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  if (width * height * 16 > limit) {
    throw new RangeError(`denoise: ${width} × ${height} needs ${width * height * 16} bytes per scratch buffer, over this device's limit of ${limit}`);
  }
}

const ENTRY_POINTS = ['denoise_prepare', 'denoise_variance', 'denoise_atrous', 'denoise_finish'] as const;
type EntryPoint = (typeof ENTRY_POINTS)[number];

class AtrousDenoiser implements Denoiser {
  private params: { bytes: Uint8Array; buffer: GPUBuffer } | undefined;
  private scratch: { pixels: number; illum: [GPUBuffer, GPUBuffer]; guide: GPUBuffer; gradient: GPUBuffer } | undefined;
  /** Bound in place of an absent variance input (the kernel does not read it then). */
  private readonly placeholder: GPUBuffer;

  constructor(
    private readonly device: GPUDevice,
    private readonly pipelines: Readonly<Record<EntryPoint, GPUComputePipeline>>
  ) {
    this.placeholder = device.createBuffer({ label: 'Denoiser.placeholder', size: 16, usage: GPUBufferUsage.STORAGE });
  }

  async denoise(input: DenoiseInput, options?: DenoiseOptions): Promise<Float32Array> {
    const { width, height } = input;
    checkSize(this.device, width, height);
    const pixels = width * height;
    const arrays: [string, Float32Array | undefined, number][] = [
      ['colour', input.colour, 3],
      ['albedo', input.albedo, 3],
      ['normal', input.normal, 3],
      ['depth', input.depth, 1],
      ['variance', input.variance, 1]
    ];
    for (const [name, data, channels] of arrays) {
      if (data && data.length !== pixels * channels) {
        throw new RangeError(`denoise: ${name} has ${data.length} floats, not ${pixels * channels} (${width} × ${height} × ${channels})`);
      }
    }
    const resolved = resolveOptions(options);
    if (pixels === 0) return new Float32Array(0);
    const owned: GPUBuffer[] = [];
    const upload = (name: string, data: Float32Array): BufferView => {
      const buffer = this.device.createBuffer({
        label: `Denoiser.${name}`,
        size: Math.max(16, Math.ceil(data.byteLength / 16) * 16),
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST
      });
      this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
      owned.push(buffer);
      return { buffer };
    };
    try {
      const output = this.device.createBuffer({ label: 'Denoiser.output', size: pixels * 12, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
      const read = this.device.createBuffer({ label: 'Denoiser.read', size: pixels * 12, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      owned.push(output, read);
      const buffers: DenoiseBuffers = {
        width,
        height,
        colour: upload('colour', input.colour),
        albedo: upload('albedo', input.albedo),
        normal: upload('normal', input.normal),
        depth: upload('depth', input.depth),
        variance: input.variance && upload('variance', input.variance)
      };
      const encoder = this.device.createCommandEncoder({ label: 'Denoiser.denoise' });
      this.record(encoder, buffers, { buffer: output }, resolved);
      encoder.copyBufferToBuffer(output, 0, read, 0, pixels * 12);
      this.device.queue.submit([encoder.finish()]);
      await waitForGpu(read.mapAsync(GPUMapMode.READ), 'the denoiser readback', READBACK_LIMIT_MS);
      const result = new Float32Array(read.getMappedRange().slice(0));
      read.unmap();
      return result;
    } finally {
      for (const b of owned) b.destroy();
    }
  }

  denoiseBuffers(input: DenoiseBuffers, options?: DenoiseOptions): GPUBuffer {
    checkSize(this.device, input.width, input.height);
    const output = this.device.createBuffer({
      label: 'Denoiser.denoiseBuffers',
      size: Math.max(16, input.width * input.height * 12),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST
    });
    const encoder = this.device.createCommandEncoder({ label: 'Denoiser.denoiseBuffers' });
    this.encode(encoder, input, { buffer: output }, options);
    this.device.queue.submit([encoder.finish()]);
    return output;
  }

  encode(encoder: GPUCommandEncoder, input: DenoiseBuffers, output: BufferView, options?: DenoiseOptions): void {
    this.record(encoder, input, output, resolveOptions(options));
  }

  destroy(): void {
    this.placeholder.destroy();
    this.params?.buffer.destroy();
    this.params = undefined;
    this.dropScratch();
  }

  private dropScratch(): void {
    if (!this.scratch) return;
    for (const b of [...this.scratch.illum, this.scratch.guide, this.scratch.gradient]) b.destroy();
    this.scratch = undefined;
  }

  /** Scratch for `pixels`, kept between calls (a preview denoises every frame at one size). */
  private scratchFor(pixels: number) {
    if (this.scratch && this.scratch.pixels >= pixels) return this.scratch;
    this.dropScratch();
    const make = (label: string, bytes: number) =>
      this.device.createBuffer({ label: `Denoiser.${label}`, size: Math.max(16, pixels * bytes), usage: GPUBufferUsage.STORAGE });
    this.scratch = { pixels, illum: [make('illumA', 16), make('illumB', 16)], guide: make('guide', 16), gradient: make('gradient', 8) };
    return this.scratch;
  }

  /** Records every pass. */
  private record(encoder: GPUCommandEncoder, input: DenoiseBuffers, outputView: BufferView, o: Resolved): void {
    const { width, height } = input;
    checkSize(this.device, width, height);
    const pixels = width * height;
    const limit = this.device.limits.maxStorageBufferBindingSize;
    const colourScale = input.colourScale ?? 1;
    const varianceScale = input.varianceScale ?? 1;
    if (!Number.isFinite(colourScale) || colourScale <= 0 || !Number.isFinite(varianceScale) || varianceScale < 0) {
      throw new RangeError(`denoise: colourScale must be finite and > 0, varianceScale finite and ≥ 0 (${colourScale}, ${varianceScale})`);
    }
    if (pixels === 0) return;

    const colour = resolveView('colour', input.colour, 3, pixels, limit);
    const albedo = resolveView('albedo', input.albedo, 3, pixels, limit);
    const normal = resolveView('normal', input.normal, 3, pixels, limit);
    const depth = resolveView('depth', input.depth, 1, pixels, limit);
    const variance = input.variance && resolveView('variance', input.variance, 1, pixels, limit);
    const output = resolveView('output', outputView, 3, pixels, limit);
    const inputs = [colour, albedo, normal, depth, variance];
    if (inputs.some((v) => v?.buffer === output.buffer)) throw new RangeError('denoise: the output buffer must not be one of the inputs');

    // One DenoiseParams per à-trous level (they differ in the step), each at a uniform offset alignment.
    const slotBytes = Math.ceil(DENOISE_PARAMS_BYTES / this.device.limits.minUniformBufferOffsetAlignment) * this.device.limits.minUniformBufferOffsetAlignment;
    const levels = Math.max(1, o.iterations);
    // Normalised weights, so that luminances stay within the colour's range; the variance scales with them.
    const w = o.luminanceWeights;
    const sum = w[0] + w[1] + w[2];
    const data = new ArrayBuffer(slotBytes * levels);
    for (let level = 0; level < levels; level++) {
      const f = new Float32Array(data, level * slotBytes, DENOISE_PARAMS_BYTES / 4);
      const u = new Uint32Array(data, level * slotBytes, DENOISE_PARAMS_BYTES / 4);
      f.set([w[0] / sum, w[1] / sum, w[2] / sum, 0], 0);
      f.set([colourScale, varianceScale / (sum * sum), o.sigmaLuminance, o.sigmaNormal, o.sigmaDepth, o.depthRelative, o.albedoEpsilon], 4);
      u[11] = 2 ** level;
      u.set([width, height, variance ? 1 : 0, 0], 12);
      [colour, albedo, normal, depth, variance, output].forEach((v, i) => u.set(v ? [v.offset, v.stride] : [0, 1], 16 + 2 * i));
    }
    const params = this.paramsBuffer(data);
    const paramsAt = (level: number): GPUBufferBinding => ({ buffer: params, offset: level * slotBytes, size: DENOISE_PARAMS_BYTES });

    const scratch = this.scratchFor(pixels);
    const whole = (buffer: GPUBuffer, bytes = pixels * 16): GPUBufferBinding => ({ buffer, offset: 0, size: bytes });
    const view = (v: ResolvedView): GPUBufferBinding => ({ buffer: v.buffer, offset: 0, size: Math.ceil(v.bytes / 4) * 4 });
    const groups = (x: number, y: number) => [Math.ceil(x / WORKGROUP), Math.ceil(y / WORKGROUP)] as const;
    const [gx, gy] = groups(width, height);
    const pass = (entry: EntryPoint, resources: Record<number, GPUBufferBinding>, label: string) => {
      const pipeline = this.pipelines[entry];
      const bindGroup = this.device.createBindGroup({
        label: `Denoiser.${label}`,
        layout: pipeline.getBindGroupLayout(0),
        entries: Object.entries(resources).map(([binding, resource]) => ({ binding: Number(binding), resource }))
      });
      const p = encoder.beginComputePass({ label: `Denoiser.${label}` });
      p.setPipeline(pipeline);
      p.setBindGroup(0, bindGroup);
      p.dispatchWorkgroups(gx, gy);
      p.end();
    };

    const [a, b] = scratch.illum;
    const guide = whole(scratch.guide);
    const gradient = whole(scratch.gradient, pixels * 8);
    pass(
      'denoise_prepare',
      {
        0: paramsAt(0),
        1: view(colour),
        2: view(albedo),
        3: view(normal),
        4: view(depth),
        5: variance ? view(variance) : { buffer: this.placeholder },
        9: guide,
        11: whole(a)
      },
      'prepare'
    );
    pass('denoise_variance', { 0: paramsAt(0), 6: guide, 8: whole(a), 10: gradient, 11: whole(b) }, 'variance');
    let source = b;
    let target = a;
    for (let level = 0; level < o.iterations; level++) {
      pass('denoise_atrous', { 0: paramsAt(level), 6: guide, 7: gradient, 8: whole(source), 11: whole(target) }, `atrous${level}`);
      [source, target] = [target, source];
    }
    pass('denoise_finish', { 0: paramsAt(0), 1: view(colour), 2: view(albedo), 6: guide, 8: whole(source), 12: view(output) }, 'finish');
  }

  /**
   * The uniform buffer holding `data`. A preview denoises with the same parameters every frame: the last buffer is
   * reused while they stay the same. Changed parameters get a new buffer, since work recorded but not yet
   * submitted may still read the old one (it is left to the garbage collector).
   */
  private paramsBuffer(data: ArrayBuffer): GPUBuffer {
    const bytes = new Uint8Array(data);
    const last = this.params;
    if (last && last.bytes.length === bytes.length && last.bytes.every((b, i) => b === bytes[i])) return last.buffer;
    const buffer = this.device.createBuffer({ label: 'Denoiser.params', size: data.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.device.queue.writeBuffer(buffer, 0, data);
    this.params = { bytes, buffer };
    return buffer;
  }
}

/** Compiles the denoiser's kernels for `device`. */
export async function createDenoiser(device: GPUDevice): Promise<Denoiser> {
  const { module } = await compileShader(device, MODULE, shaderSources());
  const entries = await Promise.all(
    ENTRY_POINTS.map(async (entryPoint) => [entryPoint, await device.createComputePipelineAsync({ label: `Denoiser.${entryPoint}`, layout: 'auto', compute: { module, entryPoint } })] as const)
  );
  return new AtrousDenoiser(device, Object.fromEntries(entries) as Record<EntryPoint, GPUComputePipeline>);
}
