import { describe, expect, it } from 'vitest';
import { fixture, gradient } from './fixtures/expected.ts';
import { EnvironmentImageError, type EnvironmentImage } from './image.ts';
import { decodeRadianceHdr, encodeRadianceHdr } from './radiance-hdr.ts';

/** RGBE keeps 8 bits of mantissa relative to the pixel's largest component. */
function expectGradient(image: EnvironmentImage, width: number, height: number): void {
  expect([image.width, image.height]).toEqual([width, height]);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const want = [0, 1, 2].map((c) => gradient(x, y, c));
      const tolerance = Math.max(...want) / 128;
      for (let c = 0; c < 3; c++) {
        expect(Math.abs(image.rgb[3 * (y * width + x) + c] - want[c]), `(${x}, ${y}) channel ${c}`).toBeLessThanOrEqual(tolerance);
      }
    }
  }
}

function ascii(text: string): number[] {
  return [...text].map((ch) => ch.charCodeAt(0));
}

function hdrFile(resolution: string, pixels: number[]): Uint8Array {
  return Uint8Array.from([...ascii(`#?RADIANCE\nFORMAT=32-bit_rle_rgbe\nEXPOSURE=2\n\n${resolution}\n`), ...pixels]);
}

describe('Radiance .hdr reader', () => {
  it.each(['gradient-rle-pfstools.hdr', 'gradient-rle-imagemagick.hdr'])('reads per-component RLE scanlines (%s)', (name) => {
    expectGradient(decodeRadianceHdr(fixture(name)), 24, 10);
  });

  it.each(['gradient-flat-pfstools.hdr', 'gradient-flat-imagemagick.hdr'])('reads a narrow picture (%s)', (name) => {
    expectGradient(decodeRadianceHdr(fixture(name)), 6, 4);
  });

  it('reads old-style runs, which repeat the previous pixel with growing shifts', () => {
    // 300 pixels: one, then repeats of 43 and 1 << 8: 1 + 43 + 256.
    const image = decodeRadianceHdr(hdrFile('-Y 1 +X 300', [128, 64, 0, 129, 1, 1, 1, 43, 1, 1, 1, 1]));
    expect(image.width).toBe(300);
    expect([image.rgb[0], image.rgb[1], image.rgb[2]]).toEqual([128.5 / 128, 64.5 / 128, 0.5 / 128]);
    expect([image.rgb[3 * 299], image.rgb[3 * 299 + 1]]).toEqual([128.5 / 128, 64.5 / 128]);
  });

  it('ignores EXPOSURE and reads exponent 0 as black', () => {
    const image = decodeRadianceHdr(hdrFile('-Y 1 +X 2', [255, 255, 255, 0, 128, 128, 128, 129]));
    expect([...image.rgb]).toEqual([0, 0, 0, 128.5 / 128, 128.5 / 128, 128.5 / 128]);
  });

  it('reads every orientation into top-to-bottom, left-to-right rows', () => {
    // Pixels in file order carry mantissas 10, 20, 30, 40, 50, 60 in red; the picture is 3 wide and 2 high.
    const pixels = [10, 20, 30, 40, 50, 60].flatMap((m) => [m, 0, 0, 136]);
    const red = (resolution: string) => {
      const image = decodeRadianceHdr(hdrFile(resolution, pixels));
      expect([image.width, image.height]).toEqual([3, 2]);
      return Array.from({ length: 6 }, (_, i) => image.rgb[3 * i] - 0.5);
    };
    expect(red('-Y 2 +X 3')).toEqual([10, 20, 30, 40, 50, 60]);
    expect(red('+Y 2 +X 3')).toEqual([40, 50, 60, 10, 20, 30]);
    expect(red('-Y 2 -X 3')).toEqual([30, 20, 10, 60, 50, 40]);
    expect(red('+X 3 -Y 2')).toEqual([10, 30, 50, 20, 40, 60]);
    expect(red('-X 3 +Y 2')).toEqual([60, 40, 20, 50, 30, 10]);
  });

  it('round-trips its own writer within RGBE precision, RLE and flat', () => {
    for (const [width, height] of [
      [40, 7],
      [5, 3]
    ]) {
      const rgb = new Float32Array(width * height * 3);
      for (let i = 0; i < rgb.length; i++) rgb[i] = i % 17 === 0 ? 0 : Math.exp(Math.sin(i * 12.9898) * 12);
      // Long constant stretches exercise runs.
      rgb.fill(3.5, 0, Math.min(rgb.length, 3 * 30));
      const bytes = encodeRadianceHdr({ width, height, rgb });
      // Scanlines of 8 or more pixels start with the RLE marker.
      const data = Buffer.from(bytes).indexOf(`+X ${width}\n`) + `+X ${width}\n`.length;
      expect([...bytes.subarray(data, data + 4)].join() === [2, 2, 0, width].join()).toBe(width >= 8);
      const back = decodeRadianceHdr(bytes);
      expect([back.width, back.height]).toEqual([width, height]);
      for (let t = 0; t < width * height; t++) {
        const max = Math.max(rgb[3 * t], rgb[3 * t + 1], rgb[3 * t + 2]);
        for (let c = 0; c < 3; c++) expect(Math.abs(back.rgb[3 * t + c] - rgb[3 * t + c])).toBeLessThanOrEqual(max / 128);
      }
    }
  });

  it('compresses constant scanlines with runs', () => {
    const rgb = new Float32Array(1024 * 4 * 3).fill(2);
    expect(encodeRadianceHdr({ width: 1024, height: 4, rgb }).length).toBeLessThan(400);
  });

  it('writes what the format holds for out-of-range and invalid values', () => {
    const back = decodeRadianceHdr(encodeRadianceHdr({ width: 4, height: 1, rgb: Float32Array.of(-1, NaN, Infinity, 1e-40, 0, 0, 2e38, 1, 0, 0, 0, 0) }));
    expect([...back.rgb.subarray(0, 6)]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(back.rgb[6]).toBeGreaterThan(1e38);
    expect(back.rgb[9]).toBe(0);
  });
});

describe('Radiance .hdr reader on hostile input', () => {
  const rle = fixture('gradient-rle-pfstools.hdr');
  const flat = fixture('gradient-flat-imagemagick.hdr');

  it.each([1, 10, 60, 80, 120, 300, 700])('rejects the RLE file cut at %i bytes', (cut) => {
    expect(() => decodeRadianceHdr(rle.subarray(0, cut))).toThrow(EnvironmentImageError);
  });

  it.each([5, 100, 115, 150, 206])('rejects the flat file cut at %i bytes', (cut) => {
    expect(() => decodeRadianceHdr(flat.subarray(0, cut))).toThrow(EnvironmentImageError);
  });

  it('rejects a header claiming 1e6 × 1e6 before reading pixels', () => {
    expect(() => decodeRadianceHdr(hdrFile('-Y 1000000 +X 1000000', [2, 2, 0, 8]))).toThrow(/1000000×1000000.*limit/);
  });

  it('rejects bad run lengths and a run before any pixel', () => {
    // An RLE scanline of 8 whose red run claims 9 pixels.
    expect(() => decodeRadianceHdr(hdrFile('-Y 1 +X 8', [2, 2, 0, 8, 128 + 9, 5]))).toThrow(/run of 9/);
    expect(() => decodeRadianceHdr(hdrFile('-Y 1 +X 8', [2, 2, 0, 8, 0]))).toThrow(/run of 0/);
    expect(() => decodeRadianceHdr(hdrFile('-Y 1 +X 8', [2, 2, 0, 9, 136, 5]))).toThrow(/claims 9 pixels/);
    expect(() => decodeRadianceHdr(hdrFile('-Y 1 +X 4', [1, 1, 1, 3]))).toThrow(/repeat/);
    expect(() => decodeRadianceHdr(hdrFile('-Y 1 +X 4', [9, 9, 9, 130, 1, 1, 1, 4]))).toThrow(/repeat of 4/);
  });

  it('rejects other formats, orientations it cannot parse and endless headers', () => {
    expect(() => decodeRadianceHdr(Uint8Array.from(ascii('#?RADIANCE\nFORMAT=32-bit_rle_xyze\n\n-Y 1 +X 1\n\0\0\0\0')))).toThrow(/xyze/);
    expect(() => decodeRadianceHdr(hdrFile('-Y 2 -Y 3', []))).toThrow(/resolution line/);
    expect(() => decodeRadianceHdr(hdrFile('Y 2 X 3', []))).toThrow(/resolution line/);
    expect(() => decodeRadianceHdr(Uint8Array.from(ascii('#?RADIANCE\n' + 'x'.repeat(70000))))).toThrow(/header/);
    expect(() => decodeRadianceHdr(Uint8Array.from(ascii('P6\n1 1\n255\n')))).toThrow(EnvironmentImageError);
  });

  it('survives random bytes after a valid header', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let trial = 0; trial < 200; trial++) {
      const body = Array.from({ length: 64 + (trial % 50) * 7 }, random);
      // Sometimes an RLE marker, so runs get parsed.
      if (trial % 2) body.splice(0, 4, 2, 2, 0, 16);
      try {
        const image = decodeRadianceHdr(hdrFile('-Y 4 +X 16', body));
        expect(image.rgb.length).toBe(16 * 4 * 3);
      } catch (error) {
        expect(error).toBeInstanceOf(EnvironmentImageError);
      }
    }
  });
});
