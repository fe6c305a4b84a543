import { describe, expect, it } from 'vitest';
import { fixture, gradient, distinctFloats } from './fixtures/expected.ts';
import { EnvironmentImageError, type EnvironmentImage } from './image.ts';
import { decodeOpenExr } from './openexr.ts';

const COMPRESSIONS = ['none', 'rle', 'zips', 'zip', 'piz'] as const;

/** Compares with the gradient the fixture generator wrote; HALF keeps 11 significant bits. */
function expectGradient(image: EnvironmentImage, type: 'half' | 'float', channels: 'rgb' | 'y' = 'rgb'): void {
  expect([image.width, image.height]).toEqual([24, 37]);
  for (let y = 0; y < 37; y++) {
    for (let x = 0; x < 24; x++) {
      for (let c = 0; c < 3; c++) {
        const want = Math.fround(gradient(x, y, channels === 'y' ? 0 : c));
        const got = image.rgb[3 * (y * 24 + x) + c];
        if (type === 'float') expect(got, `(${x}, ${y}) channel ${c}`).toBe(want);
        else expect(Math.abs(got - want), `(${x}, ${y}) channel ${c}`).toBeLessThanOrEqual(want * 2 ** -11);
      }
    }
  }
}

describe('OpenEXR reader', () => {
  it.each(COMPRESSIONS)('reads HALF channels with %s compression', (compression) => {
    expectGradient(decodeOpenExr(fixture(`gradient-half-${compression}.exr`)), 'half');
  });

  it.each(COMPRESSIONS)('reads FLOAT channels with %s compression', (compression) => {
    expectGradient(decodeOpenExr(fixture(`gradient-float-${compression}.exr`)), 'float');
  });

  it('reads PIZ with the 16-bit wavelet and long Huffman codes exactly', () => {
    const image = decodeOpenExr(fixture('distinct-float-piz.exr'));
    expect([image.width, image.height]).toEqual([176, 32]);
    expect(image.rgb).toEqual(distinctFloats(176 * 32 * 3));
  });

  it('places an offset data window in the display window, whatever the line order', () => {
    // Data window (-3, 5)–(19, 24) holding gradient(x + 10, y + 10), display window (0, 0)–(23, 15).
    const image = decodeOpenExr(fixture('window-piz.exr'));
    expect([image.width, image.height]).toEqual([24, 16]);
    for (let y = 0; y < 16; y++) {
      for (let x = 0; x < 24; x++) {
        const inside = x <= 19 && y >= 5;
        for (let c = 0; c < 3; c++) {
          const want = inside ? gradient(x + 10, y + 10, c) : 0;
          expect(Math.abs(image.rgb[3 * (y * 24 + x) + c] - want), `(${x}, ${y}) channel ${c}`).toBeLessThanOrEqual(want * 2 ** -11);
        }
      }
    }
  });

  it('reads a lone Y channel as grey', () => {
    expectGradient(decodeOpenExr(fixture('luminance-zip.exr')), 'half', 'y');
  });

  it('skips other channels (A, Z) between and after R, G, B', () => {
    expectGradient(decodeOpenExr(fixture('rgbaz-zip.exr')), 'float');
  });

  it('refuses what it does not read, saying what', () => {
    expect(() => decodeOpenExr(fixture('uint-none.exr'))).toThrow(/channel R holds UINT/);
    expect(() => decodeOpenExr(fixture('gradient-b44.exr'))).toThrow(/B44 compression is not supported/);
    expect(() => decodeOpenExr(fixture('tiled.exr'))).toThrow(/tiled files are not supported/);
    expect(() => decodeOpenExr(fixture('multipart.exr'))).toThrow(/multi-part files are not supported/);
  });
});

describe('OpenEXR reader on hostile input', () => {
  const files = COMPRESSIONS.map((c) => fixture(`gradient-half-${c}.exr`)).concat(fixture('distinct-float-piz.exr'));

  it('rejects every compression cut at several points', () => {
    for (const bytes of files) {
      for (const fraction of [0.001, 0.02, 0.05, 0.1, 0.3, 0.6, 0.9, 0.999]) {
        const cut = bytes.subarray(0, Math.floor(bytes.length * fraction));
        expect(() => decodeOpenExr(cut), `${bytes.length} bytes cut at ${cut.length}`).toThrow(EnvironmentImageError);
      }
    }
  });

  it('rejects a data window of 1e6 × 1e6 before allocating', () => {
    const bytes = fixture('gradient-half-zip.exr').slice();
    const at = Buffer.from(bytes).indexOf('dataWindow\0box2i\0') + 'dataWindow\0box2i\0'.length + 4;
    new DataView(bytes.buffer).setInt32(at + 8, 999_999, true);
    new DataView(bytes.buffer).setInt32(at + 12, 999_999, true);
    expect(() => decodeOpenExr(bytes)).toThrow(/1000000×1000000.*limit/);
  });

  it('rejects corrupted chunk data and headers without crashing', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 8;
    let rejected = 0;
    for (const bytes of files) {
      for (let trial = 0; trial < 60; trial++) {
        const copy = bytes.slice();
        // Flip a few bytes anywhere (header, offsets, chunk headers or compressed data).
        for (let k = 0; k < 1 + (trial % 4); k++) copy[random() % copy.length] ^= 1 + (random() % 255);
        try {
          decodeOpenExr(copy);
        } catch (error) {
          expect(error).toBeInstanceOf(EnvironmentImageError);
          rejected++;
        }
      }
    }
    expect(rejected).toBeGreaterThan(0);
  });

  it('rejects random bytes behind the magic number', () => {
    let seed = 99;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let trial = 0; trial < 100; trial++) {
      const bytes = Uint8Array.from([0x76, 0x2f, 0x31, 0x01, 2, 0, 0, 0, ...Array.from({ length: 200 }, random)]);
      expect(() => decodeOpenExr(bytes)).toThrow(EnvironmentImageError);
    }
  });
});
