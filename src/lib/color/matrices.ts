// Colour-space matrices, row-major 3×3 as plain number arrays so the GPU code can emit the very same
// constants as WGSL. Sources: sRGB (IEC 61966-2-1, palette's 7-digit constants), Bradford cone response
// (Lam 1985), Oklab (Ottosson 2020).

export type Vec3Tuple = [number, number, number];
/** Row-major: m[3*row + col]. */
export type Mat3 = readonly [number, number, number, number, number, number, number, number, number];

export function mat3MulVec(m: Mat3, v: readonly [number, number, number]): Vec3Tuple {
  return [
    m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
    m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
    m[6] * v[0] + m[7] * v[1] + m[8] * v[2]
  ];
}

export function mat3Mul(a: Mat3, b: Mat3): Mat3 {
  const out: number[] = [];
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) out.push(a[3 * r] * b[c] + a[3 * r + 1] * b[3 + c] + a[3 * r + 2] * b[6 + c]);
  }
  return out as unknown as Mat3;
}

export function mat3Inverse(m: Mat3): Mat3 {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (det === 0) throw new Error('singular matrix');
  const k = 1 / det;
  return [
    A * k, -(b * i - c * h) * k, (b * f - c * e) * k,
    B * k, (a * i - c * g) * k, -(a * f - c * d) * k,
    C * k, -(a * h - b * g) * k, (a * e - b * d) * k
  ];
}

/** Linear sRGB → CIE XYZ (white D65). */
export const LINEAR_SRGB_TO_XYZ_D65: Mat3 = [
  0.4124564, 0.3575761, 0.1804375,
  0.2126729, 0.7151522, 0.072175,
  0.0193339, 0.119192, 0.9503041
];

/** CIE XYZ (white D65) → linear sRGB: the published 7-digit inverse. */
export const XYZ_D65_TO_LINEAR_SRGB: Mat3 = [
  3.2404542, -1.5371385, -0.4985314,
  -0.969266, 1.8760108, 0.041556,
  0.0556434, -0.2040259, 1.0572252
];

/** XYZ → Bradford "cone" response (sharpened LMS). */
export const BRADFORD: Mat3 = [
  0.8951, 0.2664, -0.1614,
  -0.7502, 1.7135, 0.0367,
  0.0389, -0.0685, 1.0296
];

export const WHITE_D65: Vec3Tuple = [0.95047, 1, 1.08883];
export const WHITE_E: Vec3Tuple = [1, 1, 1];

/** Von Kries adaptation in Bradford space: M⁻¹ · diag(dst/src) · M. */
export function bradfordAdaptation(srcWhite: Vec3Tuple, dstWhite: Vec3Tuple): Mat3 {
  const src = mat3MulVec(BRADFORD, srcWhite);
  const dst = mat3MulVec(BRADFORD, dstWhite);
  const scale: Mat3 = [dst[0] / src[0], 0, 0, 0, dst[1] / src[1], 0, 0, 0, dst[2] / src[2]];
  return mat3Mul(mat3Inverse(BRADFORD), mat3Mul(scale, BRADFORD));
}

export const XYZ_D65_TO_XYZ_E: Mat3 = bradfordAdaptation(WHITE_D65, WHITE_E);
export const XYZ_E_TO_XYZ_D65: Mat3 = bradfordAdaptation(WHITE_E, WHITE_D65);

/** The two composite matrices the renderer needs: colour input and film output. */
export const LINEAR_SRGB_TO_XYZ_E: Mat3 = mat3Mul(XYZ_D65_TO_XYZ_E, LINEAR_SRGB_TO_XYZ_D65);
export const XYZ_E_TO_LINEAR_SRGB: Mat3 = mat3Mul(XYZ_D65_TO_LINEAR_SRGB, XYZ_E_TO_XYZ_D65);

/** Oklab (L,a,b) → non-linear LMS (l', m', s'); cube these to get LMS. */
export const OKLAB_TO_LMS_PRIME: Mat3 = [
  1, 0.3963377774, 0.2158037573,
  1, -0.1055613458, -0.0638541728,
  1, -0.0894841775, -1.291485548
];

/** LMS → CIE XYZ (D65), the inverse of Ottosson's M1. */
export const LMS_TO_XYZ_D65: Mat3 = [
  1.2270138511, -0.5577999807, 0.281256149,
  -0.0405801784, 1.1122568696, -0.0716766787,
  -0.0763812845, -0.4214819784, 1.5861632204
];
