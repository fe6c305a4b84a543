// Radiance .hdr (RGBE) reader and writer, from the format as Greg Ward documents it ("The RADIANCE Picture File
// Format" and Graphics Gems II, "Real Pixels"): a text header ("#?RADIANCE", variable lines, a blank line), a
// resolution line such as "-Y 512 +X 1024", then scanlines of 4-byte pixels (R, G, B mantissas and a shared
// exponent E: value = (m + 0.5)·2^(E−136), 0 when E = 0). A scanline is either per-component run-length encoded
// (it starts 2, 2, width >> 8, width & 255), or flat pixels in which (1, 1, 1, n) repeats the previous pixel n
// times (old-style RLE; consecutive repeats shift n left by 8 more each).
//
// EXPOSURE (and COLORCORR) lines are ignored: they record what a program multiplied the pixels by, and the common
// tools (Blender, stb_image, OpenImageIO) show the stored values, so a map lights a scene here as it does there;
// the scene's `intensity` scales it. PRIMARIES are ignored too (maps are taken as linear Rec.709); XYZE pictures
// are refused rather than guessed at.
import { checkEnvironmentSize, EnvironmentImageError, type EnvironmentImage } from './image.ts';

/** Header text before the resolution line; real headers are a few hundred bytes. */
const MAX_HEADER_BYTES = 64 * 1024;
/** Widths the per-component RLE can flag (the format's MINELEN and MAXELEN). */
const MIN_RLE_LENGTH = 8;
const MAX_RLE_LENGTH = 0x7fff;
/** Shortest run the writer encodes as a run rather than literals. */
const MIN_RUN = 4;

interface Resolution {
  /** Scanlines in the file and pixels per scanline. */
  readonly scanlines: number;
  readonly length: number;
  readonly width: number;
  readonly height: number;
  /** Output texel index of pixel `i` of scanline `s`. */
  readonly texel: (s: number, i: number) => number;
}

export function decodeRadianceHdr(bytes: Uint8Array): EnvironmentImage {
  const { resolution, dataStart } = readHeader(bytes);
  const { width, height, scanlines, length, texel } = resolution;
  checkEnvironmentSize(width, height);
  // Every scanline takes at least one 4-byte pixel (or RLE marker): a cheap test against a header on no data.
  if ((bytes.length - dataStart) / 4 < scanlines) throw truncated();

  const rgb = new Float32Array(width * height * 3);
  const scan = new Uint8Array(length * 4);
  const reader = { bytes, at: dataStart };
  for (let s = 0; s < scanlines; s++) {
    readScanline(reader, scan, length);
    for (let i = 0; i < length; i++) {
      const e = scan[4 * i + 3];
      if (e === 0) continue;
      const f = 2 ** (e - 136);
      const t = 3 * texel(s, i);
      rgb[t] = (scan[4 * i] + 0.5) * f;
      rgb[t + 1] = (scan[4 * i + 1] + 0.5) * f;
      rgb[t + 2] = (scan[4 * i + 2] + 0.5) * f;
    }
  }
  return { width, height, rgb };
}

function truncated(): EnvironmentImageError {
  return new EnvironmentImageError('Radiance .hdr file ends before its last scanline (truncated)');
}

function readHeader(bytes: Uint8Array): { resolution: Resolution; dataStart: number } {
  let at = 0;
  const line = (): string => {
    const end = bytes.indexOf(0x0a, at);
    if (end < 0 || end > MAX_HEADER_BYTES) {
      throw new EnvironmentImageError(`Radiance .hdr header does not end within ${MAX_HEADER_BYTES / 1024} KiB`);
    }
    let text = '';
    for (; at < end; at++) text += String.fromCharCode(bytes[at]);
    at++;
    return text;
  };
  if (!line().startsWith('#?')) throw new EnvironmentImageError('not a Radiance .hdr file (no "#?RADIANCE" line)');
  for (let text = line(); text.trim() !== ''; text = line()) {
    const format = /^\s*FORMAT\s*=\s*(\S+)/.exec(text);
    if (format && format[1] !== '32-bit_rle_rgbe') {
      throw new EnvironmentImageError(`Radiance .hdr FORMAT=${format[1]} is not supported (only 32-bit_rle_rgbe)`);
    }
  }
  return { resolution: parseResolution(line().trim()), dataStart: at };
}

