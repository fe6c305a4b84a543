// Image sizes from headers alone, checked against what sharp writes.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readImageSize } from './image-size.ts';

const encode = async (format: 'png' | 'jpeg' | 'webp', width: number, height: number, options: Record<string, unknown> = {}) =>
  new Uint8Array(await sharp({ create: { width, height, channels: 3, background: { r: 200, g: 10, b: 10 } } })[format](options).toBuffer());

describe('readImageSize', () => {
  it('reads PNG, baseline and progressive JPEG, and lossy, lossless and extended WebP headers', async () => {
    expect(readImageSize(await encode('png', 37, 5))).toEqual({ format: 'png', width: 37, height: 5 });
    expect(readImageSize(await encode('jpeg', 300, 17))).toEqual({ format: 'jpeg', width: 300, height: 17 });
    expect(readImageSize(await encode('jpeg', 33, 70, { progressive: true }))).toEqual({ format: 'jpeg', width: 33, height: 70 });
    expect(readImageSize(await encode('webp', 41, 9))).toEqual({ format: 'webp', width: 41, height: 9 });
    expect(readImageSize(await encode('webp', 41, 9, { lossless: true }))).toEqual({ format: 'webp', width: 41, height: 9 });
    const withAlpha = new Uint8Array(await sharp({ create: { width: 12, height: 3000, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } }).webp().toBuffer());
    expect(readImageSize(withAlpha)).toEqual({ format: 'webp', width: 12, height: 3000 });
  });

  it('gives no size for other formats, cut-short headers and zero sizes', async () => {
    const png = await encode('png', 4, 4);
    const jpeg = await encode('jpeg', 4, 4);
    expect(readImageSize(new TextEncoder().encode('GIF89a'))).toBeUndefined();
    expect(readImageSize(png.subarray(0, 20))).toBeUndefined();
    expect(readImageSize(jpeg.subarray(0, 30))).toBeUndefined();
    expect(readImageSize(new Uint8Array(0))).toBeUndefined();
    const zero = png.slice();
    new DataView(zero.buffer).setUint32(16, 0);
    expect(readImageSize(zero)).toBeUndefined();
  });
});
