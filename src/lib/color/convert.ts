// Colour inputs → CIE XYZ relative to the equal-energy white E (the renderer's internal space), and the film's
// output direction. Paths follow spec §1.7: sRGB decode (unclamped) → XYZ(D65) → Bradford D65→E.
import type {
  BackgroundColor,
  ColorInit,
  DielectricColor,
  OklchValue,
  RgbFields,
  RgbValue,
  XyzValue
} from '../scene/schema-color.ts';
import {
  LINEAR_SRGB_TO_XYZ_D65,
  LMS_TO_XYZ_D65,
  OKLAB_TO_LMS_PRIME,
  XYZ_D65_TO_LINEAR_SRGB,
  XYZ_D65_TO_XYZ_E,
  XYZ_E_TO_XYZ_D65,
  mat3MulVec,
  type Vec3Tuple
} from './matrices.ts';
import { parseHex, srgbDecode, srgbEncode } from './srgb.ts';

type Triple = readonly [number, number, number];

/** Positional or named-field colour → [a, b, c]. */
export function rgbTriple(value: RgbValue): Vec3Tuple {
  return Array.isArray(value) ? [value[0], value[1], value[2]] : [value.red, value.green, value.blue];
}
export function xyzTriple(value: XyzValue): Vec3Tuple {
  return Array.isArray(value) ? [value[0], value[1], value[2]] : [value.x, value.y, value.z];
}
export function oklchTriple(value: OklchValue): Vec3Tuple {
  return Array.isArray(value) ? [value[0], value[1], value[2]] : [value.l, value.chroma, value.hue];
}

export function xyzD65ToXyzE(xyz: Triple): Vec3Tuple {
  return mat3MulVec(XYZ_D65_TO_XYZ_E, xyz);
}
export function xyzEToXyzD65(xyz: Triple): Vec3Tuple {
  return mat3MulVec(XYZ_E_TO_XYZ_D65, xyz);
}
export function linearSrgbToXyzE(rgb: Triple): Vec3Tuple {
  return xyzD65ToXyzE(mat3MulVec(LINEAR_SRGB_TO_XYZ_D65, rgb));
}
/** Non-linear sRGB (values above 1 allowed: [4,4,4] is ≈25.31 linear) → XYZ_E. */
export function srgbToXyzE(rgb: Triple): Vec3Tuple {
  return linearSrgbToXyzE([srgbDecode(rgb[0]), srgbDecode(rgb[1]), srgbDecode(rgb[2])]);
}
/** Film output: XYZ_E → Bradford E→D65 → linear sRGB (unclamped). */
export function xyzEToLinearSrgb(xyz: Triple): Vec3Tuple {
  return mat3MulVec(XYZ_D65_TO_LINEAR_SRGB, xyzEToXyzD65(xyz));
}
/** XYZ_E → non-linear sRGB (unclamped), e.g. for colour swatches. */
export function xyzEToSrgb(xyz: Triple): Vec3Tuple {
  const [r, g, b] = xyzEToLinearSrgb(xyz);
  return [srgbEncode(r), srgbEncode(g), srgbEncode(b)];
}

/** Oklch (L, chroma, hue in degrees) → Oklab → LMS → XYZ(D65). */
export function oklchToXyzD65([l, chroma, hueDeg]: Triple): Vec3Tuple {
  const h = (hueDeg * Math.PI) / 180;
  const [lp, mp, sp] = mat3MulVec(OKLAB_TO_LMS_PRIME, [l, chroma * Math.cos(h), chroma * Math.sin(h)]);
  return mat3MulVec(LMS_TO_XYZ_D65, [lp * lp * lp, mp * mp * mp, sp * sp * sp]);
}

/** Every ColorInit form → XYZ_E. */
export function colorInitToXyzE(color: ColorInit): Vec3Tuple {
  if (Array.isArray(color)) return srgbToXyzE(color); // legacy array: non-linear sRGB
  if (isRgbFields(color)) return srgbToXyzE(rgbTriple(color)); // older era's bare Srgb struct
  if ('hex' in color) return srgbToXyzE(parseHex(color.hex));
  if ('srgb' in color) return srgbToXyzE(rgbTriple(color.srgb));
  if ('lin_srgb' in color) return linearSrgbToXyzE(rgbTriple(color.lin_srgb));
  if ('xyz_e' in color) return xyzTriple(color.xyz_e);
  if ('xyz_d65' in color) return xyzD65ToXyzE(xyzTriple(color.xyz_d65));
  return xyzD65ToXyzE(oklchToXyzD65(oklchTriple(color.oklch)));
}

/** `background_color` (plain non-linear sRGB) → XYZ_E. */
export function backgroundToXyzE(color: BackgroundColor): Vec3Tuple {
  return srgbToXyzE(rgbTriple(color));
}

function isRgbFields(value: object): value is RgbFields {
  return typeof (value as Partial<RgbFields>).red === 'number';
}

/** `Dielectric.color` → XYZ_E: arrays and {x,y,z} are XYZ_E; the older era's {red,green,blue} is sRGB. */
export function dielectricColorToXyzE(color: DielectricColor): Vec3Tuple {
  if (Array.isArray(color)) return [color[0], color[1], color[2]];
  if (isRgbFields(color)) return srgbToXyzE(rgbTriple(color));
  return xyzTriple(color);
}
