// The colour forms a colour field accepts (spec §1.7), how to tell which one a value uses, and conversions
// between them through XYZ_E (the renderer's space), so switching a field's form keeps its colour. The colour
// picker shows the value as 8-bit sRGB and writes: {"hex": …} for ColorInit fields, sRGB floats in the field's
// current shape for `background_color`, and sRGB {"red","green","blue"} for `Dielectric.color`.
import {
  backgroundColorSchema,
  colorInitSchema,
  dielectricColorSchema,
  type ColorInit
} from '$lib/scene/schema.ts';
import {
  backgroundToXyzE,
  colorInitToXyzE,
  dielectricColorToXyzE,
  xyzEToLinearSrgb,
  xyzEToSrgb,
  xyzEToXyzD65
} from '$lib/color/convert.ts';
import { LMS_TO_XYZ_D65, OKLAB_TO_LMS_PRIME, mat3Inverse, mat3MulVec, type Vec3Tuple } from '$lib/color/matrices.ts';
import { parseHex, toHex } from '$lib/color/srgb.ts';
import type { JsonPath } from '../document.ts';
import type { ColorSpace } from './descriptors.ts';

export type ColorFormId =
  | 'srgb_array' | 'rgb_fields' | 'hex' | 'srgb' | 'lin_srgb' | 'xyz_e' | 'xyz_d65' | 'oklch' | 'xyz_array' | 'xyz_fields';

export interface ColorForm {
  readonly id: ColorFormId;
  readonly label: string;
  readonly tooltip: string;
}

const FORMS: Record<ColorFormId, ColorForm> = {
  srgb_array: { id: 'srgb_array', label: '[r, g, b] sRGB', tooltip: 'Non-linear sRGB floats; above 1 means gain (brighter lights).' },
  rgb_fields: { id: 'rgb_fields', label: '{red, green, blue} sRGB', tooltip: 'Non-linear sRGB floats with named fields.' },
  hex: { id: 'hex', label: '{hex}', tooltip: '8-bit sRGB as #rrggbb, rrggbb, #rgb or rgb.' },
  srgb: { id: 'srgb', label: '{srgb}', tooltip: 'Non-linear sRGB floats.' },
  lin_srgb: { id: 'lin_srgb', label: '{lin_srgb}', tooltip: 'Linear sRGB floats.' },
  xyz_e: { id: 'xyz_e', label: '{xyz_e}', tooltip: 'CIE XYZ relative to the equal-energy white E: [1, 1, 1] is a flat spectrum of 1.' },
  xyz_d65: { id: 'xyz_d65', label: '{xyz_d65}', tooltip: 'CIE XYZ relative to D65.' },
  oklch: { id: 'oklch', label: '{oklch}', tooltip: 'Oklch: lightness, chroma, hue in degrees.' },
  xyz_array: { id: 'xyz_array', label: '[x, y, z] XYZ_E', tooltip: 'CIE XYZ relative to E; [1, 1, 1] is clear.' },
  xyz_fields: { id: 'xyz_fields', label: '{x, y, z} XYZ_E', tooltip: 'CIE XYZ relative to E with named fields.' }
};

const SPACE_FORMS: Record<ColorSpace, readonly ColorFormId[]> = {
  init: ['srgb_array', 'rgb_fields', 'hex', 'srgb', 'lin_srgb', 'xyz_e', 'xyz_d65', 'oklch'],
  background: ['srgb_array', 'rgb_fields'],
  dielectric: ['xyz_array', 'xyz_fields', 'rgb_fields']
};

const TAGS = ['hex', 'srgb', 'lin_srgb', 'xyz_e', 'xyz_d65', 'oklch'] as const;
const FIELD_NAMES = { rgb: ['red', 'green', 'blue'], xyz: ['x', 'y', 'z'], oklch: ['l', 'chroma', 'hue'] } as const;

