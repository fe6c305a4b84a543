// zlib (RFC 1950) / DEFLATE (RFC 1951) decompression into a buffer of known size, for OpenEXR's ZIP and ZIPS
// blocks. It is written here rather than taken from node:zlib because the editor decodes maps in the browser too,
// synchronously; the fixed output size bounds the work a hostile stream can cause.
import { EnvironmentImageError } from './image.ts';

const MAX_BITS = 15;
/** Codes up to this long decode with one table lookup; longer ones bit by bit. */
const FAST_BITS = 9;

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
  8193, 12289, 16385, 24577
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** Order of the code length code lengths in a dynamic block header. */
const CLEN_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

function corrupt(what: string): EnvironmentImageError {
  return new EnvironmentImageError(`OpenEXR ZIP data is corrupt: ${what}`);
}

/** LSB-first bit reader; reading past the end yields zeros until the bits are used, then throws. */
class Bits {
  private at: number;
  private buffer = 0;
  private count = 0;
  private padding = 0;

  constructor(
    private readonly src: Uint8Array,
    start: number
  ) {
    this.at = start;
  }

  peek(n: number): number {
    while (this.count < n) {
      if (this.at < this.src.length) this.buffer |= this.src[this.at++] << this.count;
      else this.padding += 8;
      this.count += 8;
    }
    return this.buffer & ((1 << n) - 1);
  }

  drop(n: number): void {
    this.buffer >>>= n;
    this.count -= n;
    if (this.count < this.padding) throw corrupt('the stream ends early');
  }

  read(n: number): number {
    if (n === 0) return 0;
    const value = this.peek(n);
    this.drop(n);
    return value;
  }

  /** Byte offset after discarding the bits of a partly read byte. */
  alignToByte(): number {
    this.drop(this.count & 7);
    const at = this.at - (this.count - this.padding) / 8;
    this.buffer = 0;
    this.count = 0;
    this.padding = 0;
    this.at = at;
    return at;
  }

  skipBytes(at: number): void {
    this.at = at;
  }
}

/** A canonical Huffman code: a FAST_BITS lookup (symbol << 4 | length, 0 = longer code) and per-length counts. */
interface Code {
  readonly fast: Int32Array;
  readonly counts: Int32Array;
  /** Symbols ordered by code length, then by value. */
  readonly symbols: Int32Array;
}

function buildCode(lengths: ArrayLike<number>): Code {
  const counts = new Int32Array(MAX_BITS + 1);
  for (let s = 0; s < lengths.length; s++) counts[lengths[s]]++;
  counts[0] = 0;
  let left = 1;
  for (let len = 1; len <= MAX_BITS; len++) {
    left = 2 * left - counts[len];
    if (left < 0) throw corrupt('a Huffman code is over-subscribed');
  }
  const offsets = new Int32Array(MAX_BITS + 2);
  for (let len = 1; len <= MAX_BITS; len++) offsets[len + 1] = offsets[len] + counts[len];
  const symbols = new Int32Array(lengths.length);
  const next = new Int32Array(MAX_BITS + 1);
  let code = 0;
  for (let len = 1; len <= MAX_BITS; len++) {
    code = (code + counts[len - 1]) << 1;
    next[len] = code;
  }
  const fast = new Int32Array(1 << FAST_BITS);
  for (let s = 0; s < lengths.length; s++) {
    const len = lengths[s];
    if (len === 0) continue;
    symbols[offsets[len]++] = s;
    const value = next[len]++;
    if (len > FAST_BITS) continue;
    // The stream holds codes most significant bit first in an LSB-first bit order: index by the reversed code.
    let reversed = 0;
    for (let b = 0; b < len; b++) reversed |= ((value >> b) & 1) << (len - 1 - b);
    for (let i = reversed; i < 1 << FAST_BITS; i += 1 << len) fast[i] = (s << 4) | len;
  }
  return { fast, counts, symbols };
}

function decodeSymbol(bits: Bits, code: Code): number {
  const entry = code.fast[bits.peek(FAST_BITS)];
  if (entry !== 0) {
    bits.drop(entry & 15);
    return entry >> 4;
  }
  const window = bits.peek(MAX_BITS);
  let value = 0;
  let first = 0;
  let index = 0;
  for (let len = 1; len <= MAX_BITS; len++) {
    value |= (window >> (len - 1)) & 1;
    const count = code.counts[len];
    if (value - first < count) {
      bits.drop(len);
      return code.symbols[index + value - first];
    }
    index += count;
    first = (first + count) << 1;
    value <<= 1;
  }
  throw corrupt('an invalid Huffman code');
}

let fixedCodes: { literal: Code; distance: Code } | undefined;

