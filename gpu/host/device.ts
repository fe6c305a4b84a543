// The only file that knows whether it runs in a browser (navigator.gpu) or in Node (Dawn via the `webgpu`
// package). Everything else in gpu/host receives a GPUDevice.

export interface GpuContext {
  readonly device: GPUDevice;
  readonly adapterInfo: GPUAdapterInfo;
  /** Human-readable adapter name, e.g. "llvmpipe (mesa, software)". */
  readonly adapterName: string;
  readonly isFallbackAdapter: boolean;
  destroy(): void;
}

export interface DeviceOptions {
  /** Ask for the adapter's larger buffer limits (storage binding size, buffer size) when it offers them. */
  readonly highLimits?: boolean;
  readonly powerPreference?: GPUPowerPreference;
}

/** Keeps Dawn's GPU instance alive while any device from it exists (freeing it crashes the process). */
let dawnInstance: GPU | undefined;

async function getGpu(): Promise<GPU> {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  if (nav?.gpu) return nav.gpu;
  if (!dawnInstance) {
    // Hidden from bundlers: the browser build never loads the Node addon.
    const moduleName = 'webgpu';
    const dawn = (await import(/* @vite-ignore */ moduleName)) as {
      create(flags: string[]): GPU;
      globals: Record<string, unknown>;
    };
    Object.assign(globalThis, dawn.globals);
    // Dawn instance flags (e.g. "enable-dawn-features=..."), comma-separated, for experiments and benchmarks.
    const flags = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.DAWN_FLAGS;
    dawnInstance = dawn.create(flags ? flags.split(',') : []);
  }
  return dawnInstance;
}

const LIMITS_WANTED = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxStorageBuffersPerShaderStage',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX'
] as const;

export function describeAdapter(info: GPUAdapterInfo): string {
  // The description is the driver's own name ("llvmpipe: Mesa 25.0.7 (LLVM 15.0.6)"); `device` is often a
  // slug of it or a PCI id, so it comes second.
  // Browsers often leave description and device empty (privacy): the architecture ("swiftshader") names it then.
  const name = info.description || info.device || info.architecture || info.vendor || 'unknown adapter';
  const extra = [info.vendor, info.architecture].filter((s) => s && !name.toLowerCase().includes(s.toLowerCase()));
  return extra.length > 0 ? `${name} (${extra.join(', ')})` : name;
}

export class NoAdapterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoAdapterError';
  }
}

export async function acquireDevice(options: DeviceOptions = {}): Promise<GpuContext> {
  const gpu = await getGpu();
  const adapter = await gpu.requestAdapter({ powerPreference: options.powerPreference ?? 'high-performance' });
  if (!adapter) {
    throw new NoAdapterError(
      'no WebGPU adapter found (in Node, install a Vulkan driver: on Debian, mesa-vulkan-drivers >= 23 from bookworm-backports)'
    );
  }
  const requiredLimits: Record<string, number> = {};
  if (options.highLimits ?? true) {
    for (const name of LIMITS_WANTED) requiredLimits[name] = adapter.limits[name];
  }
  const requiredFeatures: GPUFeatureName[] = adapter.features.has('timestamp-query') ? ['timestamp-query'] : [];
  const device = await adapter.requestDevice({ requiredLimits, requiredFeatures, label: 'clovers' });
  const adapterInfo = adapter.info;
  const fallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false;
  let destroyed = false;
  return {
    device,
    adapterInfo,
    adapterName: describeAdapter(adapterInfo),
    isFallbackAdapter: fallback || adapterInfo.isFallbackAdapter === true,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      device.destroy();
    }
  };
}
