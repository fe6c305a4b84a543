// `clovers info`: the adapter clovers gets and the limits of the device it creates (acquireDevice asks for the
// adapter's larger buffer limits, so these are what renders run with).
import type { InfoArgs } from './args.ts';
import { EXIT, type ExitCode } from './errors.ts';
import { openDevice } from './gpu.ts';
import type { CliIo } from './main.ts';

const LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxStorageBuffersPerShaderStage',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupsPerDimension'
] as const;

export async function infoCommand(args: InfoArgs, io: CliIo): Promise<ExitCode> {
  const gpu = await openDevice();
  try {
    const { adapterInfo: info, device } = gpu;
    const report = {
      adapter: gpu.adapterName,
      vendor: info.vendor,
      architecture: info.architecture,
      device: info.device,
      description: info.description,
      fallbackAdapter: gpu.isFallbackAdapter,
      limits: Object.fromEntries(LIMITS.map((name) => [name, device.limits[name]])),
      features: [...device.features].map(String).sort()
    };
    if (args.json) {
      io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return EXIT.ok;
    }
    const rows: [string, string][] = [
      ['adapter', report.adapter],
      ['vendor', report.vendor || '-'],
      ['architecture', report.architecture || '-'],
      ['device', report.device || '-'],
      ['description', report.description || '-'],
      ['fallback adapter', report.fallbackAdapter ? 'yes (software)' : 'no'],
      ...Object.entries(report.limits).map(([name, value]): [string, string] => [name, formatLimit(value)]),
      ['features', report.features.join(', ') || '-']
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [key, value] of rows) io.stdout.write(`${key.padEnd(width)}  ${value}\n`);
    return EXIT.ok;
  } finally {
    gpu.destroy();
  }
}

function formatLimit(value: number): string {
  return value >= 1024 * 1024 && value % (1024 * 1024) === 0 ? `${value} (${value / (1024 * 1024)} MiB)` : String(value);
}
