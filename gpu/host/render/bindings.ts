// The path tracer's bind group (integrator/bindings.wgsl with generated/path_tracer_bindings and
// generated/scene_tables): its layout, the scene's tables uploaded to the GPU (the big ones in segments,
// scene-tables.ts), and the resources by binding. The bindings and their numbers are listed in binding-table.ts.
import type { CompiledScene } from '../scene/compile.ts';
import type { CompiledEnvironment } from '../environment/environment.ts';
import type { ModuleSources } from '../shader/linker.ts';
import { shaderSources } from '../shader/sources.ts';
import { sceneFeaturesWgsl, type SceneFeatures } from '../scene/features.ts';
import type { RenderMode } from './types.ts';
import { BINDING, bindingKinds, type BindingKind, type FixedBindingName } from './binding-table.ts';
import { formatMiB, planSceneTables, sceneTablesWgsl, SceneTooLargeError, tablePlans, type SceneTableKey, type SceneTablesPlan } from './scene-tables.ts';

/** The plan for a compiled scene on a device (see planSceneTables). */
export function planForScene(device: GPUDevice, scene: CompiledScene, maxSegmentBytes?: number): SceneTablesPlan {
  return planSceneTables(
    { primitives: scene.primitiveData.byteLength, bvhNodes: scene.bvhNodes.byteLength, triangleShading: scene.triangleShading.byteLength },
    device.limits,
    maxSegmentBytes,
    scene.alphaTested
  );
}

/** The small tables must each fit one binding; say which one does not (a failed bind inside WebGPU says less). */
export function checkSmallTables(device: GPUDevice, scene: CompiledScene): void {
  const limit = device.limits.maxStorageBufferBindingSize;
  const tables: Array<[string, number]> = [
    ['materials', scene.materials.byteLength],
    ['textures', scene.textures.byteLength],
    ['lights', scene.lights.byteLength]
  ];
  for (const [name, bytes] of tables) {
    if (bytes > limit) {
        throw new SceneTooLargeError(`the scene's ${name}: ${formatMiB(bytes)}, over this device's ${formatMiB(limit)} storage binding limit (simplify the scene)`);
    }
  }
}

/** Every WGSL module, with generated/scene_tables laid out for `plan` and the kernels specialised to the scene's
 * features and the view they render (generated/scene_features). */
export function sourcesForScene(plan: SceneTablesPlan, features: SceneFeatures, mode: RenderMode): ModuleSources {
  return { ...shaderSources(), 'generated/scene_tables': sceneTablesWgsl(plan), 'generated/scene_features': sceneFeaturesWgsl(features, mode) };
}

/** The entries of the bind group layout for `plan` (the wavefront kernels each declare a subset). */
export function pathTracerLayoutEntries(plan: SceneTablesPlan): GPUBindGroupLayoutEntry[] {
  const visibility = GPUShaderStage.COMPUTE;
  const entry = (binding: number, kind: BindingKind, sampleType: GPUTextureSampleType = 'float'): GPUBindGroupLayoutEntry =>
    kind === 'texture' ? { binding, visibility, texture: { sampleType, viewDimension: '2d' } } : { binding, visibility, buffer: { type: kind } };
  const segments = tablePlans(plan).flatMap((t) => t.bindings.slice(1));
  return [...bindingKinds().map((b) => entry(b.binding, b.kind, b.sampleType)), ...segments.map((binding) => entry(binding, 'read-only-storage'))];
}

/** The scene's GPU tables and image atlas, uploaded once and shared by every pipeline that renders the scene. */
export interface SceneResources {
  readonly plan: SceneTablesPlan;
  /** One buffer per segment. */
  readonly segments: Readonly<Record<SceneTableKey, readonly GPUBuffer[]>>;
  readonly materials: GPUBuffer;
  readonly textures: GPUBuffer;
  readonly illuminants: GPUBuffer;
  readonly lights: GPUBuffer;
  readonly atlas: GPUTexture;
  /** The environment's radiance and sampling distribution (1×1 placeholders without one). */
  readonly environmentMap: GPUTexture;
  readonly environmentCdf: GPUTexture;
  destroy(): void;
}

