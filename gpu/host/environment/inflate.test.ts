import { constants, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EnvironmentImageError } from './image.ts';
import { inflateZlibInto } from './inflate.ts';

/** Text-like bytes with repeats (matches near and far) and a noisy stretch (literals). */
function sample(n: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = 1;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = i % 5000 < 3000 ? 'the quick brown fox '.charCodeAt(i % 20) + ((i >> 9) & 3) : s >>> 24;
  }
  return out;
}

describe('inflateZlibInto', () => {
  // zlib (Node's) writes the streams: stored, fixed-code and dynamic-code blocks.
  it.each([
    ['stored blocks', { level: 0 }],
    ['fixed codes', { strategy: constants.Z_FIXED }],
    ['dynamic codes', { level: 9 }],
    ['run-length matches', { strategy: constants.Z_RLE }]
  ])('inflates %s', (_, options) => {
    const data = sample(100_000);
    const out = new Uint8Array(data.length);
    inflateZlibInto(deflateSync(data, options), out);
    expect(Buffer.compare(out, data)).toBe(0);
  });

  it('inflates empty and one-byte streams', () => {
    inflateZlibInto(deflateSync(new Uint8Array(0)), new Uint8Array(0));
    const one = new Uint8Array(1);
    inflateZlibInto(deflateSync(Uint8Array.of(42)), one);
    expect(one[0]).toBe(42);
  });

  it('refuses more or less output than expected, bad checksums and cut streams', () => {
    const data = sample(5000);
    const packed = deflateSync(data);
    expect(() => inflateZlibInto(packed, new Uint8Array(4999))).toThrow(/more than the expected 4999/);
    expect(() => inflateZlibInto(packed, new Uint8Array(5001))).toThrow(/5000 bytes, 5001 expected/);
    const bad = packed.slice();
    bad[bad.length - 1] ^= 1;
    expect(() => inflateZlibInto(bad, new Uint8Array(5000))).toThrow(/Adler-32/);
    for (const cut of [1, 2, 10, 100, packed.length - 5]) {
      expect(() => inflateZlibInto(packed.subarray(0, cut), new Uint8Array(5000))).toThrow(EnvironmentImageError);
    }
  });

  it('throws only EnvironmentImageErrors on corrupted streams', () => {
    const data = sample(3000);
    const packed = deflateSync(data);
    let seed = 5;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 8;
    for (let trial = 0; trial < 300; trial++) {
      const copy = packed.slice();
      copy[2 + (random() % (copy.length - 2))] ^= 1 + (random() % 255);
      try {
        inflateZlibInto(copy, new Uint8Array(data.length));
      } catch (error) {
        expect(error).toBeInstanceOf(EnvironmentImageError);
      }
    }
  });
});
