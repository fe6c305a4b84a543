import { describe, expect, it } from 'vitest';
import { lowFrequencyFraction, powerSpectrum, whiteLowFrequencyFraction } from './error-spectrum.ts';

describe('error spectrum', () => {
  const size = 16;
  const image = (f: (x: number, y: number) => number) => Float64Array.from({ length: size * size }, (_, i) => f(i % size, Math.floor(i / size)));

  it('keeps the power of the image (Parseval) and finds a cosine at its frequency', () => {
    const wave = image((x, y) => Math.cos((2 * Math.PI * (3 * x + y)) / size));
    const power = powerSpectrum(wave, size, size);
    const energy = wave.reduce((s, v) => s + v * v, 0);
    expect(power.reduce((s, p) => s + p, 0)).toBeCloseTo(size * size * energy, 6);
    // All of it in bins (3, 1) and (−3, −1).
    expect(power[1 * size + 3] + power[(size - 1) * size + size - 3]).toBeCloseTo(size * size * energy, 6);
  });

  it('puts a constant in the low band, a checkerboard in the high band and white noise in between', () => {
    expect(lowFrequencyFraction(image(() => 1), size, size)).toBeCloseTo(1, 12);
    expect(lowFrequencyFraction(image((x, y) => ((x + y) % 2 ? 1 : -1)), size, size)).toBeCloseTo(0, 12);
    let state = 12345;
    const noise = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
    const fractions = Array.from({ length: 20 }, () => lowFrequencyFraction(image(noise), size, size));
    const mean = fractions.reduce((s, f) => s + f, 0) / fractions.length;
    expect(Math.abs(mean / whiteLowFrequencyFraction(size, size) - 1)).toBeLessThan(0.15);
  });
});