/** "±A n ±B m": n scanlines along axis A (the slow one), each m pixels along B. All 8 orientations are read. */
function parseResolution(text: string): Resolution {
  const match = /^([-+])([XY]) +(\d{1,9}) +([-+])([XY]) +(\d{1,9})$/.exec(text);
  if (!match || match[2] === match[5]) {
    throw new EnvironmentImageError(`Radiance .hdr resolution line ${JSON.stringify(text.slice(0, 40))} is not "-Y <height> +X <width>"`);
  }
  const [, slowSign, slowAxis, slowCount, fastSign, , fastCount] = match;
  const scanlines = Number(slowCount);
  const length = Number(fastCount);
  // Radiance's +Y points up and +X right; output rows run top to bottom.
  if (slowAxis === 'Y') {
    const width = length;
    const height = scanlines;
    const row = (s: number) => (slowSign === '-' ? s : height - 1 - s);
    const column = (i: number) => (fastSign === '+' ? i : width - 1 - i);
    return { scanlines, length, width, height, texel: (s, i) => row(s) * width + column(i) };
  }
  const width = scanlines;
  const height = length;
  const column = (s: number) => (slowSign === '+' ? s : width - 1 - s);
  const row = (i: number) => (fastSign === '-' ? i : height - 1 - i);
  return { scanlines, length, width, height, texel: (s, i) => row(i) * width + column(s) };
}

interface ScanReader {
  readonly bytes: Uint8Array;
  at: number;
}

/** One scanline of `length` pixels into `scan` as R, G, B, E bytes. */
function readScanline(r: ScanReader, scan: Uint8Array, length: number): void {
  const { bytes } = r;
  if (r.at + 4 > bytes.length) throw truncated();
  const marked = bytes[r.at] === 2 && bytes[r.at + 1] === 2 && (bytes[r.at + 2] & 0x80) === 0;
  const encoded = (bytes[r.at + 2] << 8) | bytes[r.at + 3];
  // Outside the RLE widths the marker is taken only when it names the width exactly: pfstools writes RLE there,
  // and as a flat pixel it would be a value near 1e−37.
  const inRange = length >= MIN_RLE_LENGTH && length <= MAX_RLE_LENGTH;
  if (!marked || (!inRange && encoded !== length)) {
    readFlatScanline(r, scan, length);
    return;
  }
  if (encoded !== length) {
    throw new EnvironmentImageError(`Radiance .hdr RLE scanline claims ${encoded} pixels, the picture is ${length} wide`);
  }
  r.at += 4;
  for (let c = 0; c < 4; c++) {
    for (let i = 0; i < length; ) {
      if (r.at >= bytes.length) throw truncated();
      const code = bytes[r.at++];
      const run = code > 128;
      const count = run ? code - 128 : code;
      if (count === 0 || i + count > length) {
        throw new EnvironmentImageError(`Radiance .hdr RLE run of ${count} at pixel ${i} of a ${length}-pixel scanline is invalid`);
      }
      if (r.at + (run ? 1 : count) > bytes.length) throw truncated();
      if (run) {
        const value = bytes[r.at++];
        for (let k = 0; k < count; k++) scan[4 * (i + k) + c] = value;
      } else {
        for (let k = 0; k < count; k++) scan[4 * (i + k) + c] = bytes[r.at++];
      }
      i += count;
    }
  }
}

function readFlatScanline(r: ScanReader, scan: Uint8Array, length: number): void {
  const { bytes } = r;
  let shift = 0;
  // Offset in `scan` of the pixel a repeat copies (runs stay within a scanline).
  let last = -1;
  for (let i = 0; i < length; ) {
    if (r.at + 4 > bytes.length) throw truncated();
    const e = bytes[r.at + 3];
    if (bytes[r.at] === 1 && bytes[r.at + 1] === 1 && bytes[r.at + 2] === 1) {
      r.at += 4;
      const count = e * 2 ** shift;
      if (last < 0 || i + count > length) {
        throw new EnvironmentImageError(`Radiance .hdr repeat of ${count} pixels at pixel ${i} of a ${length}-pixel scanline is invalid`);
      }
      for (let k = 0; k < count; k++) scan.copyWithin(4 * (i + k), last, last + 4);
      i += count;
      shift += 8;
    } else {
      scan.set(bytes.subarray(r.at, r.at + 4), 4 * i);
      r.at += 4;
      last = 4 * i;
      i++;
      shift = 0;
    }
  }
}

