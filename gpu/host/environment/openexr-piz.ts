// OpenEXR's PIZ decompression of one block of scanlines. A block's pixel data, seen as little-endian 16-bit words
// and regrouped channel by channel (all lines of a channel together, each sample's 1 or 2 words adjacent), went
// through: a lookup table that numbers the distinct word values densely (stored as a bitmap of the values
// present), a 2D Haar-like wavelet per channel and word position, and Huffman coding. Stored layout: uint16
// minNonZero and maxNonZero (the range of bitmap bytes stored), those bitmap bytes, int32 length, then `length`
// bytes of Huffman data. Decoding runs the stages backwards.
import { EnvironmentImageError } from './image.ts';
import { huffmanDecode } from './openexr-huffman.ts';

const BITMAP_BYTES = 65536 / 8;

export interface PizLayout {
  /** Samples per line of every channel (the data window width: all channels are sampled 1 × 1). */
  readonly width: number;
  readonly lines: number;
  /** 16-bit words per sample of each channel, in file order: 1 for HALF, 2 for FLOAT and UINT. */
  readonly channelWords: readonly number[];
}

function corrupt(what: string): EnvironmentImageError {
  return new EnvironmentImageError(`OpenEXR PIZ data is corrupt: ${what}`);
}

/** Decompresses `src` into `out`, the block's bytes as stored uncompressed (line by line, channel by channel). */
export function pizDecompress(src: Uint8Array, layout: PizLayout, out: Uint8Array): void {
  const { width, lines, channelWords } = layout;
  const totalWords = width * lines * channelWords.reduce((a, b) => a + b, 0);
  if (out.length !== totalWords * 2) throw new RangeError(`PIZ output of ${out.length} bytes for ${totalWords} words`);
  if (src.length < 4) throw corrupt('the block is shorter than its header');
  const minNonZero = src[0] | (src[1] << 8);
  const maxNonZero = src[2] | (src[3] << 8);
  if (maxNonZero >= BITMAP_BYTES) throw corrupt(`bitmap range ${minNonZero}–${maxNonZero}`);
  const bitmap = new Uint8Array(BITMAP_BYTES);
  let at = 4;
  if (minNonZero <= maxNonZero) {
    const count = maxNonZero - minNonZero + 1;
    if (at + count > src.length) throw corrupt('the bitmap is cut short');
    bitmap.set(src.subarray(at, at + count), minNonZero);
    at += count;
  }
  if (at + 4 > src.length) throw corrupt('the Huffman data length is missing');
  const length = (src[at] | (src[at + 1] << 8) | (src[at + 2] << 16) | (src[at + 3] << 24)) >>> 0;
  at += 4;
  if (at + length > src.length) throw corrupt(`${length} bytes of Huffman data claimed, ${src.length - at} stored`);

  const words = new Uint16Array(totalWords);
  huffmanDecode(src.subarray(at, at + length), words);

  // The table maps dense indices back to word values: value 0, then each value whose bitmap bit is set.
  const lut = new Uint16Array(65536);
  let distinct = 0;
  for (let value = 0; value < 65536; value++) {
    if (value === 0 || bitmap[value >> 3] & (1 << (value & 7))) lut[distinct++] = value;
  }
  const maxIndex = distinct - 1;

  let start = 0;
  for (const wordsPerSample of channelWords) {
    for (let w = 0; w < wordsPerSample; w++) {
      waveletDecode(words, start + w, width, wordsPerSample, lines, width * wordsPerSample, maxIndex);
    }
    start += width * lines * wordsPerSample;
  }
  for (let i = 0; i < words.length; i++) words[i] = lut[words[i]];

  // Back to the stored order: for each line, each channel's samples of that line.
  const channelStart: number[] = [];
  start = 0;
  for (const wordsPerSample of channelWords) {
    channelStart.push(start);
    start += width * lines * wordsPerSample;
  }
  let o = 0;
  for (let line = 0; line < lines; line++) {
    channelWords.forEach((wordsPerSample, c) => {
      const n = width * wordsPerSample;
      const from = channelStart[c] + line * n;
      for (let i = 0; i < n; i++) {
        const word = words[from + i];
        out[o++] = word & 0xff;
        out[o++] = word >> 8;
      }
    });
  }
}

// One inverse lifting step on a pair (l, h) → (a, b), kept in module variables to avoid allocation per pair.
let pairA = 0;
let pairB = 0;

/** The 14-bit variant, used when every (dense) value is below 2^14: l and h are signed 16-bit. */
function unlift14(l: number, h: number): void {
  const ls = (l << 16) >> 16;
  const hs = (h << 16) >> 16;
  const a = ls + (hs & 1) + (hs >> 1);
  pairA = a & 0xffff;
  pairB = (a - hs) & 0xffff;
}

/** The 16-bit variant: modular arithmetic with an offset of 2^15, so no value overflows. */
function unlift16(l: number, h: number): void {
  const b = (l - (h >> 1)) & 0xffff;
  pairA = (h + b - 0x8000) & 0xffff;
  pairB = b;
}

/**
 * Inverts the wavelet of an nx × ny array of words at `start` with strides ox (x) and oy (y). The forward
 * transform went from fine to coarse, combining 2 × 2 squares of samples p apart for p = 1, 2, 4, … below the
 * smaller dimension (a leftover column or row at each level as a 1D pair); this runs the levels coarse to fine.
 */
function waveletDecode(buf: Uint16Array, start: number, nx: number, ox: number, ny: number, oy: number, maxIndex: number): void {
  const unlift = maxIndex < 1 << 14 ? unlift14 : unlift16;
  const n = Math.min(nx, ny);
  let p = 1;
  while (p <= n) p <<= 1;
  // p2: the square size of this level; p: the distance between the samples it pairs.
  let p2 = p >> 1;
  p = p2 >> 1;
  while (p >= 1) {
    const ox1 = ox * p;
    const oy1 = oy * p;
    const ox2 = ox * p2;
    const oy2 = oy * p2;
    const lastRow = start + oy * (ny - p2);
    let py = start;
    for (; py <= lastRow; py += oy2) {
      const lastColumn = py + ox * (nx - p2);
      let px = py;
      for (; px <= lastColumn; px += ox2) {
        const p01 = px + ox1;
        const p10 = px + oy1;
        const p11 = p10 + ox1;
        unlift(buf[px], buf[p10]);
        const i00 = pairA;
        const i10 = pairB;
        unlift(buf[p01], buf[p11]);
        const i01 = pairA;
        const i11 = pairB;
        unlift(i00, i01);
        buf[px] = pairA;
        buf[p01] = pairB;
        unlift(i10, i11);
        buf[p10] = pairA;
        buf[p11] = pairB;
      }
      // A column left over at this level pairs vertically only.
      if (nx & p) {
        const p10 = px + oy1;
        unlift(buf[px], buf[p10]);
        buf[px] = pairA;
        buf[p10] = pairB;
      }
    }
    // A row left over at this level pairs horizontally only.
    if (ny & p) {
      const lastColumn = py + ox * (nx - p2);
      for (let px = py; px <= lastColumn; px += ox2) {
        const p01 = px + ox1;
        unlift(buf[px], buf[p01]);
        buf[px] = pairA;
        buf[p01] = pairB;
      }
    }
    p2 = p;
    p >>= 1;
  }
}
