import { describe, expect, it } from 'vitest';
import { previewSize } from './size.ts';

describe('previewSize', () => {
  it('gives the quality to the longest side, with the render aspect', () => {
    expect(previewSize(1, 512, 0).full).toEqual({ width: 512, height: 512 });
    expect(previewSize(16 / 9, 512, 0).full).toEqual({ width: 512, height: 288 });
    expect(previewSize(0.5, 256, 0).full).toEqual({ width: 128, height: 256 });
  });

  it('never exceeds the displayed width in device pixels', () => {
    expect(previewSize(2, 1024, 300).full).toEqual({ width: 300, height: 150 });
    expect(previewSize(1, 128, 900).full).toEqual({ width: 128, height: 128 });
  });

  it('moves at a quarter of each side, at least one pixel', () => {
    expect(previewSize(1, 512, 0).moving).toEqual({ width: 128, height: 128 });
    expect(previewSize(100, 128, 0).moving).toEqual({ width: 32, height: 1 });
  });

  it('falls back to square for a broken aspect', () => {
    expect(previewSize(Number.NaN, 128, 0).full).toEqual({ width: 128, height: 128 });
  });
});
