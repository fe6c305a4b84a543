// The adapter facts the harness shows: identity, features and every limit of the device the kernels run on.
import type { GpuContext } from '../../../gpu/host/device.ts';

export interface AdapterSummary {
  readonly name: string;
  readonly info: readonly (readonly [string, string])[];
  readonly features: readonly string[];
  readonly limits: readonly (readonly [string, number])[];
}

export function summarizeAdapter(gpu: GpuContext): AdapterSummary {
  const i = gpu.adapterInfo;
  const info: [string, string][] = [
    ['vendor', i.vendor],
    ['architecture', i.architecture],
    ['device', i.device],
    ['description', i.description],
    ['fallback (software) adapter', gpu.isFallbackAdapter ? 'yes' : 'no']
  ];
  const limits: [string, number][] = [];
  // WebIDL attributes are enumerable getters on the prototype: for…in lists every limit the browser knows.
  for (const key in gpu.device.limits) {
    const value = (gpu.device.limits as unknown as Record<string, unknown>)[key];
    if (typeof value === 'number') limits.push([key, value]);
  }
  limits.sort(([a], [b]) => a.localeCompare(b));
  // Browsers often hide the description and device (privacy): then vendor and architecture name the adapter.
  const name = i.description || i.device ? gpu.adapterName : [i.vendor, i.architecture].filter(Boolean).join(' ') || gpu.adapterName;
  return {
    name,
    info: info.filter(([, v]) => v !== ''),
    features: [...gpu.device.features].map(String).sort(),
    limits
  };
}
