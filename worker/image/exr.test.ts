import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeExr, XYZ_E_CHROMATICITIES, type ExrCompression } from './exr.ts';
import { exrHeader, readExrChannels, readRgb } from './test-readers.ts';

const dir = mkdtempSync(join(tmpdir(), 'clovers-exr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 37×21 gradient (odd sizes: partial ZIP block, odd byte counts) with values in [0, 1). */
function gradient(width: number, height: number): Float32Array {
  const rgb = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      rgb[i] = x / width;
      rgb[i + 1] = y / height;
      rgb[i + 2] = ((x * 7 + y * 13) % 17) / 17;
    }
  }
  return rgb;
}

describe.each<ExrCompression>(['none', 'zip'])('encodeExr (%s)', (compression) => {
  const width = 37;
  const height = 21;
  const rgb = gradient(width, height);
  const path = join(dir, `gradient-${compression}.exr`);
  writeFileSync(
    path,
    encodeExr(
      { width, height, rgb, chromaticities: XYZ_E_CHROMATICITIES },
      { compression, attributes: { software: 'clovers', comments: 'test image' } }
    )
  );

  it('writes a header OpenEXR reads back attribute by attribute', () => {
    const header = exrHeader(path);
    expect(header).toContain('file format version: 2, flags 0x0');
    for (const channel of ['B', 'G', 'R']) expect(header).toMatch(new RegExp(`${channel}, 32-bit floating-point, sampling 1 1`));
    expect(header).toMatch(/red\s+\(1 0\)/);
    expect(header).toMatch(/green\s+\(0 1\)/);
    expect(header).toMatch(/blue\s+\(0 0\)/);
    expect(header).toMatch(/white\s+\(0.333333 0.333333\)/);
    expect(header).toContain(`compression (type compression): ${compression === 'zip' ? 'zip, multi-scanline blocks' : 'none'}`);
    expect(header).toContain('dataWindow (type box2i): (0 0) - (36 20)');
    expect(header).toContain('displayWindow (type box2i): (0 0) - (36 20)');
    expect(header).toContain('lineOrder (type lineOrder): increasing y');
    expect(header).toContain('pixelAspectRatio (type float): 1');
    expect(header).toContain('screenWindowCenter (type v2f): (0 0)');
    expect(header).toContain('screenWindowWidth (type float): 1');
    expect(header).toContain('software (type string): "clovers"');
    expect(header).toContain('comments (type string): "test image"');
  });

  it('stores every pixel, rows top to bottom (read back by ImageMagick through OpenEXR)', () => {
    const read = readRgb(path);
    expect(read.length).toBe(rgb.length);
    let maxError = 0;
    for (let i = 0; i < rgb.length; i++) maxError = Math.max(maxError, Math.abs(read[i] - rgb[i]));
    // ImageMagick reads EXR as half floats into 16-bit quanta: ~1e-3 for values in [0.5, 1).
    expect(maxError).toBeLessThan(1e-3);
    // The first row is y = 0 (G = 0) and the last row y = 20 (G = 20/21).
    expect(read[1]).toBe(0);
    expect(read[20 * width * 3 + 1]).toBeCloseTo(20 / 21, 3);
    // The ZIP file really went through the compressor (and so through OpenEXR's decompressor).
    if (compression === 'zip') expect(statSync(path).size).toBeLessThan(width * height * 12 / 4);
  });
});

describe.each<ExrCompression>(['none', 'zip'])('encodeExr with layers (%s)', (compression) => {
  const width = 37;
  const height = 21;
  const pixels = width * height;
  const rgb = gradient(width, height);
  const albedo = Float32Array.from({ length: pixels * 3 }, (_, i) => (i % 97) / 96);
  const depth = Float32Array.from({ length: pixels }, (_, p) => (p % 5 === 0 ? Number.POSITIVE_INFINITY : 1 + p / 7));
  const path = join(dir, `layers-${compression}.exr`);
  writeFileSync(
    path,
    encodeExr(
      {
        width,
        height,
        rgb,
        chromaticities: XYZ_E_CHROMATICITIES,
        layers: [
          { name: 'depth', channels: ['Z'], data: depth },
          { name: 'albedo', channels: ['R', 'G', 'B'], data: albedo }
        ]
      },
      { compression }
    )
  );

  it('lists every channel, sorted by name as OpenEXR requires', () => {
    const names = [...exrHeader(path).matchAll(/^ {4}(\S+), 32-bit floating-point, sampling 1 1$/gm)].map((m) => m[1]);
    expect(names).toEqual(['B', 'G', 'R', 'albedo.B', 'albedo.G', 'albedo.R', 'depth.Z']);
  });

  it('stores each layer channel by channel, exactly (read back through OpenEXR)', () => {
    const channels = readExrChannels(path);
    for (const [c, name] of ['R', 'G', 'B'].entries()) {
      expect(channels.get(`albedo.${name}`)).toEqual(Float32Array.from({ length: pixels }, (_, p) => albedo[p * 3 + c]));
    }
    expect(channels.get('depth.Z')).toEqual(depth);
    // R, G, B are still the image ImageMagick reads.
    const read = readRgb(path);
    for (let i = 0; i < rgb.length; i++) expect(Math.abs(read[i] - rgb[i])).toBeLessThan(1e-3);
  });
});

describe('encodeExr sizes', () => {
  it('compresses a flat image with ZIP and stores noise raw without growing', () => {
    const width = 64;
    const height = 64;
    const flat = new Float32Array(width * height * 3).fill(0.25);
    const zip = encodeExr({ width, height, rgb: flat, chromaticities: XYZ_E_CHROMATICITIES }, { compression: 'zip' });
    const none = encodeExr({ width, height, rgb: flat, chromaticities: XYZ_E_CHROMATICITIES }, { compression: 'none' });
    expect(none.length).toBeGreaterThan(width * height * 12);
    expect(zip.length).toBeLessThan(none.length / 20);
  });

  it('rejects a pixel buffer of the wrong length', () => {
    expect(() => encodeExr({ width: 2, height: 2, rgb: new Float32Array(11), chromaticities: XYZ_E_CHROMATICITIES })).toThrow(
      /expected 12 floats/
    );
    const rgb = new Float32Array(12);
    const layer = (name: string, channels: string[], length: number) => ({ name, channels, data: new Float32Array(length) });
    expect(() => encodeExr({ width: 2, height: 2, rgb, chromaticities: XYZ_E_CHROMATICITIES, layers: [layer('depth', ['Z'], 3)] })).toThrow(
      /layer depth: expected 4 floats, got 3/
    );
    expect(() =>
      encodeExr({ width: 2, height: 2, rgb, chromaticities: XYZ_E_CHROMATICITIES, layers: [layer('n', ['X'], 4), layer('n', ['X'], 4)] })
    ).toThrow(/channel n\.X given twice/);
  });
});