export function colorForms(space: ColorSpace): ColorForm[] {
  return SPACE_FORMS[space].map((id) => FORMS[id]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The form a colour value is written in (by shape, even when its numbers are invalid), if any. */
export function colorFormOf(space: ColorSpace, value: unknown): ColorFormId | undefined {
  let form: ColorFormId | undefined;
  if (Array.isArray(value)) form = space === 'dielectric' ? 'xyz_array' : 'srgb_array';
  else if (isRecord(value)) {
    const tag = TAGS.find((t) => t in value);
    if (tag) form = tag;
    else if ('red' in value) form = 'rgb_fields';
    else if ('x' in value) form = 'xyz_fields';
  }
  return form !== undefined && SPACE_FORMS[space].includes(form) ? form : undefined;
}

/** XYZ_E of a valid colour value; undefined when it does not parse. */
export function colorToXyzE(space: ColorSpace, value: unknown): Vec3Tuple | undefined {
  switch (space) {
    case 'init': {
      const parsed = colorInitSchema.safeParse(value);
      return parsed.success ? colorInitToXyzE(parsed.data as ColorInit) : undefined;
    }
    case 'background': {
      const parsed = backgroundColorSchema.safeParse(value);
      return parsed.success ? backgroundToXyzE(parsed.data) : undefined;
    }
    case 'dielectric': {
      const parsed = dielectricColorSchema.safeParse(value);
      return parsed.success ? dielectricColorToXyzE(parsed.data) : undefined;
    }
  }
}

const LMS_FROM_XYZ_D65 = mat3Inverse(LMS_TO_XYZ_D65);
const OKLAB_FROM_LMS_PRIME = mat3Inverse(OKLAB_TO_LMS_PRIME);

/** XYZ(D65) → Oklch [L, chroma, hue°], the inverse of `oklchToXyzD65`. */
export function xyzD65ToOklch(xyz: Vec3Tuple): Vec3Tuple {
  const [l, m, s] = mat3MulVec(LMS_FROM_XYZ_D65, xyz).map(Math.cbrt) as Vec3Tuple;
  const [L, a, b] = mat3MulVec(OKLAB_FROM_LMS_PRIME, [l, m, s]);
  const hue = (Math.atan2(b, a) * 180) / Math.PI;
  return [L, Math.hypot(a, b), hue < 0 ? hue + 360 : hue];
}

/** Rounds for display and storage (4 decimals; no -0). */
function round(v: Vec3Tuple): Vec3Tuple {
  return v.map((c) => Math.round(c * 1e4) / 1e4 + 0) as Vec3Tuple;
}

const named = (names: readonly [string, string, string], v: Vec3Tuple) => ({ [names[0]]: v[0], [names[1]]: v[1], [names[2]]: v[2] });

/** A colour of `xyzE` written in `form`. */
export function makeColor(form: ColorFormId, xyzE: Vec3Tuple): unknown {
  switch (form) {
    case 'srgb_array': return round(xyzEToSrgb(xyzE));
    case 'rgb_fields': return named(FIELD_NAMES.rgb, round(xyzEToSrgb(xyzE)));
    case 'hex': return { hex: toHex(xyzEToLinearSrgb(xyzE)) };
    case 'srgb': return { srgb: round(xyzEToSrgb(xyzE)) };
    case 'lin_srgb': return { lin_srgb: round(xyzEToLinearSrgb(xyzE)) };
    case 'xyz_e': return { xyz_e: round(xyzE) };
    case 'xyz_d65': return { xyz_d65: round(xyzEToXyzD65(xyzE)) };
    case 'oklch': return { oklch: round(xyzD65ToOklch(xyzEToXyzD65(xyzE))) };
    case 'xyz_array': return round(xyzE);
    case 'xyz_fields': return named(FIELD_NAMES.xyz, round(xyzE));
  }
}

/** `#rrggbb` for the colour picker (8-bit sRGB, clamped); mid grey when the value does not parse. */
export function pickerHex(space: ColorSpace, value: unknown): string {
  const xyz = colorToXyzE(space, value);
  return xyz ? toHex(xyzEToLinearSrgb(xyz)) : '#808080';
}

/** What the colour picker writes for `hex` (see the module comment). */
export function colorFromPicker(space: ColorSpace, current: unknown, hex: string): unknown {
  const srgb = round(parseHex(hex));
  switch (space) {
    case 'init': return { hex: hex.toLowerCase() };
    case 'background': return colorFormOf(space, current) === 'rgb_fields' ? named(FIELD_NAMES.rgb, srgb) : srgb;
    case 'dielectric': return named(FIELD_NAMES.rgb, srgb);
  }
}

/** Converts a colour to another form, keeping the colour (a default grey when the value does not parse). */
export function convertColor(space: ColorSpace, value: unknown, form: ColorFormId): unknown {
  return makeColor(form, colorToXyzE(space, value) ?? [0.5, 0.5, 0.5]);
}

export interface ColorPart {
  /** Path of the number (or hex string) relative to the colour value. */
  readonly path: JsonPath;
  readonly label: string;
}

/** The editable parts of a colour value: three numbers (by index or field name) or the hex string. */
export function colorParts(space: ColorSpace, value: unknown): ColorPart[] | 'hex' | undefined {
  const form = colorFormOf(space, value);
  if (form === undefined) return undefined;
  if (form === 'hex') return 'hex';
  const names = form === 'oklch' ? FIELD_NAMES.oklch : form.startsWith('xyz') ? FIELD_NAMES.xyz : FIELD_NAMES.rgb;
  const inner: JsonPath = (TAGS as readonly string[]).includes(form) ? [form] : [];
  const container = inner.length > 0 && isRecord(value) ? value[inner[0]] : value;
  return names.map((name, i) => ({
    path: [...inner, Array.isArray(container) ? i : name],
    label: name === 'l' ? 'L' : name === 'chroma' ? 'C' : name === 'hue' ? 'h°' : name[0]
  }));
}
