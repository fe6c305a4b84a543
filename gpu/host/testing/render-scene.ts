// Test helpers: parse a scene (object or example name) and render it on the test device.
import { parseScene, type SceneFile } from '../../../src/lib/scene/index.ts';
import { EXAMPLES } from '../../../src/lib/scene/examples/index.ts';
import { renderScene } from '../render/render.ts';
import type { RenderOptions, RenderResult } from '../render/types.ts';
import { testGpu } from './test-device.ts';
import { loadSceneMeshes } from '../../../worker/mesh-files.ts';
import { loadSceneEnvironment } from '../../../worker/environment-files.ts';

export function sceneOf(input: unknown): SceneFile {
  const parsed = parseScene(typeof input === 'string' ? EXAMPLES[input] : input);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return parsed.scene;
}

export const SMALL: RenderOptions = {
  width: 32,
  height: 32,
  samples: 4,
  maxDepth: 64,
  seed: 7,
  mode: 'path-tracing',
  sampler: 'random'
};

/** Renders on the test device; meshes and environment maps come from the bundled libraries. */
export async function renderTest(scene: unknown, options: Partial<RenderOptions> = {}): Promise<RenderResult> {
  const parsed = sceneOf(scene);
  const [meshes, environment] = await Promise.all([loadSceneMeshes(parsed), loadSceneEnvironment(parsed)]);
  return renderScene(await testGpu(), parsed, { ...SMALL, ...options }, {}, { meshes, environment });
}

/** Mean XYZ over the image. */
export function meanXyz(result: RenderResult): [number, number, number] {
  const m: [number, number, number] = [0, 0, 0];
  const n = result.width * result.height;
  for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) m[c] += result.xyz[i * 3 + c] / n;
  return m;
}
