// A kernel suite: named GPU test cases that run anywhere a GPUDevice exists. vitest runs them on Dawn
// (lavapipe) through `describeSuite`, the shader harness page (/dev/shaders) on the visitor's GPU. Case bodies
// assert with ./assert.ts and import nothing environment-specific.
import { linkShader, type ModuleSources } from '../../shader/linker.ts';
import { shaderSources } from '../../shader/sources.ts';
import { mathPrecision, precisionShortfall, type PrecisionNeeds } from './precision.ts';

export type CaseBody = (device: GPUDevice) => Promise<void>;

export interface KernelCase {
  /** Title of the group (vitest `describe`), e.g. "sampling/warp". */
  readonly group: string;
  readonly name: string;
  /** WGSL modules the case compiles: checked against the adapter before it runs. */
  readonly modules: readonly string[];
  /** Floating-point accuracy its tolerances assume (beyond what WGSL promises): checked on the device first. */
  readonly precision?: PrecisionNeeds;
  readonly run: CaseBody;
}

export interface KernelSuite {
  readonly name: string;
  readonly cases: readonly KernelCase[];
}

/** Cases of one group that compile the same modules; a case may declare the accuracy its tolerances assume. */
export function kernelGroup(
  group: string,
  modules: readonly string[],
  cases: readonly (readonly [name: string, run: CaseBody, precision?: PrecisionNeeds])[]
): KernelCase[] {
  return cases.map(([name, run, precision]) => ({ group, name, modules, run, ...(precision ? { precision } : {}) }));
}

/** What a linked shader needs beyond WebGPU's core: `enable` extensions and workgroup sizes. */
export interface ShaderRequirements {
  readonly features: readonly GPUFeatureName[];
  /** Largest literal @workgroup_size of the module's entry points, as [x, y, z]. */
  readonly workgroupSize: readonly [number, number, number];
}

/** WGSL `enable` names that differ from the GPUFeatureName that allows them. */
const ENABLE_FEATURE: Readonly<Record<string, GPUFeatureName>> = {
  f16: 'shader-f16',
  subgroups: 'subgroups',
  clip_distances: 'clip-distances',
  dual_source_blending: 'dual-source-blending'
};

const ENABLE = /^\s*enable\s+([\w\s,]+);/gm;
const WORKGROUP_SIZE = /@workgroup_size\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?(?:,\s*(\d+)\s*)?,?\s*\)/g;

export function shaderRequirements(code: string): ShaderRequirements {
  const features = new Set<GPUFeatureName>();
  for (const m of code.matchAll(ENABLE)) {
    for (const name of m[1].split(',').map((s) => s.trim())) {
      if (name) features.add(ENABLE_FEATURE[name] ?? (name as GPUFeatureName));
    }
  }
  let best: [number, number, number] = [1, 1, 1];
  for (const m of code.matchAll(WORKGROUP_SIZE)) {
    const size: [number, number, number] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
    if (size[0] * size[1] * size[2] > best[0] * best[1] * best[2]) best = size;
  }
  return { features: [...features], workgroupSize: best };
}

export interface AdapterCapabilities {
  readonly features: ReadonlySet<string>;
  readonly limits: Pick<
    GPUSupportedLimits,
    | 'maxComputeInvocationsPerWorkgroup'
    | 'maxComputeWorkgroupSizeX'
    | 'maxComputeWorkgroupSizeY'
    | 'maxComputeWorkgroupSizeZ'
  >;
}

/** Why a shader with these requirements cannot run on the device, or undefined when it can. */
export function unsupportedReason(req: ShaderRequirements, gpu: AdapterCapabilities): string | undefined {
  const missing = req.features.filter((f) => !gpu.features.has(f));
  if (missing.length > 0) return `needs the ${missing.join(', ')} feature${missing.length > 1 ? 's' : ''}`;
  const [x, y, z] = req.workgroupSize;
  const l = gpu.limits;
  if (x * y * z > l.maxComputeInvocationsPerWorkgroup) {
    return `workgroup of ${x * y * z} invocations > maxComputeInvocationsPerWorkgroup ${l.maxComputeInvocationsPerWorkgroup}`;
  }
  if (x > l.maxComputeWorkgroupSizeX || y > l.maxComputeWorkgroupSizeY || z > l.maxComputeWorkgroupSizeZ) {
    return `workgroup size (${x}, ${y}, ${z}) over the adapter's per-axis maxima`;
  }
  return undefined;
}

/** Why a case cannot run on this device (a module it cannot compile, math less accurate than it assumes), or
 * undefined. */
export async function caseUnsupportedReason(
  device: GPUDevice,
  kernelCase: KernelCase,
  sources: ModuleSources = shaderSources()
): Promise<string | undefined> {
  for (const module of kernelCase.modules) {
    const reason = unsupportedReason(shaderRequirements(linkShader(module, sources).code), device);
    if (reason) return `${module}: ${reason}`;
  }
  if (kernelCase.precision) return precisionShortfall(kernelCase.precision, await mathPrecision(device));
  return undefined;
}
