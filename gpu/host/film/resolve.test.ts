import { describe, expect, it } from 'vitest';
import { compileScene } from '../scene/compile.ts';
import { cameraFrame } from '../render/camera.ts';
import { PathTracer } from '../render/path-tracer.ts';
import { sceneOf } from '../testing/render-scene.ts';
import { testDevice } from '../testing/test-device.ts';
import { FilmResolve } from './resolve.ts';
import { xyzToSrgb8 } from './srgb8.ts';

describe('film resolve on the GPU', () => {
  it('gives the same 8-bit sRGB as the host conversion of the read-back film', async () => {
    const device = await testDevice();
    const scene = sceneOf('colorchecker');
    const [width, height, samples] = [40, 30, 3];
    const tracer = await PathTracer.create(device, compileScene(scene), {
      width,
      height,
      maxDepth: 16,
      seed: 3,
      mode: 'path-tracing',
      camera: cameraFrame(scene.camera, width / height),
      time0: scene.time_0,
      time1: scene.time_1
    });
    tracer.dispatch(0, samples);
    const gpu = await tracer.readSrgb8(await FilmResolve.create(device), samples);
    const film = await tracer.readFilm();
    tracer.destroy();
    const mean = film.xyzSum.map((v) => v / samples);
    const host = xyzToSrgb8(mean, { stride: 3 });
    let maxDiff = 0;
    for (let i = 0; i < host.length; i++) maxDiff = Math.max(maxDiff, Math.abs(host[i] - gpu[i]));
    // f32 on the GPU against f64 on the host: at most one level apart.
    expect(maxDiff).toBeLessThanOrEqual(1);
    expect(gpu.filter((_, i) => i % 4 === 3).every((a) => a === 255)).toBe(true);
    expect(gpu.some((v, i) => i % 4 !== 3 && v > 20)).toBe(true);
  });
});
