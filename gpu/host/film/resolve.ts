// Pipeline of gpu/shaders/film/resolve.wgsl: turns a film of XYZ sums into RGBA8 sRGB on the GPU (the live
// preview's canvas, and PNG readback without a host-side conversion pass).
import { compileShader } from '../shader/compile.ts';
import { shaderSources } from '../shader/sources.ts';

export class FilmResolve {
  private constructor(
    private readonly device: GPUDevice,
    private readonly pipeline: GPUComputePipeline,
    private readonly layout: GPUBindGroupLayout
  ) {}

  static async create(device: GPUDevice): Promise<FilmResolve> {
    const layout = device.createBindGroupLayout({
      label: 'FilmResolve.layout',
      entries: [
        { binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } },
        { binding: 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'read-only-storage' } },
        { binding: 2, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } }
      ]
    });
    const compiled = await compileShader(device, 'film/resolve', shaderSources());
    const pipeline = await device.createComputePipelineAsync({
      label: 'FilmResolve.pipeline',
      layout: device.createPipelineLayout({ label: 'FilmResolve.pipelineLayout', bindGroupLayouts: [layout] }),
      compute: { module: compiled.module, entryPoint: 'resolve_film' }
    });
    return new FilmResolve(device, pipeline, layout);
  }

  /** Records the resolve of `film` (pixels × vec4f sums over `samples`; a buffer or a range of one) into `output`
   * (pixels × u32 RGBA8). */
  encode(encoder: GPUCommandEncoder, film: GPUBuffer | GPUBufferBinding, output: GPUBuffer, pixels: number, samples: number, exposure = 1): void {
    const params = this.device.createBuffer({
      label: 'FilmResolve.params',
      size: 16,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST
    });
    const data = new ArrayBuffer(16);
    new Uint32Array(data, 0, 2).set([pixels, samples]);
    new Float32Array(data, 8, 1)[0] = exposure;
    this.device.queue.writeBuffer(params, 0, data);
    const bindGroup = this.device.createBindGroup({
      label: 'FilmResolve.bindGroup',
      layout: this.layout,
      entries: [
        { binding: 0, resource: { buffer: params } },
        { binding: 1, resource: 'buffer' in film ? film : { buffer: film } },
        { binding: 2, resource: { buffer: output } }
      ]
    });
    const pass = encoder.beginComputePass({ label: 'FilmResolve.resolve' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(pixels / 64));
    pass.end();
  }
}
