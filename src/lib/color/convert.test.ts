import { describe, expect, it } from 'vitest';
import {
  colorInitToXyzE,
  dielectricColorToXyzE,
  linearSrgbToXyzE,
  oklchToXyzD65,
  srgbToXyzE,
  xyzD65ToXyzE,
  xyzEToLinearSrgb,
  xyzEToSrgb,
  xyzEToXyzD65
} from './convert.ts';
import type { ColorInit } from '../scene/schema-color.ts';

function expectClose(actual: readonly number[], expected: readonly number[], tolerance = 1e-4): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]), `component ${i}: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance));
}

describe('sRGB → XYZ_E (Appendix B)', () => {
  it('primaries', () => {
    expectClose(srgbToXyzE([1, 0, 0]), [0.4385, 0.22285, 0.01732]);
    expectClose(srgbToXyzE([0, 1, 0]), [0.39214, 0.70867, 0.11046]);
    expectClose(srgbToXyzE([0, 0, 1]), [0.16936, 0.06847, 0.87222]);
  });
  it('white maps to XYZ_E (1,1,1)', () => {
    expectClose(srgbToXyzE([1, 1, 1]), [1, 1, 1]);
  });
  it('legacy gain above 1 follows the sRGB power curve', () => {
    expectClose(srgbToXyzE([4, 4, 4]), [25.3147, 25.3147, 25.3147], 2e-3);
    expectClose(colorInitToXyzE([0.73, 0.73, 0.73]), [0.4919, 0.4919, 0.4919], 2e-4);
  });
});

describe('round trips', () => {
  it('linear sRGB ↔ XYZ_E', () => {
    for (const rgb of [[0.2, 0.5, 0.9], [1, 0, 0], [0.01, 0.02, 0.03], [3, 2, 1]] as const) {
      expectClose(xyzEToLinearSrgb(linearSrgbToXyzE(rgb)), rgb, 1e-6);
    }
  });
  it('XYZ D65 ↔ E', () => {
    expectClose(xyzEToXyzD65(xyzD65ToXyzE([0.3, 0.6, 0.1])), [0.3, 0.6, 0.1], 1e-9);
    expectClose(xyzEToXyzD65([1, 1, 1]), [0.95047, 1, 1.08883], 1e-9);
  });
  it('sRGB ↔ XYZ_E', () => {
    expectClose(xyzEToSrgb(srgbToXyzE([0.25, 0.5, 0.75])), [0.25, 0.5, 0.75], 1e-6);
  });
});

describe('Oklch', () => {
  it('white (1, 0, 0) is D65 white, i.e. XYZ_E (1,1,1)', () => {
    expectClose(oklchToXyzD65([1, 0, 0]), [0.95047, 1, 1.08883], 1e-3);
    expectClose(colorInitToXyzE({ oklch: [1, 0, 0] }), [1, 1, 1], 1e-3);
    expectClose(colorInitToXyzE({ oklch: { l: 1, chroma: 0, hue: 123 } }), [1, 1, 1], 1e-3);
  });
  it('a saturated colour agrees with sRGB red (Oklch of #ff0000 ≈ 0.62796, 0.25768, 29.234°)', () => {
    expectClose(colorInitToXyzE({ oklch: [0.62796, 0.25768, 29.234] }), srgbToXyzE([1, 0, 0]), 2e-3);
  });
});

describe('colorInitToXyzE: every form', () => {
  const red = srgbToXyzE([1, 0, 0]);
  const cases: [string, ColorInit, readonly number[]][] = [
    ['legacy array', [1, 0, 0], red],
    ['bare {red,green,blue} (older era)', { red: 1, green: 0, blue: 0 }, red],
    ['hex #rrggbb', { hex: '#ff0000' }, red],
    ['hex rrggbb', { hex: 'FF0000' }, red],
    ['hex #rgb', { hex: '#f00' }, red],
    ['hex rgb', { hex: 'f00' }, red],
    ['srgb array', { srgb: [1, 0, 0] }, red],
    ['srgb fields', { srgb: { red: 1, green: 0, blue: 0 } }, red],
    ['lin_srgb array', { lin_srgb: [1, 0, 0] }, red],
    ['lin_srgb fields', { lin_srgb: { red: 1, green: 0, blue: 0 } }, red],
    ['xyz_e array', { xyz_e: [0.1, 0.2, 0.3] }, [0.1, 0.2, 0.3]],
    ['xyz_e fields', { xyz_e: { x: 0.1, y: 0.2, z: 0.3 } }, [0.1, 0.2, 0.3]],
    ['xyz_d65 array', { xyz_d65: [0.95047, 1, 1.08883] }, [1, 1, 1]],
    ['xyz_d65 fields', { xyz_d65: { x: 0.95047, y: 1, z: 1.08883 } }, [1, 1, 1]]
  ];
  for (const [name, color, expected] of cases) {
    it(name, () => expectClose(colorInitToXyzE(color), expected, 1e-6));
  }
  it('lin_srgb skips the decode curve', () => {
    expectClose(colorInitToXyzE({ lin_srgb: [0.5, 0.5, 0.5] }), [0.5, 0.5, 0.5], 1e-6);
    expectClose(colorInitToXyzE({ srgb: [0.5, 0.5, 0.5] }), [0.21404, 0.21404, 0.21404], 1e-5);
  });
});

describe('dielectricColorToXyzE', () => {
  it('arrays and {x,y,z} are XYZ_E; {red,green,blue} is sRGB', () => {
    expectClose(dielectricColorToXyzE([0.9, 1, 1]), [0.9, 1, 1], 0);
    expectClose(dielectricColorToXyzE({ x: 0.9, y: 1, z: 1 }), [0.9, 1, 1], 0);
    expectClose(dielectricColorToXyzE({ red: 1, green: 0, blue: 0 }), srgbToXyzE([1, 0, 0]), 1e-9);
  });
});
