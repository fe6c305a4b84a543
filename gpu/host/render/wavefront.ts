// The wavefront integrator (gpu/shaders/integrator/wavefront/): the same paths as the megakernel, run as one
// kernel per stage over queues of paths (Laine, Karras & Aila 2013). One wave is a few consecutive samples of a
// band of pixels (several samples per wave keep the number of dispatches down); each stage's dispatch size comes from the previous stage's queue counter (indirect dispatch), so no
// count is read back. Selected with RenderOptions.integrator = 'wavefront'.
import { compileShader } from '../shader/compile.ts';
import type { ModuleSources } from '../shader/linker.ts';
import { withSegments, type SceneTablesPlan } from './scene-tables.ts';
import { STATE_BINDING, type BindingName, type StateBindingName } from './binding-table.ts';

/** Threads per workgroup of the wavefront kernels: WGSL's WAVEFRONT_GROUP override (integrator/wavefront/queues)
 * is set to it. */
export const GROUP = 64;
/** Bytes of WavefrontPath (integrator/wavefront/queues.wgsl), as the sizes below checked by gpu-sizes.test.ts. */
export const WAVEFRONT_PATH_BYTES = 256;
/** Bytes of QueueControl: the queue indices follow it. */
export const CONTROL_BYTES = 48;
/** Byte offsets of the indirect dispatch sizes in DispatchSizes, and its size. */
export const EXTEND_SIZE = 0;
export const SHADOW_SIZE = 12;
export const DISPATCH_SIZES_BYTES = 24;
/**
 * Paths per wave at most (16 MiB of path state): larger bands are split into several waves. Big enough to fill a
 * large GPU; on lavapipe 2^18 was no faster (measured slower, though that run also suffered the short dispatches
 * that render.ts now lengthens for the wavefront).
 */
export const MAX_WAVE_PATHS = 2 ** 16;
/** Samples per wave at most (with small images, so the state stays small). */
const MAX_WAVE_SAMPLES = 16;

/**
 * The group-0 bindings (binding-table.ts) each kernel reads, so that each pipeline declares only those and stays
 * within 8 storage buffers with the two of group 1 (paths, queues); a split table brings all its segments.
 */
const KERNELS = {
  generate: ['frame'],
  // Traversal reads materials, textures, shading records and the atlas for alpha-tested triangles.
  extend: ['frame', 'primitives', 'bvhNodes', 'materials', 'textures', 'triangleShading', 'atlas'],
  shade: ['frame', 'primitives', 'materials', 'textures', 'illuminants', 'lights', 'triangleShading', 'atlas', 'environmentMap', 'environmentCdf'],
  advance: ['frame', 'film'],
  shadow: ['frame', 'primitives', 'bvhNodes', 'materials', 'textures', 'triangleShading', 'atlas'],
  accumulate: ['frame', 'film']
} as const satisfies Record<string, readonly BindingName[]>;
/** Group 1 (binding-table.ts). Only the advance kernel writes the dispatch sizes; the kernels dispatched with
 * them must not bind them. */
const STATE_BINDINGS = { paths: ['paths', 'queues'], advance: ['queues', 'dispatchSizes'] } as const satisfies Record<string, readonly StateBindingName[]>;
type Kernel = keyof typeof KERNELS;

/** The path tracer's group 0 (integrator/bindings): layout entries and resources, by binding number. */
export interface PathTracerBindings {
  readonly plan: SceneTablesPlan;
  /** The WGSL modules, generated/scene_tables laid out for `plan`. */
  readonly sources: ModuleSources;
  readonly layout: readonly GPUBindGroupLayoutEntry[];
  readonly entries: readonly GPUBindGroupEntry[];
}

interface Stage {
  readonly pipeline: GPUComputePipeline;
  readonly groups: readonly [GPUBindGroup, GPUBindGroup];
}

export class WavefrontIntegrator {
  private constructor(
    private readonly device: GPUDevice,
    private readonly stages: Readonly<Record<Kernel, Stage>>,
    private readonly paths: GPUBuffer,
    private readonly queues: GPUBuffer,
    private readonly sizes: GPUBuffer,
    private readonly capacity: number,
    private readonly width: number,
    private readonly maxDepth: number
  ) {}

