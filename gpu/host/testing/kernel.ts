// Runs a WGSL test kernel (gpu/shaders/tests/*) on the GPU: inputs bound read-only at bindings 0..n-1,
// one read_write output at binding n, results read back as a typed array. Used by the vitest suites (Dawn on
// lavapipe) and the shader harness page (the visitor's GPU).
import { compileShader } from '../shader/compile.ts';
import { shaderSources } from '../shader/sources.ts';
import type { ModuleSources } from '../shader/linker.ts';

export type KernelData = Float32Array | Uint32Array | Int32Array;

export interface KernelRun<T extends KernelData> {
  /** Module import name, e.g. "tests/rng_test". */
  readonly module: string;
  readonly entryPoint: string;
  readonly inputs: readonly KernelData[];
  /** Output element type and length. */
  readonly output: { readonly type: new (length: number) => T; readonly length: number };
  /** Number of workgroups along x (kernels use @workgroup_size(64) by convention: ceil(n / 64)). */
  readonly workgroups: number;
  /** Extra or replacement modules (e.g. a generated scene module). */
  readonly sources?: ModuleSources;
}

export interface KernelResult<T extends KernelData> {
  readonly data: T;
  /** Wall time from submit to mapped readback, ms. */
  readonly ms: number;
}

const pipelineCache = new WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>>();

function pipelineFor(device: GPUDevice, module: string, entryPoint: string, sources?: ModuleSources) {
  let byKey = pipelineCache.get(device);
  if (!byKey) pipelineCache.set(device, (byKey = new Map()));
  const key = `${module}#${entryPoint}`;
  let p = sources ? undefined : byKey.get(key);
  if (!p) {
    p = compileShader(device, module, { ...shaderSources(), ...sources }, module).then((compiled) =>
      device.createComputePipelineAsync({
        label: `kernel ${key}`,
        layout: 'auto',
        compute: { module: compiled.module, entryPoint }
      })
    );
    if (!sources) byKey.set(key, p);
  }
  return p;
}

function byteSize(length: number, bytesPerElement: number): number {
  return Math.max(16, Math.ceil((length * bytesPerElement) / 16) * 16);
}

export async function runKernel<T extends KernelData>(device: GPUDevice, run: KernelRun<T>): Promise<KernelResult<T>> {
  const pipeline = await pipelineFor(device, run.module, run.entryPoint, run.sources);
  const buffers: GPUBuffer[] = [];
  const entries: GPUBindGroupEntry[] = run.inputs.map((data, i) => {
    const buffer = device.createBuffer({
      label: `kernel input ${i}`,
      size: byteSize(data.length, data.BYTES_PER_ELEMENT),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST
    });
    device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    buffers.push(buffer);
    return { binding: i, resource: { buffer } };
  });
  const outBytes = byteSize(run.output.length, 4);
  const output = device.createBuffer({
    label: 'kernel output',
    size: outBytes,
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC
  });
  const readback = device.createBuffer({
    label: 'kernel readback',
    size: outBytes,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST
  });
  buffers.push(output, readback);
  entries.push({ binding: run.inputs.length, resource: { buffer: output } });

  const bindGroup = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(run.workgroups);
  pass.end();
  encoder.copyBufferToBuffer(output, 0, readback, 0, outBytes);
  const t0 = performance.now();
  device.queue.submit([encoder.finish()]);
  await readback.mapAsync(GPUMapMode.READ);
  const ms = performance.now() - t0;
  const data = new run.output.type(run.output.length);
  const bytes = new Uint8Array(readback.getMappedRange()).slice(0, run.output.length * 4);
  new Uint8Array(data.buffer).set(bytes);
  readback.unmap();
  for (const b of buffers) b.destroy();
  return { data, ms };
}
