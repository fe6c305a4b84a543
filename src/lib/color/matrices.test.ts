import { describe, expect, it } from 'vitest';
import {
  LINEAR_SRGB_TO_XYZ_D65,
  LINEAR_SRGB_TO_XYZ_E,
  WHITE_D65,
  XYZ_D65_TO_LINEAR_SRGB,
  XYZ_D65_TO_XYZ_E,
  XYZ_E_TO_LINEAR_SRGB,
  mat3Inverse,
  mat3Mul,
  mat3MulVec,
  type Mat3
} from './matrices.ts';

const IDENTITY: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

function expectMatClose(a: Mat3, b: Mat3, tolerance: number): void {
  a.forEach((v, i) => expect(Math.abs(v - b[i]), `entry ${i}`).toBeLessThan(tolerance));
}

describe('matrices', () => {
  it('the published sRGB inverse matches the forward matrix to 7 digits', () => {
    expectMatClose(mat3Mul(XYZ_D65_TO_LINEAR_SRGB, LINEAR_SRGB_TO_XYZ_D65), IDENTITY, 2e-6);
    expectMatClose(mat3Inverse(LINEAR_SRGB_TO_XYZ_D65), XYZ_D65_TO_LINEAR_SRGB, 2e-6);
  });
  it('Bradford D65→E maps the D65 white to (1,1,1)', () => {
    mat3MulVec(XYZ_D65_TO_XYZ_E, WHITE_D65).forEach((v) => expect(v).toBeCloseTo(1, 12));
  });
  it('composites are plain arrays of 9 finite numbers (WGSL constants)', () => {
    for (const m of [LINEAR_SRGB_TO_XYZ_E, XYZ_E_TO_LINEAR_SRGB]) {
      expect(Array.isArray(m)).toBe(true);
      expect(m).toHaveLength(9);
      m.forEach((v) => expect(Number.isFinite(v)).toBe(true));
    }
    expectMatClose(mat3Mul(XYZ_E_TO_LINEAR_SRGB, LINEAR_SRGB_TO_XYZ_E), IDENTITY, 2e-6);
  });
});
