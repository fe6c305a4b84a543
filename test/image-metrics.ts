// Image comparison as the calibration figures define it (test/fixtures/reference/README.md): 8-bit sRGB
// decoded to linear, box-blurred with radius 2 to damp noise, then per-channel mean ratios and the relative
// MSE Σ(a−b)² / Σb².
import { PNG } from 'pngjs';
import { srgbDecode } from '../src/lib/color/srgb.ts';

export interface LinearImage {
  readonly width: number;
  readonly height: number;
  /** Linear sRGB, 3 floats per pixel. */
  readonly rgb: Float64Array;
}

/** The reference engine appends tEXt chunks after IEND; strict readers need the file cut there. */
export function cutAfterIend(png: Buffer): Buffer {
  const at = png.indexOf(Buffer.from('IEND'));
  return at < 0 ? png : png.subarray(0, at + 8);
}

export function decodePng(file: Buffer): LinearImage {
  const png = PNG.sync.read(cutAfterIend(file));
  return fromRgba8(png.data, png.width, png.height);
}

export function fromRgba8(rgba: Uint8Array, width: number, height: number): LinearImage {
  const lut = Array.from({ length: 256 }, (_, i) => srgbDecode(i / 255));
  const rgb = new Float64Array(width * height * 3);
  for (let i = 0; i < width * height; i++) for (let c = 0; c < 3; c++) rgb[i * 3 + c] = lut[rgba[i * 4 + c]];
  return { width, height, rgb };
}

export function boxBlur(image: LinearImage, radius: number): LinearImage {
  const { width, height, rgb } = image;
  const out = new Float64Array(rgb.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sum = [0, 0, 0];
      let n = 0;
      for (let dy = -radius; dy <= radius; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -radius; dx <= radius; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          for (let c = 0; c < 3; c++) sum[c] += rgb[(yy * width + xx) * 3 + c];
          n++;
        }
      }
      for (let c = 0; c < 3; c++) out[(y * width + x) * 3 + c] = sum[c] / n;
    }
  }
  return { width, height, rgb: out };
}

export interface Comparison {
  /** Per channel mean(a) / mean(b). */
  readonly meanRatio: [number, number, number];
  readonly relMse: number;
}

export function compareImages(a: LinearImage, b: LinearImage): Comparison {
  if (a.width !== b.width || a.height !== b.height) throw new Error('image sizes differ');
  const sa = [0, 0, 0];
  const sb = [0, 0, 0];
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.rgb.length; i++) {
    sa[i % 3] += a.rgb[i];
    sb[i % 3] += b.rgb[i];
    num += (a.rgb[i] - b.rgb[i]) ** 2;
    den += b.rgb[i] ** 2;
  }
  return { meanRatio: [sa[0] / sb[0], sa[1] / sb[1], sa[2] / sb[2]], relMse: num / den };
}