function fixed(): { literal: Code; distance: Code } {
  if (!fixedCodes) {
    const lengths = new Uint8Array(288);
    lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
    fixedCodes = { literal: buildCode(lengths), distance: buildCode(new Uint8Array(30).fill(5)) };
  }
  return fixedCodes;
}

function dynamic(bits: Bits): { literal: Code; distance: Code } {
  const literals = bits.read(5) + 257;
  const distances = bits.read(5) + 1;
  const clens = bits.read(4) + 4;
  if (literals > 286 || distances > 30) throw corrupt('too many codes in a dynamic block');
  const clenLengths = new Uint8Array(19);
  for (let i = 0; i < clens; i++) clenLengths[CLEN_ORDER[i]] = bits.read(3);
  const clenCode = buildCode(clenLengths);
  const lengths = new Uint8Array(literals + distances);
  for (let i = 0; i < lengths.length; ) {
    const symbol = decodeSymbol(bits, clenCode);
    if (symbol < 16) {
      lengths[i++] = symbol;
      continue;
    }
    let repeat: number;
    let value = 0;
    if (symbol === 16) {
      if (i === 0) throw corrupt('a repeated code length with nothing before it');
      value = lengths[i - 1];
      repeat = 3 + bits.read(2);
    } else {
      repeat = symbol === 17 ? 3 + bits.read(3) : 11 + bits.read(7);
    }
    if (i + repeat > lengths.length) throw corrupt('code lengths overrun the table');
    lengths.fill(value, i, i + repeat);
    i += repeat;
  }
  if (lengths[256] === 0) throw corrupt('no end-of-block code');
  return { literal: buildCode(lengths.subarray(0, literals)), distance: buildCode(lengths.subarray(literals)) };
}

/** Inflates zlib data into `out`, which it must fill exactly; anything else is an EnvironmentImageError. */
export function inflateZlibInto(src: Uint8Array, out: Uint8Array): void {
  if (src.length < 6) throw corrupt('too short for a zlib stream');
  const cmf = src[0];
  const flg = src[1];
  if ((cmf & 15) !== 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 !== 0 || flg & 0x20) throw corrupt('not a zlib stream');
  const bits = new Bits(src, 2);
  let written = 0;
  for (let last = 0; !last; ) {
    last = bits.read(1);
    const type = bits.read(2);
    if (type === 0) {
      const at = bits.alignToByte();
      if (at + 4 > src.length) throw corrupt('the stream ends early');
      const len = src[at] | (src[at + 1] << 8);
      if ((len ^ (src[at + 2] | (src[at + 3] << 8))) !== 0xffff) throw corrupt('a stored block length check fails');
      if (at + 4 + len > src.length) throw corrupt('the stream ends early');
      if (written + len > out.length) throw corrupt(`it holds more than the expected ${out.length} bytes`);
      out.set(src.subarray(at + 4, at + 4 + len), written);
      written += len;
      bits.skipBytes(at + 4 + len);
      continue;
    }
    if (type === 3) throw corrupt('an invalid block type');
    const { literal, distance } = type === 1 ? fixed() : dynamic(bits);
    for (;;) {
      const symbol = decodeSymbol(bits, literal);
      if (symbol < 256) {
        if (written >= out.length) throw corrupt(`it holds more than the expected ${out.length} bytes`);
        out[written++] = symbol;
        continue;
      }
      if (symbol === 256) break;
      const l = symbol - 257;
      if (l >= 29) throw corrupt('an invalid length code');
      const length = LENGTH_BASE[l] + bits.read(LENGTH_EXTRA[l]);
      const d = decodeSymbol(bits, distance);
      if (d >= 30) throw corrupt('an invalid distance code');
      const dist = DIST_BASE[d] + bits.read(DIST_EXTRA[d]);
      if (dist > written) throw corrupt('a distance before the start of the data');
      if (written + length > out.length) throw corrupt(`it holds more than the expected ${out.length} bytes`);
      // Byte by byte: a match may overlap the bytes it is producing.
      for (let k = 0; k < length; k++, written++) out[written] = out[written - dist];
    }
  }
  if (written !== out.length) throw corrupt(`it holds ${written} bytes, ${out.length} expected`);
  const at = bits.alignToByte();
  if (at + 4 > src.length) throw corrupt('the Adler-32 checksum is missing');
  const expected = ((src[at] << 24) | (src[at + 1] << 16) | (src[at + 2] << 8) | src[at + 3]) >>> 0;
  if (adler32(out) !== expected) throw corrupt('the Adler-32 checksum does not match');
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  // 5552 bytes is the most that keep the sums below 2^32 between reductions.
  for (let i = 0; i < data.length; ) {
    const end = Math.min(i + 5552, data.length);
    for (; i < end; i++) {
      a += data[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
