import { describe, expect, it } from 'vitest';
import { HexColorError, parseHex, srgbDecode, srgbEncode, toHex } from './srgb.ts';

describe('sRGB curves', () => {
  it('decode is unclamped ([4,4,4] ≈ 25.31 linear)', () => {
    expect(srgbDecode(4)).toBeCloseTo(25.3147, 3);
    expect(srgbDecode(1)).toBeCloseTo(1, 12);
    expect(srgbDecode(0)).toBe(0);
    expect(srgbDecode(0.04045)).toBeCloseTo(0.04045 / 12.92, 12);
  });
  it('encode inverts decode, above 1 too', () => {
    for (const c of [0, 0.001, 0.02, 0.2, 0.5, 0.9, 1, 2, 4]) expect(srgbEncode(srgbDecode(c))).toBeCloseTo(c, 9);
  });
});

describe('parseHex', () => {
  it('accepts #rrggbb, rrggbb, #rgb and rgb (short digits ×17)', () => {
    expect(parseHex('#b87333')).toEqual([0xb8 / 255, 0x73 / 255, 0x33 / 255]);
    expect(parseHex('B87333')).toEqual(parseHex('#b87333'));
    expect(parseHex('#fa0')).toEqual([1, 0xaa / 255, 0]);
    expect(parseHex('fa0')).toEqual(parseHex('#ffaa00'));
  });
  it('throws HexColorError for anything else', () => {
    for (const bad of ['', '#', '#12', '#1234', '#12345g', 'red', '#1234567', ' #fff', '##fff']) {
      expect(() => parseHex(bad), bad).toThrow(HexColorError);
    }
  });
  it('toHex encodes linear sRGB', () => {
    expect(toHex([1, 0, srgbDecode(0x33 / 255)])).toBe('#ff0033');
  });
});
