import { describe, expect, it } from 'vitest';
import { XYZ_E_TO_LINEAR_SRGB } from '../../../src/lib/color/matrices.ts';
import { colorMatricesWgsl, mat3ToWgsl } from './color-matrices.ts';
import { roundHalfEven, xyzToSrgb8, xyzToSrgb8Pixel } from './srgb8.ts';

describe('film XYZ → 8-bit sRGB on the host', () => {
  it('maps the flat-1.0 film XYZ to 141 and XYZ_E (1,1,1) to 255 (Appendix B)', () => {
    expect(xyzToSrgb8Pixel([0.2669, 0.2673, 0.2671])).toEqual([141, 141, 141]);
    expect(xyzToSrgb8Pixel([1, 1, 1])).toEqual([255, 255, 255]);
    expect(xyzToSrgb8Pixel([6.8, 6.8, 6.8])).toEqual([255, 255, 255]);
    expect(xyzToSrgb8Pixel([0, 0, 0])).toEqual([0, 0, 0]);
  });

  it('applies exposure, sends negatives and NaN to 0', () => {
    expect(xyzToSrgb8Pixel([0.5338, 0.5346, 0.5342], 0.5)).toEqual([141, 141, 141]);
    expect(xyzToSrgb8Pixel([-1, -1, -1])).toEqual([0, 0, 0]);
    expect(xyzToSrgb8Pixel([NaN, NaN, NaN])).toEqual([0, 0, 0]);
    // Pure XYZ_E X is outside sRGB: green goes negative and clips to 0.
    expect(xyzToSrgb8Pixel([0.3, 0, 0])[1]).toBe(0);
  });

  it('rounds half to even like WGSL round()', () => {
    expect([0.5, 1.5, 2.5, 140.5, 141.5, 254.5, 3.2, 3.7].map(roundHalfEven)).toEqual([0, 2, 2, 140, 142, 254, 3, 4]);
  });

  it('converts rgba and rgb buffers to RGBA8', () => {
    const rgba = Float32Array.from([0.2669, 0.2673, 0.2671, 9, 1, 1, 1, 0]);
    expect(Array.from(xyzToSrgb8(rgba))).toEqual([141, 141, 141, 255, 255, 255, 255, 255]);
    const rgb = Float32Array.from([0.2669, 0.2673, 0.2671, 0, 0, 0]);
    expect(Array.from(xyzToSrgb8(rgb, { stride: 3 }))).toEqual([141, 141, 141, 255, 0, 0, 0, 255]);
  });

  it('emits the colour module matrix as WGSL column-major constants', () => {
    const wgsl = colorMatricesWgsl();
    expect(wgsl).toContain('const XYZ_E_TO_LINEAR_SRGB: mat3x3f = mat3x3f(');
    const numbers = mat3ToWgsl(XYZ_E_TO_LINEAR_SRGB).match(/-?[\d.]+(e-?\d+)?/g)!.map(Number);
    const m = XYZ_E_TO_LINEAR_SRGB;
    expect(numbers.slice(2)).toEqual([m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]].map(Math.fround));
  });
});
