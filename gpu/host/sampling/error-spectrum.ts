// The power spectrum of an error image (render minus reference), to tell white noise from blue noise: white
// error spreads its power evenly over frequencies, blue-noise error keeps it out of the low ones (the eye and
// any blur see mostly the low ones). Plain separable DFT: the images compared are small.

/** Radial frequency (cycles per pixel) below which a frequency counts as low: half the Nyquist limit. */
export const LOW_FREQUENCY_CUTOFF = 0.25;

/** |DFT|² of a real image, width × height values row by row. */
export function powerSpectrum(image: ArrayLike<number>, width: number, height: number): Float64Array {
  const re = Float64Array.from({ length: width * height }, (_, i) => image[i]);
  const im = new Float64Array(width * height);
  const transform = (n: number, count: number, at: (line: number, k: number) => number) => {
    const cos = Float64Array.from({ length: n }, (_, k) => Math.cos((2 * Math.PI * k) / n));
    const sin = Float64Array.from({ length: n }, (_, k) => Math.sin((2 * Math.PI * k) / n));
    const lineRe = new Float64Array(n);
    const lineIm = new Float64Array(n);
    for (let line = 0; line < count; line++) {
      for (let f = 0; f < n; f++) {
        let sr = 0;
        let si = 0;
        for (let k = 0; k < n; k++) {
          const i = at(line, k);
          const w = (f * k) % n;
          sr += re[i] * cos[w] + im[i] * sin[w];
          si += im[i] * cos[w] - re[i] * sin[w];
        }
        lineRe[f] = sr;
        lineIm[f] = si;
      }
      for (let f = 0; f < n; f++) {
        re[at(line, f)] = lineRe[f];
        im[at(line, f)] = lineIm[f];
      }
    }
  };
  transform(width, height, (y, x) => y * width + x);
  transform(height, width, (x, y) => y * width + x);
  return Float64Array.from({ length: width * height }, (_, i) => re[i] ** 2 + im[i] ** 2);
}

/** Radial frequency of DFT bin i, in cycles per pixel (0 … √½). */
function binFrequency(i: number, width: number, height: number): number {
  const u = i % width;
  const v = Math.floor(i / width);
  const fu = (u <= width / 2 ? u : u - width) / width;
  const fv = (v <= height / 2 ? v : v - height) / height;
  return Math.hypot(fu, fv);
}

/** The fraction of the image's power at radial frequencies below `cutoff` (DC included: the mean error). */
export function lowFrequencyFraction(image: ArrayLike<number>, width: number, height: number, cutoff = LOW_FREQUENCY_CUTOFF): number {
  const power = powerSpectrum(image, width, height);
  let low = 0;
  let total = 0;
  power.forEach((p, i) => {
    total += p;
    if (binFrequency(i, width, height) < cutoff) low += p;
  });
  return total > 0 ? low / total : 0;
}

/** The expected lowFrequencyFraction of white noise: the fraction of DFT bins below the cutoff. */
export function whiteLowFrequencyFraction(width: number, height: number, cutoff = LOW_FREQUENCY_CUTOFF): number {
  let low = 0;
  for (let i = 0; i < width * height; i++) if (binFrequency(i, width, height) < cutoff) low++;
  return low / (width * height);
}
