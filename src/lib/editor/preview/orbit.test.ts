import { describe, expect, it } from 'vitest';
import { cross, dot, length, normalize, sub, type V3 } from '../../../../gpu/host/math/vec3.ts';
import { dolly, orbit, orbitCamera, pan, roundPoint, wheelFactor, type OrbitCamera } from './orbit.ts';

const CORNELL: OrbitCamera = { look_from: [278, 278, -800], look_at: [278, 278, 0], up: [0, 1, 0], vertical_fov: 40 };
const distance = (c: { look_from: V3; look_at: V3 }) => length(sub(c.look_from, c.look_at));
const close = (a: V3, b: V3, eps = 1e-6) => a.every((x, i) => Math.abs(x - b[i]) <= eps * Math.max(1, Math.abs(b[i])));

describe('orbit', () => {
  it('keeps look_at and the distance to it, for any turn', () => {
    for (const [az, el] of [[0.3, 0], [0, 0.4], [-2, -1.2], [7, 3]]) {
      const moved = orbit(CORNELL, az, el);
      expect(moved.look_at).toEqual(CORNELL.look_at);
      expect(Math.abs(distance(moved) - 800)).toBeLessThan(1e-9 * 800);
    }
  });

  it('a positive azimuth moves the camera to its right, a positive elevation raises it', () => {
    const right = normalize(cross(CORNELL.up, sub(CORNELL.look_from, CORNELL.look_at)));
    expect(dot(sub(orbit(CORNELL, 0.2, 0).look_from, CORNELL.look_from), right)).toBeGreaterThan(0);
    expect(orbit(CORNELL, 0, 0.2).look_from[1]).toBeGreaterThan(278);
    expect(orbit(CORNELL, 0, -0.2).look_from[1]).toBeLessThan(278);
  });

  it('stops short of the poles, so the camera frame stays defined', () => {
    const top = orbit(CORNELL, 0, 10);
    const offset = normalize(sub(top.look_from, top.look_at));
    expect(dot(offset, [0, 1, 0])).toBeLessThan(1);
    expect(length(cross([0, 1, 0], offset))).toBeGreaterThan(1e-3);
    expect(orbitCamera({ ...CORNELL, look_from: top.look_from, aperture: 0 })).toBeDefined();
  });

  it('a turn and its opposite come back to the start', () => {
    const back = orbit({ ...CORNELL, ...orbit(CORNELL, 0.5, 0) }, -0.5, 0);
    expect(close(back.look_from, CORNELL.look_from)).toBe(true);
  });
});

describe('pan', () => {
  it('moves both points by the same vector, in the image plane', () => {
    const moved = pan(CORNELL, 0.25, -0.1);
    const a = sub(moved.look_from, CORNELL.look_from);
    const b = sub(moved.look_at, CORNELL.look_at);
    expect(close(a, b)).toBe(true);
    expect(Math.abs(dot(a, [0, 0, 1]))).toBeLessThan(1e-9);
    // A quarter of the view height at look_at (2·800·tan 20°), to the camera's right (−x here).
    expect(a[0]).toBeCloseTo(-0.25 * 2 * 800 * Math.tan((20 * Math.PI) / 180), 9);
    expect(a[1]).toBeCloseTo(-0.1 * 2 * 800 * Math.tan((20 * Math.PI) / 180), 9);
  });
});

describe('dolly', () => {
  it('scales the distance to look_at along the view line', () => {
    const moved = dolly(CORNELL, 0.5);
    expect(moved.look_at).toEqual(CORNELL.look_at);
    expect(close(moved.look_from, [278, 278, -400])).toBe(true);
  });

  it('never reaches or crosses look_at, whatever the factor', () => {
    let camera = CORNELL;
    for (let i = 0; i < 50; i++) camera = { ...camera, ...dolly(camera, wheelFactor(-2000)) };
    expect(camera.look_from[2]).toBeLessThan(0);
    for (const f of [0, -3, Number.NaN]) {
      const moved = dolly(CORNELL, f);
      expect(moved.look_from[2]).toBeLessThan(0);
      expect(distance(moved)).toBeGreaterThan(0);
    }
  });

  it('wheel factors: down moves away, up moves closer, opposite turns cancel', () => {
    expect(wheelFactor(100)).toBeGreaterThan(1);
    expect(wheelFactor(-100)).toBeLessThan(1);
    expect(wheelFactor(120) * wheelFactor(-120)).toBeCloseTo(1, 12);
  });
});

describe('orbitCamera', () => {
  it('accepts a usable scene camera and refuses unusable ones', () => {
    expect(orbitCamera({ ...CORNELL, aperture: 0, focus_distance: 10 })).toEqual(CORNELL);
    expect(orbitCamera(undefined)).toBeUndefined();
    expect(orbitCamera({ ...CORNELL, look_from: CORNELL.look_at })).toBeUndefined();
    expect(orbitCamera({ ...CORNELL, up: [0, 0, 1] })).toBeUndefined();
    expect(orbitCamera({ ...CORNELL, vertical_fov: 0 })).toBeUndefined();
    expect(orbitCamera({ ...CORNELL, look_at: [1, 2] })).toBeUndefined();
  });

  it('roundPoint keeps 4 decimals', () => {
    expect(roundPoint([1.234567, -0.00004, 5])).toEqual([1.2346, -0, 5]);
  });
});
