// Pipeline of gpu/shaders/film/present.wgsl: draws a resolved RGBA8 film (FilmResolve's output) into a render
// target, typically a WebGPU canvas's current texture, scaling it to the target's size (nearest neighbour).
import { compileShader } from '../shader/compile.ts';
import { shaderSources } from '../shader/sources.ts';

export class FilmPresent {
  private readonly params: GPUBuffer;

  private constructor(
    private readonly device: GPUDevice,
    private readonly pipeline: GPURenderPipeline,
    private readonly layout: GPUBindGroupLayout
  ) {
    this.params = device.createBuffer({ label: 'FilmPresent.params', size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  }

  /** `format`: the target's texture format (a canvas: navigator.gpu.getPreferredCanvasFormat()). */
  static async create(device: GPUDevice, format: GPUTextureFormat): Promise<FilmPresent> {
    const layout = device.createBindGroupLayout({
      label: 'FilmPresent.layout',
      entries: [
        { binding: 0, visibility: GPUShaderStage.FRAGMENT, buffer: { type: 'uniform' } },
        { binding: 1, visibility: GPUShaderStage.FRAGMENT, buffer: { type: 'read-only-storage' } }
      ]
    });
    const { module } = await compileShader(device, 'film/present', shaderSources());
    const pipeline = await device.createRenderPipelineAsync({
      label: 'FilmPresent.pipeline',
      layout: device.createPipelineLayout({ label: 'FilmPresent.pipelineLayout', bindGroupLayouts: [layout] }),
      vertex: { module, entryPoint: 'present_vertex' },
      fragment: { module, entryPoint: 'present_fragment', targets: [{ format }] },
      primitive: { topology: 'triangle-list' }
    });
    return new FilmPresent(device, pipeline, layout);
  }

  /**
   * Records drawing `rgba8` (width × height pixels, rows top to bottom) over the whole of `target`. One call per
   * queue submission: the size parameters live in one buffer written at record time.
   */
  encode(encoder: GPUCommandEncoder, rgba8: GPUBuffer, width: number, height: number, target: GPUTexture): void {
    this.device.queue.writeBuffer(this.params, 0, new Uint32Array([width, height, target.width, target.height]));
    const bindGroup = this.device.createBindGroup({
      label: 'FilmPresent.bindGroup',
      layout: this.layout,
      entries: [
        { binding: 0, resource: { buffer: this.params } },
        { binding: 1, resource: { buffer: rgba8, size: width * height * 4 } }
      ]
    });
    const pass = encoder.beginRenderPass({
      label: 'FilmPresent.draw',
      colorAttachments: [{ view: target.createView(), loadOp: 'clear', storeOp: 'store', clearValue: { r: 0, g: 0, b: 0, a: 1 } }]
    });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.draw(3);
    pass.end();
  }

  destroy(): void {
    this.params.destroy();
  }
}
