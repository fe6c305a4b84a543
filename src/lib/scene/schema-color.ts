// Scalars, vectors and colour forms of the scene format (spec §1.1, §1.7 and Appendix A).
// Field-name objects ({red,green,blue}, {x,y,z}, {l,chroma,hue}) are loose like every serde struct;
// the tagged colour wrappers ({"hex": …}) are strict because serde reads them as single-key enums.
import { z } from 'zod';
import { HexColorError, parseHex } from '../color/srgb.ts';
import { MAX_HEX_LENGTH } from '../limits.ts';

/** Any finite number (zod 4 already rejects NaN and ±Infinity). */
export const finiteNumber = z.number();

/** Exactly three finite numbers: positions, directions, offsets, Euler angles. */
export const vec3Schema = z.tuple([finiteNumber, finiteNumber, finiteNumber]);
export type Vec3 = z.output<typeof vec3Schema>;

export const rgbFieldsSchema = z.looseObject({
  red: finiteNumber.describe('Red'),
  green: finiteNumber.describe('Green'),
  blue: finiteNumber.describe('Blue')
});
export const xyzFieldsSchema = z.looseObject({
  x: finiteNumber.describe('X'),
  y: finiteNumber.describe('Y (luminance)'),
  z: finiteNumber.describe('Z')
});
export const oklchFieldsSchema = z.looseObject({
  l: finiteNumber.describe('Perceptual lightness, 0 (black) to 1 (white)'),
  chroma: finiteNumber.describe('Chroma, 0 (grey) to about 0.4'),
  hue: finiteNumber.describe('Hue angle in degrees')
});
export type RgbFields = z.output<typeof rgbFieldsSchema>;
export type XyzFields = z.output<typeof xyzFieldsSchema>;
export type OklchFields = z.output<typeof oklchFieldsSchema>;

/** palette `Srgb`-like value: positional array or named fields. */
export const rgbSchema = z.union([vec3Schema, rgbFieldsSchema], {
  error: 'expected [red, green, blue] or {"red", "green", "blue"}'
});
export const xyzSchema = z.union([vec3Schema, xyzFieldsSchema], { error: 'expected [x, y, z] or {"x", "y", "z"}' });
export const oklchSchema = z.union([vec3Schema, oklchFieldsSchema], {
  error: 'expected [l, chroma, hue] or {"l", "chroma", "hue"}'
});
export type RgbValue = z.output<typeof rgbSchema>;
export type XyzValue = z.output<typeof xyzSchema>;
export type OklchValue = z.output<typeof oklchSchema>;

/** A hex string, validated by the same parser the colour conversion uses. */
export const hexSchema = z
  .string()
  .max(MAX_HEX_LENGTH)
  .superRefine((text, ctx) => {
    try {
      parseHex(text);
    } catch (error) {
      if (!(error instanceof HexColorError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
    }
  });

/**
 * ColorInit, tried in the reference's order: legacy array (non-linear sRGB, may exceed 1), the older era's
 * bare {red,green,blue} (non-linear sRGB), then the single-key tagged forms.
 */
export const colorInitSchema = z.union(
  [
    vec3Schema.describe(
      'Legacy [r, g, b]: non-linear sRGB, 1 is white; may exceed 1 for lights ([4, 4, 4] is about 25 in linear terms)'
    ),
    rgbFieldsSchema.describe('Older files\' {"red", "green", "blue"}: non-linear sRGB, as the legacy array'),
    z.strictObject({ hex: hexSchema.describe('sRGB as hex: "#rrggbb", "rrggbb", "#rgb" or "rgb"') }),
    z.strictObject({
      srgb: rgbSchema.describe('Non-linear sRGB (the usual 0–1 RGB of colour pickers), [r, g, b] or named fields')
    }),
    z.strictObject({ lin_srgb: rgbSchema.describe('Linear sRGB (no transfer curve), [r, g, b] or named fields') }),
    z.strictObject({
      xyz_e: xyzSchema.describe(
        'CIE XYZ relative to the equal-energy white E, the renderer\'s own space: [1, 1, 1] is a flat spectrum of 1'
      )
    }),
    z.strictObject({
      xyz_d65: xyzSchema.describe('CIE XYZ relative to D65 white (Y = 1 is white), adapted to E by Bradford')
    }),
    z.strictObject({ oklch: oklchSchema.describe('Oklch [l, chroma, hue] or named fields') })
  ],
  {
    error:
      'expected a colour: [r, g, b] (sRGB), {"red","green","blue"} or one of {"hex"}, {"srgb"}, {"lin_srgb"}, {"xyz_e"}, {"xyz_d65"}, {"oklch"}'
  }
);
export type ColorInit = z.output<typeof colorInitSchema>;

/** `background_color`: plain non-linear sRGB (not a ColorInit). */
export const backgroundColorSchema = rgbSchema.describe('Non-linear sRGB: [r, g, b] or {"red", "green", "blue"}');
export type BackgroundColor = RgbValue;

/**
 * `Dielectric.color`: XYZ_E as [x,y,z] or {x,y,z}. Older (clovers-service era) files wrote it as sRGB
 * {red,green,blue}; that form is kept as is and its key names mark it as sRGB for the compiler
 * (`dielectricColorToXyzE`). An older-era sRGB *array* is indistinguishable and reads as XYZ_E, as at HEAD.
 */
export const dielectricColorSchema = z.union([
  vec3Schema.describe('XYZ_E [x, y, z]'),
  xyzFieldsSchema.describe('XYZ_E {"x", "y", "z"}'),
  rgbFieldsSchema.describe('Older files\' sRGB {"red", "green", "blue"} (non-linear)')
], {
  error: 'expected XYZ_E [x, y, z], {"x", "y", "z"} or sRGB {"red", "green", "blue"}'
});
export type DielectricColor = z.output<typeof dielectricColorSchema>;
