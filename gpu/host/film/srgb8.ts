// Film XYZ (white E) → 8-bit sRGB on the host, exactly the steps of to_srgb8 in gpu/shaders/film/output.wgsl:
// Bradford E→D65 → linear sRGB → sRGB curve (negatives → 0) → ×255, capped at 255, rounded half to even.
// Used after readback (PNG encoding); the colour maths comes from src/lib/color.
import { xyzEToLinearSrgb } from '../../../src/lib/color/convert.ts';
import { srgbEncode } from '../../../src/lib/color/srgb.ts';

/** Round half to even, as WGSL's round(). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** One component: encoded sRGB → byte. NaN gives 0. */
function toByte(encoded: number): number {
  const v = encoded * 255;
  return v > 0 ? roundHalfEven(Math.min(v, 255)) : 0;
}

/** One XYZ_E colour → [r, g, b] bytes. */
export function xyzToSrgb8Pixel(xyz: readonly [number, number, number], exposure = 1): [number, number, number] {
  const rgb = xyzEToLinearSrgb([xyz[0] * exposure, xyz[1] * exposure, xyz[2] * exposure]);
  return [toByte(srgbEncode(Math.max(rgb[0], 0))), toByte(srgbEncode(Math.max(rgb[1], 0))), toByte(srgbEncode(Math.max(rgb[2], 0)))];
}

export interface Srgb8Options {
  /** Floats per input pixel: 4 for rgba-layout buffers (the 4th is ignored), 3 for packed XYZ. Default 4. */
  readonly stride?: 3 | 4;
  /** Scales XYZ before conversion. Default 1. */
  readonly exposure?: number;
}

/** XYZ_E per pixel → RGBA8 (alpha 255), the layout PNG encoders take. */
export function xyzToSrgb8(xyz: Float32Array, options: Srgb8Options = {}): Uint8Array {
  const stride = options.stride ?? 4;
  const exposure = options.exposure ?? 1;
  const pixels = Math.floor(xyz.length / stride);
  const out = new Uint8Array(pixels * 4);
  for (let p = 0; p < pixels; p++) {
    const i = p * stride;
    const [r, g, b] = xyzToSrgb8Pixel([xyz[i], xyz[i + 1], xyz[i + 2]], exposure);
    out[4 * p] = r;
    out[4 * p + 1] = g;
    out[4 * p + 2] = b;
    out[4 * p + 3] = 255;
  }
  return out;
}
