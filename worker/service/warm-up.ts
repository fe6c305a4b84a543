// Warm-up before a worker takes jobs: the kernel variants of the jobs a fresh service most likely gets first are
// compiled once, so that the driver's shader cache (Mesa keeps lavapipe's on disk) serves those jobs' compiles; a
// cold compile costs seconds per variant on a CPU adapter. Kept to the editor's default scene as the editor sends
// it (renders and server previews alike: its default options, megakernel): every other variant would delay the
// worker's first job more than it could save.
import { GpuStallError } from '../../gpu/host/render/gpu-wait.ts';
import { warmUp, type WarmUpTarget } from '../../gpu/host/render/warm-up.ts';
import { RENDER_OPTION_DEFAULTS } from '../../src/lib/render-options.ts';
import { DEFAULT_EXAMPLE, EXAMPLES } from '../../src/lib/scene/examples/index.ts';
import { parseScene } from '../../src/lib/scene/index.ts';

export function warmUpTargets(): WarmUpTarget[] {
  const parsed = parseScene(EXAMPLES[DEFAULT_EXAMPLE]);
  if (!parsed.ok) throw new Error(`the example scene ${DEFAULT_EXAMPLE} does not parse`);
  return [{ scene: parsed.scene, mode: RENDER_OPTION_DEFAULTS.mode }];
}

/**
 * Compiles the warm-up variants, logging each. A GPU stall is thrown (the device is no longer usable); any other
 * failure is only logged: the jobs that need the variant compile it themselves and report what goes wrong.
 */
export async function warmUpWorker(device: GPUDevice, compileLimitMs: number, log: (message: string) => void): Promise<void> {
  const t0 = performance.now();
  try {
    const variants = await warmUp(device, warmUpTargets(), (v) => log(`warm-up: ${v.key} compiled in ${seconds(v.compileMs)}`), compileLimitMs);
    log(`warm-up: ${variants.length} kernel variant(s) in ${seconds(performance.now() - t0)}`);
  } catch (error) {
    if (error instanceof GpuStallError) throw error;
    log(`warm-up failed after ${seconds(performance.now() - t0)} (jobs compile their kernels themselves): ${(error as Error).message}`);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