/** A .hdr file of the image, rows top to bottom ("-Y h +X w"), per-component RLE where the width allows it. */
export function encodeRadianceHdr(image: EnvironmentImage): Uint8Array {
  const { width, height, rgb } = image;
  if (rgb.length !== width * height * 3) throw new RangeError(`expected ${width * height * 3} floats of RGB, got ${rgb.length}`);
  const header = new TextEncoder().encode(`#?RADIANCE\n# clovers\nFORMAT=32-bit_rle_rgbe\n\n-Y ${height} +X ${width}\n`);
  const rle = width >= MIN_RLE_LENGTH && width <= MAX_RLE_LENGTH;
  // Worst case per scanline: the RLE marker, then per component one count byte per 128 literals.
  const out = new Uint8Array(header.length + height * (4 + 4 * (width + Math.ceil(width / 128))));
  out.set(header);
  let at = header.length;
  const scan = new Uint8Array(width * 4);
  const component = new Uint8Array(width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = 3 * (y * width + x);
      toRgbe(rgb[t], rgb[t + 1], rgb[t + 2], scan, 4 * x);
    }
    if (!rle) {
      out.set(scan, at);
      at += scan.length;
      continue;
    }
    out.set([2, 2, width >> 8, width & 0xff], at);
    at += 4;
    for (let c = 0; c < 4; c++) {
      for (let x = 0; x < width; x++) component[x] = scan[4 * x + c];
      at = writeRuns(component, out, at);
    }
  }
  return out.slice(0, at);
}

/** Shared-exponent encoding: the largest component's mantissa in [128, 256); non-finite or ≤ 0 parts read 0. */
function toRgbe(r: number, g: number, b: number, out: Uint8Array, at: number): void {
  r = r > 0 && r < Infinity ? r : 0;
  g = g > 0 && g < Infinity ? g : 0;
  b = b > 0 && b < Infinity ? b : 0;
  const max = Math.max(r, g, b);
  let e = max > 0 ? Math.floor(Math.log2(max)) + 1 : 0;
  // log2 can be off by one near powers of two; settle max·2^−e into [0.5, 1).
  if (max > 0 && max * 2 ** -e >= 1) e++;
  if (max > 0 && max * 2 ** -e < 0.5) e--;
  if (max <= 0 || e < -127) {
    out[at] = out[at + 1] = out[at + 2] = out[at + 3] = 0;
    return;
  }
  // Beyond the format's range (e > 127): the largest exponent, mantissas in proportion.
  const scale = e > 127 ? 255.999 / max : 2 ** (8 - e);
  out[at] = Math.min(255, Math.floor(r * scale));
  out[at + 1] = Math.min(255, Math.floor(g * scale));
  out[at + 2] = Math.min(255, Math.floor(b * scale));
  out[at + 3] = Math.min(255, e + 128);
}

/** One component of a scanline as runs (count 129–255, then the byte) and literals (count 1–128, then bytes). */
function writeRuns(data: Uint8Array, out: Uint8Array, at: number): number {
  const n = data.length;
  let i = 0;
  while (i < n) {
    // The next run worth encoding, at or after i.
    let start = i;
    let run = 0;
    while (start < n) {
      run = 1;
      while (start + run < n && run < 127 && data[start + run] === data[start]) run++;
      if (run >= MIN_RUN) break;
      start += run;
    }
    const end = Math.min(start, n);
    while (i < end) {
      const count = Math.min(128, end - i);
      out[at++] = count;
      out.set(data.subarray(i, i + count), at);
      at += count;
      i += count;
    }
    if (start < n) {
      out[at++] = 128 + run;
      out[at++] = data[start];
      i = start + run;
    }
  }
  return at;
}