  /** Pipelines and state for waves of up to MAX_WAVE_SAMPLES × width × height paths (at most MAX_WAVE_PATHS). */
  static async create(device: GPUDevice, bindings: PathTracerBindings, width: number, height: number, maxDepth: number): Promise<WavefrontIntegrator> {
    const capacity = wavePaths(width, height);
    const paths = device.createBuffer({ label: 'Wavefront.paths', size: capacity * WAVEFRONT_PATH_BYTES, usage: GPUBufferUsage.STORAGE });
    const queues = device.createBuffer({
      label: 'Wavefront.queues',
      size: CONTROL_BYTES + 3 * capacity * 4,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST
    });
    const sizes = device.createBuffer({ label: 'Wavefront.dispatchSizes', size: DISPATCH_SIZES_BYTES, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.INDIRECT | GPUBufferUsage.COPY_DST });
    const state: Record<StateBindingName, GPUBuffer> = { paths, queues, dispatchSizes: sizes };
    const compute = GPUShaderStage.COMPUTE;
    const stateGroup = (names: readonly StateBindingName[]) => {
      const layout = device.createBindGroupLayout({
        label: 'Wavefront.stateLayout',
        entries: names.map((name) => ({ binding: STATE_BINDING[name], visibility: compute, buffer: { type: 'storage' as const } }))
      });
      const entries = names.map((name) => ({ binding: STATE_BINDING[name], resource: { buffer: state[name] } }));
      const group = device.createBindGroup({ label: 'Wavefront.state', layout, entries });
      return { layout, group };
    };
    const pathState = stateGroup(STATE_BINDINGS.paths);
    const advanceState = stateGroup(STATE_BINDINGS.advance);
    const { module } = await compileShader(device, 'integrator/wavefront/kernels', bindings.sources, 'integrator/wavefront/kernels');
    const stage = async (kernel: Kernel): Promise<Stage> => {
      const used = new Set<number>(withSegments(bindings.plan, KERNELS[kernel]));
      const stateBindings = kernel === 'advance' ? advanceState : pathState;
      const sceneLayout = device.createBindGroupLayout({
        label: `Wavefront.${kernel}.sceneLayout`,
        entries: bindings.layout.filter((e) => used.has(e.binding))
      });
      const pipeline = await device.createComputePipelineAsync({
        label: `Wavefront.${kernel}`,
        layout: device.createPipelineLayout({ label: `Wavefront.${kernel}.layout`, bindGroupLayouts: [sceneLayout, stateBindings.layout] }),
        compute: { module, entryPoint: kernel, constants: { WAVEFRONT_GROUP: GROUP } }
      });
      const sceneGroup = device.createBindGroup({
        label: `Wavefront.${kernel}.scene`,
        layout: sceneLayout,
        entries: bindings.entries.filter((e) => used.has(e.binding))
      });
      return { pipeline, groups: [sceneGroup, stateBindings.group] };
    };
    const kernels = Object.keys(KERNELS) as Kernel[];
    const built = await Promise.all(kernels.map(stage));
    const stages = Object.fromEntries(kernels.map((k, i) => [k, built[i]])) as Record<Kernel, Stage>;
    return new WavefrontIntegrator(device, stages, paths, queues, sizes, capacity, width, maxDepth);
  }

  /**
   * Adds samples [sampleOffset, sampleOffset + sampleCount) of rows [row0, row0 + rows) to the film, in waves of
   * as many samples of as many rows as fit; each pixel's samples are summed in sample order, as the megakernel
   * does. The frame uniforms must already be written.
   */
  dispatch(sampleOffset: number, sampleCount: number, row0: number, rows: number): void {
    const bandRows = Math.min(rows, Math.max(1, Math.floor(this.capacity / this.width)));
    const perWave = Math.max(1, Math.floor(this.capacity / (bandRows * this.width)));
    const control = new Uint32Array(CONTROL_BYTES / 4);
    for (let done = 0; done < sampleCount; done += perWave) {
      const samples = Math.min(perWave, sampleCount - done);
      for (let row = row0; row < row0 + rows; row += bandRows) {
        const pixels = Math.min(bandRows, row0 + rows - row) * this.width;
        const n = pixels * samples;
        const groups = Math.ceil(n / GROUP);
        // QueueControl: paths_in, shadows_in, paths_out, shadows_out, parity, wave_paths, pixel_base,
        // sample_index, capacity, wave_pixels, two pads; DispatchSizes: extend, shadow.
        control.set([n, 0, 0, 0, 0, n, row * this.width, sampleOffset + done, this.capacity, pixels, 0, 0]);
        this.device.queue.writeBuffer(this.queues, 0, control);
        this.device.queue.writeBuffer(this.sizes, 0, new Uint32Array([groups, 1, 1, 0, 1, 1]));
        const encoder = this.device.createCommandEncoder({ label: 'Wavefront.wave' });
        const pass = encoder.beginComputePass({ label: 'Wavefront.wave' });
        this.bind(pass, 'generate').dispatchWorkgroups(groups);
        for (let bounce = 0; bounce <= this.maxDepth; bounce++) {
          this.bind(pass, 'extend').dispatchWorkgroupsIndirect(this.sizes, EXTEND_SIZE);
          this.bind(pass, 'shade').dispatchWorkgroupsIndirect(this.sizes, EXTEND_SIZE);
          this.bind(pass, 'advance').dispatchWorkgroups(1);
          this.bind(pass, 'shadow').dispatchWorkgroupsIndirect(this.sizes, SHADOW_SIZE);
        }
        this.bind(pass, 'accumulate').dispatchWorkgroups(Math.ceil(pixels / GROUP));
        pass.end();
        this.device.queue.submit([encoder.finish()]);
      }
    }
  }

  /** Runs every kernel once over an empty wave (each returns at once): the pipelines compile, the film is untouched. */
  compile(): void {
    this.device.queue.writeBuffer(this.queues, 0, new Uint32Array(CONTROL_BYTES / 4));
    this.device.queue.writeBuffer(this.sizes, 0, new Uint32Array([1, 1, 1, 1, 1, 1]));
    const encoder = this.device.createCommandEncoder({ label: 'Wavefront.compile' });
    const pass = encoder.beginComputePass({ label: 'Wavefront.compile' });
    for (const kernel of Object.keys(KERNELS) as Kernel[]) this.bind(pass, kernel).dispatchWorkgroups(1);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
  }

  private bind(pass: GPUComputePassEncoder, kernel: Kernel): GPUComputePassEncoder {
    const { pipeline, groups } = this.stages[kernel];
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, groups[0]);
    pass.setBindGroup(1, groups[1]);
    return pass;
  }

  destroy(): void {
    this.paths.destroy();
    this.queues.destroy();
    this.sizes.destroy();
  }
}

/** Paths per wave for an image: MAX_WAVE_SAMPLES samples of it, at most MAX_WAVE_PATHS (at least one row). */
function wavePaths(width: number, height: number): number {
  return Math.max(width, Math.min(MAX_WAVE_SAMPLES * width * height, MAX_WAVE_PATHS));
}