export function uploadScene(device: GPUDevice, scene: CompiledScene, plan: SceneTablesPlan): SceneResources {
  const buffers: GPUBuffer[] = [];
  const upload = (label: string, data: Uint8Array) => {
    const buffer = device.createBuffer({ label: `PathTracer.${label}`, size: Math.max(16, Math.ceil(data.byteLength / 16) * 16), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    if (data.byteLength > 0) device.queue.writeBuffer(buffer, 0, data);
    buffers.push(buffer);
    return buffer;
  };
  const bytes = (data: ArrayBuffer | Float32Array) => (data instanceof Float32Array ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data));
  const segmented = (key: SceneTableKey, data: ArrayBuffer) => {
    const { bindings, perSegment, recordBytes } = plan[key];
    const segmentBytes = perSegment * recordBytes;
    return bindings.map((_, s) => upload(`${key}[${s}]`, new Uint8Array(data, s * segmentBytes, Math.min(segmentBytes, Math.max(0, data.byteLength - s * segmentBytes)))));
  };
  const { width, height, data } = scene.atlas;
  const atlas = device.createTexture({ label: 'PathTracer.atlas', size: { width, height }, format: 'rgba8unorm', usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST });
  device.queue.writeTexture({ texture: atlas }, data, { bytesPerRow: width * 4, rowsPerImage: height }, { width, height });
  const { environmentMap, environmentCdf } = uploadEnvironment(device, scene.environment);
  return {
    plan,
    segments: {
      primitives: segmented('primitives', scene.primitiveData),
      bvhNodes: segmented('bvhNodes', scene.bvhNodes),
      triangleShading: segmented('triangleShading', scene.triangleShading)
    },
    materials: upload('materials', bytes(scene.materials)),
    textures: upload('textures', bytes(scene.textures)),
    illuminants: upload('illuminants', bytes(scene.illuminants)),
    lights: upload('lights', bytes(scene.lights)),
    atlas,
    environmentMap,
    environmentCdf,
    destroy() {
      for (const b of buffers) b.destroy();
      atlas.destroy();
      environmentMap.destroy();
      environmentCdf.destroy();
    }
  };
}

/**
 * The resources of the bind group, by binding number: frame uniforms (FRAME_RECORD), the film (counters header,
 * then 16 bytes per pixel) and the scene. Shared by the megakernel and the wavefront pipelines.
 */
export function pathTracerBindGroupEntries(frame: GPUBuffer, film: GPUBuffer, scene: SceneResources): GPUBindGroupEntry[] {
  const fixed: Record<FixedBindingName, GPUBindingResource> = {
    frame: { buffer: frame },
    materials: { buffer: scene.materials },
    textures: { buffer: scene.textures },
    illuminants: { buffer: scene.illuminants },
    lights: { buffer: scene.lights },
    film: { buffer: film },
    atlas: scene.atlas.createView(),
    environmentMap: scene.environmentMap.createView(),
    environmentCdf: scene.environmentCdf.createView()
  };
  const entries = (Object.keys(fixed) as FixedBindingName[]).map((name): GPUBindGroupEntry => ({ binding: BINDING[name], resource: fixed[name] }));
  for (const key of Object.keys(scene.segments) as SceneTableKey[]) {
    scene.plan[key].bindings.forEach((binding, s) => entries.push({ binding, resource: { buffer: scene.segments[key][s] } }));
  }
  return entries;
}

/** The environment's textures; a scene without one binds 1×1 placeholders its kernels never read. */
function uploadEnvironment(device: GPUDevice, environment: CompiledEnvironment | undefined): { environmentMap: GPUTexture; environmentCdf: GPUTexture } {
  const usage = GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST;
  const map = environment ?? { width: 1, height: 1, texels: new Uint16Array(4) };
  const cells = environment?.distribution ?? { width: 0, height: 0, cdf: new Float32Array(1) };
  const environmentMap = device.createTexture({ label: 'PathTracer.environmentMap', size: { width: map.width, height: map.height }, format: 'rgba16float', usage });
  device.queue.writeTexture({ texture: environmentMap }, map.texels, { bytesPerRow: map.width * 8, rowsPerImage: map.height }, { width: map.width, height: map.height });
  const cdfSize = { width: cells.width + 1, height: cells.height + 1 };
  const environmentCdf = device.createTexture({ label: 'PathTracer.environmentCdf', size: cdfSize, format: 'r32float', usage });
  device.queue.writeTexture({ texture: environmentCdf }, cells.cdf, { bytesPerRow: cdfSize.width * 4, rowsPerImage: cdfSize.height }, cdfSize);
  return { environmentMap, environmentCdf };
}
