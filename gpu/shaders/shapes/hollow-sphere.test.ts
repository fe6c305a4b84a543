// The hollow glass ball of "Ray Tracing in One Weekend" (radius 0.5 around a −0.45 sphere of the same glass): the
// negative radius turns the inner wall's normal inward, so a ray leaves the glass into the air bubble there. The
// shell then bends light little and the view through its centre is the backdrop as it is; a solid ball is a ball
// lens (focal length nR / 2(n − 1) = 0.75 from its centre) and shows the backdrop behind it upside down.
import { describe, expect, it } from 'vitest';
import { renderTest } from '../../host/testing/render-scene.ts';
import type { RenderResult } from '../../host/render/types.ts';

const GLASS = { kind: 'Dielectric', refractive_index: 1.5 };
const SIZE = 48;

/** A backdrop 2 units behind the ball, bright above y = 0 (a light facing the camera) and black below. */
function scene(balls: unknown[]): unknown {
  return {
    time_0: 0,
    time_1: 1,
    background_color: [0, 0, 0],
    camera: { look_from: [0, 0, -4], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 20, aperture: 0, focus_distance: 4 },
    objects: [
      { kind: 'Quad', q: [-4, 0, 2], u: [0, 4, 0], v: [8, 0, 0], material: { kind: 'DiffuseLight', emit: { kind: 'SolidColor', color: { xyz_e: [1, 1, 1] } } } },
      ...balls
    ]
  };
}

const ball = (radius: number, center = [0, 0, 0]) => ({ kind: 'Sphere', center, radius, material: GLASS });

/**
 * Mean Y over the image's central disc (a third of the ball's on-screen radius of ~17 pixels), split at the
 * horizon: [upper half, lower half].
 */
function centre(r: RenderResult): [number, number] {
  const sums = [0, 0];
  const counts = [0, 0];
  const c = SIZE / 2;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      if (Math.hypot(x + 0.5 - c, y + 0.5 - c) > 6) continue;
      const half = y < c ? 0 : 1;
      sums[half] += r.xyz[(y * SIZE + x) * 3 + 1];
      counts[half]++;
    }
  }
  return [sums[0] / counts[0], sums[1] / counts[1]];
}

describe('negative sphere radius', () => {
  it('a hollow glass ball shows the backdrop through its centre as it is; a solid one shows it inverted', async () => {
    const options = { width: SIZE, height: SIZE, samples: 64, maxDepth: 16 };
    // The backdrop alone has the same glass ball, out of sight behind the camera, so all three share one kernel.
    const [open, hollow, solid] = await Promise.all(
      [[ball(0.5, [0, 0, -10])], [ball(0.5), ball(-0.45)], [ball(0.5)]].map((balls) => renderTest(scene(balls), options))
    );
    const [openUp, openDown] = centre(open);
    const [hollowUp, hollowDown] = centre(hollow);
    const [solidUp, solidDown] = centre(solid);
    expect(openDown, 'backdrop: below the horizon').toBe(0);
    // Through the bubble: the bright half stays above, dimmed only by the shell's four Fresnel reflections
    // (about 4% each at normal incidence), and the dark half stays dark.
    expect(hollowUp / openUp, 'hollow: upper centre / backdrop').toBeGreaterThan(0.75);
    expect(hollowUp / openUp, 'hollow: upper centre / backdrop').toBeLessThan(1);
    expect(hollowDown / openUp, 'hollow: lower centre / backdrop').toBeLessThan(0.1);
    // Through the solid ball the halves swap.
    expect(solidDown / openUp, 'solid: lower centre / backdrop').toBeGreaterThan(0.75);
    expect(solidUp / openUp, 'solid: upper centre / backdrop').toBeLessThan(0.1);
    for (const r of [open, hollow, solid]) expect(r.stats.droppedSamples).toBe(0);
  });
});
