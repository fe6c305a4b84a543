// Calibration against the reference engine (test/fixtures/reference/README.md): each scene rendered at
// 256×256, 64 spp, max depth 64 must match the reference's 1024-spp image as closely as the reference's own
// 64-spp render does: blurred relative MSE within its figure, channel means within 3% (15% for the caustics
// of spectral_glass, whose reference converges slowly).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { xyzToSrgb8 } from '../gpu/host/film/srgb8.ts';
import { renderTest } from '../gpu/host/testing/render-scene.ts';
import { boxBlur, compareImages, decodePng, fromRgba8 } from './image-metrics.ts';

const FIXTURES = new URL('./fixtures/reference/', import.meta.url);

// relMse: the reference's own 64-spp figure. With next-event estimation this renderer does better; `ourRelMse` is
// what it measured when the test was written (×1.6 for noise on other adapters), so a regression that stays
// inside the reference's noise (a 1% darkening from self-intersection, say) still fails here.
const SCENES = [
  { name: 'cornell_classic', relMse: 1.4e-3, ourRelMse: 7e-4, meanTolerance: 0.03 },
  { name: 'spectral_glass', relMse: 7.5e-2, ourRelMse: 7.5e-2, meanTolerance: 0.15 },
  { name: 'smoke_motion', relMse: 6.6e-4, ourRelMse: 4e-4, meanTolerance: 0.03 }
];

describe('calibration against the reference engine', () => {
  for (const { name, relMse, ourRelMse, meanTolerance } of SCENES) {
    it(`${name}: 256², 64 spp matches the reference within its own 64-spp noise figures`, async () => {
      const scene = JSON.parse(readFileSync(new URL(`scenes/${name}.json`, FIXTURES), 'utf8'));
      const result = await renderTest(scene, { width: 256, height: 256, samples: 64, maxDepth: 64, seed: 1 });
      const ours = boxBlur(fromRgba8(xyzToSrgb8(result.xyz, { stride: 3 }), 256, 256), 2);
      const reference = boxBlur(decodePng(readFileSync(new URL(`images/${name}_256_1024.png`, FIXTURES))), 2);
      const cmp = compareImages(ours, reference);
      console.log(`${name}: mean ratio ${cmp.meanRatio.map((r) => r.toFixed(3)).join('/')}, relMSE ${cmp.relMse.toExponential(2)}`);
      for (const ratio of cmp.meanRatio) expect(Math.abs(ratio - 1)).toBeLessThan(meanTolerance);
      expect(cmp.relMse).toBeLessThan(Math.min(relMse, ourRelMse));
      expect(result.stats.droppedSamples).toBe(0);
    }, 600_000);
  }
});
