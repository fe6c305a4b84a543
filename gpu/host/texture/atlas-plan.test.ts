// Atlas placement without pixels: the width falls back to the full atlas side when the compact one overflows, so
// every image set within the scene's texel budget fits (limits.ts MAX_TEXTURE_TEXELS).
import { describe, expect, it } from 'vitest';
import { MAX_TEXTURE_TEXELS } from '../../../src/lib/limits.ts';
import { MAX_ATLAS_SIDE, planAtlas, type AtlasRect } from './atlas.ts';

const overlaps = (a: AtlasRect, b: AtlasRect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function expectValid(plan: ReturnType<typeof planAtlas>) {
  expect(plan.width).toBeLessThanOrEqual(MAX_ATLAS_SIDE);
  expect(plan.height).toBeLessThanOrEqual(MAX_ATLAS_SIDE);
  for (const [i, r] of plan.rects.entries()) {
    expect(r.x + r.width).toBeLessThanOrEqual(plan.width);
    expect(r.y + r.height).toBeLessThanOrEqual(plan.height);
    for (const other of plan.rects.slice(i + 1)) expect(overlaps(r, other)).toBe(false);
  }
}

describe('planAtlas', () => {
  it('uses the full atlas width when the compact width would stack too high', () => {
    // Compact width ⌈√(3·3200·4096)⌉ = 6271 holds one image per shelf (12288 rows); 8192 holds two.
    const plan = planAtlas([0, 1, 2].map(() => ({ width: 3200, height: 4096 })));
    expect(plan.width).toBe(MAX_ATLAS_SIDE);
    expectValid(plan);
  });

  it('fits awkward sets within the texel budget', () => {
    const sets = [
      [{ width: 4096, height: 4096 }],
      Array.from({ length: 7 }, () => ({ width: 2049, height: 1160 })),
      Array.from({ length: 64 }, (_, i) => ({ width: 4096 - i * 61, height: 1 + ((i * 37) % 64) })),
      Array.from({ length: 3 }, () => ({ width: 2731, height: 2047 }))
    ];
    for (const sizes of sets) {
      expect(sizes.reduce((s, i) => s + i.width * i.height, 0)).toBeLessThanOrEqual(MAX_TEXTURE_TEXELS);
      expectValid(planAtlas(sizes));
    }
  });

  it('still rejects what cannot fit', () => {
    expect(() => planAtlas(Array.from({ length: 5 }, () => ({ width: 4096, height: 4096 })))).toThrow(/do not fit one 8192×8192 atlas/);
  });
});
