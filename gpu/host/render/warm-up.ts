// Compiling kernels before work arrives: a worker warms the variants the scenes it expects will need (the kernels
// are specialised per feature set and view, gpu/host/scene/features.ts), so that a driver with a shader cache (Mesa
// keeps lavapipe's on disk) serves the first job's pipelines from it. Same code in Node and in the browser.
import type { SceneFile } from '../../../src/lib/scene/index.ts';
import { compileScene, type CompileAssets, type CompiledScene } from '../scene/compile.ts';
import { featureKey, sceneFeatures, type SceneFeatures } from '../scene/features.ts';
import { cameraFrame } from './camera.ts';
import { DEFAULT_WATCHDOG } from './render.ts';
import { PathTracer } from './path-tracer.ts';
import type { IntegratorName, RenderMode } from './types.ts';

export interface WarmUpTarget {
  readonly scene: SceneFile;
  readonly mode?: RenderMode;
  readonly integrator?: IntegratorName;
  readonly assets?: CompileAssets;
}

/** Which variant of a scene's kernels: the view, the integrator and (default: the scene's own) the features. */
export interface KernelChoice {
  readonly mode: RenderMode;
  readonly integrator: IntegratorName;
  readonly features?: SceneFeatures;
}

/**
 * Creates a scene's pipelines for a tiny image and compiles them (PathTracer.compile), then discards them; returns
 * the milliseconds of pipeline creation and of the compile at the first dispatch.
 */
export async function compileKernel(
  device: GPUDevice,
  scene: SceneFile,
  compiled: CompiledScene,
  choice: KernelChoice,
  compileLimitMs = DEFAULT_WATCHDOG.compileMs
): Promise<{ createMs: number; compileMs: number }> {
  const t0 = performance.now();
  const tracer = await PathTracer.create(device, compiled, {
    width: 8,
    height: 8,
    maxDepth: 1,
    seed: 0,
    ...choice,
    camera: cameraFrame(scene.camera, 1),
    time0: scene.time_0,
    time1: scene.time_1
  });
  const t1 = performance.now();
  try {
    await tracer.compile(compileLimitMs);
  } finally {
    tracer.destroy();
  }
  return { createMs: t1 - t0, compileMs: performance.now() - t1 };
}

export interface WarmedVariant {
  /** featureKey() of the variant, with the integrator. */
  readonly key: string;
  readonly compileMs: number;
}

/**
 * Compiles the kernel variant of each target once (targets with the same feature set, view and integrator share
 * it), in order, and reports each as it is done. The pipelines are discarded; what remains is the driver's cache.
 */
export async function warmUp(
  device: GPUDevice,
  targets: readonly WarmUpTarget[],
  onVariant?: (variant: WarmedVariant) => void,
  compileLimitMs = DEFAULT_WATCHDOG.compileMs
): Promise<WarmedVariant[]> {
  const seen = new Set<string>();
  const warmed: WarmedVariant[] = [];
  for (const target of targets) {
    const compiled = compileScene(target.scene, target.assets ?? {});
    const mode = target.mode ?? 'path-tracing';
    const integrator = target.integrator ?? 'megakernel';
    const key = `${featureKey(sceneFeatures(compiled), mode)}/${integrator}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { createMs, compileMs } = await compileKernel(device, target.scene, compiled, { mode, integrator }, compileLimitMs);
    const variant = { key, compileMs: createMs + compileMs };
    warmed.push(variant);
    onVariant?.(variant);
  }
  return warmed;
}
