import { describe, expect, it } from 'vitest';
import { decodeEnvironment } from './decode.ts';
import { fixture } from './fixtures/expected.ts';
import { EnvironmentImageError } from './image.ts';
import { encodeExr, XYZ_E_CHROMATICITIES } from '../../../worker/image/exr.ts';

describe('decodeEnvironment', () => {
  it('tells .hdr from .exr by content, not by name', () => {
    const exr = decodeEnvironment(fixture('gradient-half-zip.exr'), 'map.hdr');
    const hdr = decodeEnvironment(fixture('gradient-rle-pfstools.hdr'), 'map.exr');
    expect([exr.width, exr.height, hdr.width, hdr.height]).toEqual([24, 37, 24, 10]);
  });

  it('names the file in errors, and refuses other formats', () => {
    expect(() => decodeEnvironment(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10), 'photo.png')).toThrow(
      /^photo\.png: not a Radiance \.hdr or OpenEXR \.exr file$/
    );
    expect(() => decodeEnvironment(new Uint8Array(0), 'empty')).toThrow(EnvironmentImageError);
    expect(() => decodeEnvironment(fixture('tiled.exr'), 'tiled.exr')).toThrow(/^tiled\.exr: OpenEXR: tiled/);
  });

  it('clamps negative, NaN and infinite texels to 0', () => {
    // The project's own EXR writer keeps such floats exactly.
    const rgb = Float32Array.of(-2, NaN, Infinity, 1.5, -Infinity, 0.25);
    const bytes = encodeExr({ width: 2, height: 1, rgb, chromaticities: XYZ_E_CHROMATICITIES }, { compression: 'none' });
    expect([...decodeEnvironment(new Uint8Array(bytes), 'bad.exr').rgb]).toEqual([0, 0, 0, 1.5, 0, 0.25]);
  });

  it('reads the project EXR writer ZIP output', () => {
    const rgb = Float32Array.from({ length: 20 * 18 * 3 }, (_, i) => (i % 7) * 0.5);
    const exr = encodeExr({ width: 20, height: 18, rgb, chromaticities: XYZ_E_CHROMATICITIES }, { compression: 'zip' });
    expect(decodeEnvironment(new Uint8Array(exr), 'zip.exr').rgb).toEqual(rgb);
  });

  it('rejects random bytes of either signature with an EnvironmentImageError', () => {
    let seed = 3;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let trial = 0; trial < 200; trial++) {
      const head = trial % 2 ? [0x76, 0x2f, 0x31, 0x01] : [0x23, 0x3f];
      const bytes = Uint8Array.from([...head, ...Array.from({ length: trial * 3 }, random)]);
      expect(() => decodeEnvironment(bytes, 'random')).toThrow(EnvironmentImageError);
    }
  });
});
