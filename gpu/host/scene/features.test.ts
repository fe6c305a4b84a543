// Kernel specialisation: what each example scene is found to use, and that a scene's specialised kernel renders
// the image the kernel with every feature renders (same adapter, same seed).
import { describe, expect, it } from 'vitest';
import { loadSceneMeshes } from '../../../worker/mesh-files.ts';
import { renderTest, sceneOf } from '../testing/render-scene.ts';
import { compileScene } from './compile.ts';
import { ALL_FEATURES, featureKey, sceneFeatures, SCENE_FEATURES, sceneFeaturesWgsl, type SceneFeature } from './features.ts';

async function featuresOf(example: string): Promise<SceneFeature[]> {
  const scene = sceneOf(example);
  const features = sceneFeatures(compileScene(scene, { meshes: await loadSceneMeshes(scene) }));
  return SCENE_FEATURES.filter((f) => features[f]);
}

describe('scene features', () => {
  it('are what each scene uses, and nothing else', async () => {
    expect(await featuresOf('cornell_classic')).toEqual(['quad', 'lambertian', 'diffuse_light', 'illuminant', 'emitters']);
    expect(await featuresOf('one_weekend')).toEqual(['sphere', 'moving_sphere', 'lambertian', 'metal', 'dielectric', 'guides']);
    expect(await featuresOf('furnace')).toEqual(['sphere', 'lambertian']);
    expect(await featuresOf('smoke')).toContain('media');
    expect(await featuresOf('thin_film')).toContain('thin_film');
    expect(await featuresOf('gltf')).toEqual(expect.arrayContaining(['triangle', 'gltf', 'image']));
    expect(await featuresOf('teapot')).toEqual(['sphere', 'quad', 'triangle', 'lambertian', 'metal', 'diffuse_light', 'spatial_checker', 'emitters']);
    expect(await featuresOf('illuminants')).toContain('illuminant');
  });

  it('generate one WGSL constant each, and a stable key', () => {
    const wgsl = sceneFeaturesWgsl({ ...ALL_FEATURES, media: false }, 'normal-map');
    expect(wgsl).toContain('const SCENE_MEDIA: bool = false;');
    expect(wgsl).toContain('const SCENE_SPHERE: bool = true;');
    expect(wgsl).toContain('const RENDER_MODE: u32 = 1u;');
    expect(sceneFeaturesWgsl()).toContain('const RENDER_MODE: u32 = RENDER_MODE_ANY;');
    expect(featureKey({ ...Object.fromEntries(SCENE_FEATURES.map((f) => [f, false])), quad: true } as typeof ALL_FEATURES)).toBe('path-tracing+quad');
  });
});

describe('specialised kernels', () => {
  // Scenes that between them use every feature but moving spheres (boing has those).
  const scenes = ['cornell', 'one_weekend', 'smoke', 'thin_film', 'gltf', 'illuminants', 'boing', 'cone_light', 'dispersive'];
  it.each(scenes)('%s renders what the kernel with every feature renders', async (name) => {
    const options = { width: 16, height: 16, samples: 2, maxDepth: 16 };
    const own = await renderTest(name, options);
    const full = await renderTest(name, { ...options, features: ALL_FEATURES });
    let maxRel = 0;
    for (let i = 0; i < own.xyz.length; i++) {
      maxRel = Math.max(maxRel, Math.abs(own.xyz[i] - full.xyz[i]) / Math.max(Math.abs(full.xyz[i]), 1e-3));
    }
    // The same paths and numbers; only the compiler's choices for the smaller code (contraction into fused
    // multiply-adds) may round differently.
    expect(maxRel).toBeLessThan(1e-4);
    expect(own.stats.raySegments).toBe(full.stats.raySegments);
  });
});
