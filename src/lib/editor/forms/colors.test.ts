import { describe, expect, it } from 'vitest';
import { backgroundColorSchema, colorInitSchema, dielectricColorSchema } from '$lib/scene/schema.ts';
import { oklchToXyzD65 } from '$lib/color/convert.ts';
import {
  colorForms,
  colorFormOf,
  colorFromPicker,
  colorParts,
  colorToXyzE,
  convertColor,
  makeColor,
  pickerHex,
  xyzD65ToOklch
} from './colors.ts';
import type { ColorSpace } from './descriptors.ts';

const SCHEMAS = { init: colorInitSchema, background: backgroundColorSchema, dielectric: dielectricColorSchema };
const SPACES: ColorSpace[] = ['init', 'background', 'dielectric'];

describe('colour forms', () => {
  for (const space of SPACES) {
    for (const form of colorForms(space)) {
      it(`${space} ${form.id}: written values parse, are recognised and keep the colour`, () => {
        const xyz: [number, number, number] = [0.3, 0.25, 0.2];
        const value = makeColor(form.id, xyz);
        expect(SCHEMAS[space].safeParse(value).success).toBe(true);
        expect(colorFormOf(space, value)).toBe(form.id);
        const back = colorToXyzE(space, value);
        const tolerance = form.id === 'hex' ? 0.01 : 1e-3;
        back!.forEach((c, i) => expect(Math.abs(c - xyz[i])).toBeLessThan(tolerance));
        // switching to every other form of the space keeps the colour
        for (const other of colorForms(space)) {
          const converted = convertColor(space, value, other.id);
          expect(colorFormOf(space, converted)).toBe(other.id);
          colorToXyzE(space, converted)!.forEach((c, i) => expect(Math.abs(c - xyz[i])).toBeLessThan(0.02));
        }
      });
    }

    it(`${space}: the picker writes a valid value of the same colour`, () => {
      const current = makeColor(colorForms(space)[0].id, [0.5, 0.5, 0.5]);
      const written = colorFromPicker(space, current, '#3366CC');
      expect(SCHEMAS[space].safeParse(written).success).toBe(true);
      expect(pickerHex(space, written)).toBe('#3366cc');
    });
  }

  it('the picker writes {hex} for ColorInit, keeps the background shape, and sRGB fields for glass', () => {
    expect(colorFromPicker('init', [1, 1, 1], '#ff0000')).toEqual({ hex: '#ff0000' });
    expect(colorFromPicker('background', [0, 0, 0], '#ffffff')).toEqual([1, 1, 1]);
    expect(colorFromPicker('background', { red: 0, green: 0, blue: 0 }, '#ffffff')).toEqual({ red: 1, green: 1, blue: 1 });
    expect(colorFromPicker('dielectric', [1, 1, 1], '#ffffff')).toEqual({ red: 1, green: 1, blue: 1 });
  });

  it('recognises named inner fields and edits them by name', () => {
    expect(colorParts('init', { srgb: { red: 1, green: 0, blue: 0 } })).toEqual([
      { path: ['srgb', 'red'], label: 'r' }, { path: ['srgb', 'green'], label: 'g' }, { path: ['srgb', 'blue'], label: 'b' }
    ]);
    expect(colorParts('init', { oklch: [0.5, 0.1, 30] })?.[2]).toEqual({ path: ['oklch', 2], label: 'h°' });
    expect(colorParts('init', { hex: '#fff' })).toBe('hex');
    expect(colorParts('init', 'red')).toBeUndefined();
    expect(colorFormOf('background', { hex: '#fff' })).toBeUndefined();
  });

  it('Oklch inverse matches the forward conversion', () => {
    const lch: [number, number, number] = [0.6, 0.12, 250];
    xyzD65ToOklch(oklchToXyzD65(lch)).forEach((c, i) => expect(c).toBeCloseTo(lch[i], 6));
  });
});
