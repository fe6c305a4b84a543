// The scenes `clovers bench` renders: example scenes by name, .json files, and generated big scenes (nothing large
// is shipped): a 1M-triangle geodesic sphere, a grid of 10k instances of a small mesh (flattened into world-space
// triangles by the scene compiler) and a smooth 2.5M-triangle sphere whose tables exceed a 128 MiB binding. Big scenes render smaller images (their cap), so a bench stays short.
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { icosphere, icosphereFrequencyFor, instanceGridScene, singleMeshScene, smoothIcosphere } from '../../gpu/host/mesh/generate.ts';
import type { CompileAssets } from '../../gpu/host/scene/compile.ts';
import { formatIssue, parseScene, type SceneFile } from '../../src/lib/scene/index.ts';
import type { TextSink } from './progress.ts';
import { loadEnvironment, loadMeshes, loadScene } from './scene-file.ts';

const EXAMPLES_DIR = fileURLToPath(new URL('../../src/lib/scene/examples/', import.meta.url));

export interface BenchScene {
  readonly name: string;
  readonly scene: SceneFile;
  readonly assets: CompileAssets;
  /** Upper bounds on the image size and samples per pixel for this scene. */
  readonly cap?: { readonly width: number; readonly height: number; readonly samples: number };
}

const BIG_SCENE_CAP = { width: 128, height: 128, samples: 8 };

/** The unit icosphere of the 1M scene: 20 · 224² = 1,003,520 triangles. */
const SPHERE_TRIANGLES = 1_000_000;
/** The smooth sphere: 20 · 354² = 2,506,320 triangles; 153 MiB of primitives and 268 MiB of shading records. */
const SMOOTH_SPHERE_TRIANGLES = 2_500_000;
/** Instances of the grid scene and the frequency of their icosphere (20 · 2² = 80 triangles each). */
const GRID_INSTANCES = 10_000;
const GRID_MESH_FREQUENCY = 2;

/** Generated scenes by name. */
export const GENERATED_BENCH_SCENES: Readonly<Record<string, () => BenchScene>> = {
  'icosphere-1m': () => {
    const mesh = icosphere(icosphereFrequencyFor(SPHERE_TRIANGLES));
    const scene = generatedScene('icosphere-1m', singleMeshScene('icosphere'));
    return { name: 'icosphere-1m', scene, assets: { meshes: new Map([['icosphere', mesh]]) }, cap: BIG_SCENE_CAP };
  },
  'smooth-sphere-2.5m': () => {
    const mesh = smoothIcosphere(icosphereFrequencyFor(SMOOTH_SPHERE_TRIANGLES));
    const scene = generatedScene('smooth-sphere-2.5m', singleMeshScene('sphere'));
    return { name: 'smooth-sphere-2.5m', scene, assets: { meshes: new Map([['sphere', mesh]]) }, cap: BIG_SCENE_CAP };
  },
  'instances-10k': () => {
    const scene = generatedScene('instances-10k', instanceGridScene(GRID_INSTANCES, 'small-icosphere'));
    const mesh = icosphere(GRID_MESH_FREQUENCY, 0.8);
    return { name: 'instances-10k', scene, assets: { meshes: new Map([['small-icosphere', mesh]]) }, cap: BIG_SCENE_CAP };
  }
};

function generatedScene(name: string, json: unknown): SceneFile {
  const parsed = parseScene(json);
  if (!parsed.ok) throw new Error(`generated scene ${name} is invalid: ${parsed.errors.map(formatIssue).join('; ')}`);
  return parsed.scene;
}

/** An example name (`cornell`) or a path to a .json file. */
export function benchScenePath(scene: string): string {
  return scene.endsWith('.json') ? scene : join(EXAMPLES_DIR, `${scene}.json`);
}

/** A generated scene by name, else an example or .json file with its meshes. */
export async function loadBenchScene(name: string, stderr: TextSink, quiet: boolean): Promise<BenchScene> {
  const generate = GENERATED_BENCH_SCENES[name];
  if (generate) return generate();
  const path = benchScenePath(name);
  const { scene } = await loadScene(path, stderr, quiet);
  const meshes = await loadMeshes(path, scene, quiet ? undefined : (note) => stderr.write(`warning: ${note}\n`));
  return { name: basename(name, extname(name)), scene, assets: { meshes, environment: await loadEnvironment(path, scene) } };
}
