// The Huffman stage of OpenEXR's PIZ compression, decoding 16-bit symbols. Layout of a coded block (integers
// little-endian): im, iM (the first and last symbol with a code), the table's byte length, nBits (bits of coded
// data), 4 reserved bytes; then the code lengths of symbols im..iM packed 6 bits each, most significant bit first
// (59–62: a run of 2–5 zero lengths, 63 then 8 bits: a run of 6–261), padded to a byte; then nBits of codes.
// Codes are canonical with the longest codes numerically smallest: walking lengths from 58 down to 1, the first
// code of a length is half the first free code of the next longer length. Symbol iM is the run code: it is
// followed by 8 bits n and repeats the previous symbol n more times.
import { EnvironmentImageError } from './image.ts';

/** Symbols 0–65535 plus the run code. */
const SYMBOLS = 65537;
/** 6-bit code length values from here on are runs of zero lengths. */
const SHORT_ZERO_RUN = 59;
const LONG_ZERO_RUN = 63;
const SHORTEST_LONG_RUN = 6;
const MAX_CODE_LENGTH = 58;
/** Codes this long or shorter decode with one lookup of the next FAST_BITS bits. */
const FAST_BITS = 14;
/** Beyond this the code values no longer fit a double exactly; real tables never come close (a code of length L
 * needs on the order of Fibonacci(L) symbols in the block). */
const MAX_SUPPORTED_LENGTH = 52;

function corrupt(what: string): EnvironmentImageError {
  return new EnvironmentImageError(`OpenEXR PIZ data is corrupt: ${what}`);
}

/** Most-significant-bit-first reader over `src` from bit `at` up to bit `end`. */
class MsbBits {
  constructor(
    private readonly src: Uint8Array,
    public at: number,
    private readonly end: number
  ) {}

  /** The next n ≤ 24 bits without consuming them; bits past the data read as 0. */
  peek(n: number): number {
    const byte = this.at >>> 3;
    const b0 = byte < this.src.length ? this.src[byte] : 0;
    const b1 = byte + 1 < this.src.length ? this.src[byte + 1] : 0;
    const b2 = byte + 2 < this.src.length ? this.src[byte + 2] : 0;
    const b3 = byte + 3 < this.src.length ? this.src[byte + 3] : 0;
    const word = ((b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0;
    return ((word << (this.at & 7)) >>> 0) >>> (32 - n);
  }

  /** The bit k places after the position (0 past the data). */
  bitAfter(k: number): number {
    const at = this.at + k;
    const byte = at >>> 3;
    return byte < this.src.length ? (this.src[byte] >> (7 - (at & 7))) & 1 : 0;
  }

  read(n: number): number {
    if (this.at + n > this.end) throw corrupt('the coded data ends early');
    const value = this.peek(n);
    this.at += n;
    return value;
  }

  get left(): number {
    return this.end - this.at;
  }
}

function uint32(src: Uint8Array, at: number): number {
  return (src[at] | (src[at + 1] << 8) | (src[at + 2] << 16) | (src[at + 3] << 24)) >>> 0;
}

/** Decodes a coded block into `out`, which it must fill exactly. */
export function huffmanDecode(src: Uint8Array, out: Uint16Array): void {
  if (src.length === 0) {
    if (out.length !== 0) throw corrupt('no coded data');
    return;
  }
  if (src.length < 20) throw corrupt('the coded block is shorter than its header');
  const im = uint32(src, 0);
  const iM = uint32(src, 4);
  const nBits = uint32(src, 12);
  if (im >= SYMBOLS || iM >= SYMBOLS || im > iM) throw corrupt(`invalid symbol range ${im}–${iM}`);

  const table = new MsbBits(src, 20 * 8, src.length * 8);
  const lengths = new Uint8Array(SYMBOLS);
  for (let symbol = im; symbol <= iM; ) {
    const length = table.read(6);
    if (length < SHORT_ZERO_RUN) {
      lengths[symbol++] = length;
      continue;
    }
    const run = length === LONG_ZERO_RUN ? table.read(8) + SHORTEST_LONG_RUN : length - SHORT_ZERO_RUN + 2;
    if (symbol + run > iM + 1) throw corrupt('a run of zero code lengths overruns the table');
    symbol += run;
  }
  const dataStart = Math.ceil(table.at / 8) * 8;
  if (nBits > src.length * 8 - dataStart) throw corrupt(`${nBits} bits of codes claimed, fewer stored`);

  const code = canonicalCode(lengths);
  decodeSymbols(new MsbBits(src, dataStart, dataStart + nBits), code, iM, out);
}

interface CanonicalCode {
  /** Lookup of the next FAST_BITS bits: symbol << 6 | length, or 0 for a longer code. */
  readonly fast: Int32Array;
  /** Per length: the first code, how many codes, and where their symbols start in `symbols`. */
  readonly first: Float64Array;
  readonly counts: Int32Array;
  readonly starts: Int32Array;
  readonly symbols: Int32Array;
}

function canonicalCode(lengths: Uint8Array): CanonicalCode {
  const counts = new Int32Array(MAX_CODE_LENGTH + 1);
  for (const length of lengths) counts[length]++;
  counts[0] = 0;
  // First code per length, longest first. BigInt: intermediate values reach 2^58 for hostile tables.
  const first = new Float64Array(MAX_CODE_LENGTH + 1);
  let next = 0n;
  for (let length = MAX_CODE_LENGTH; length > 0; length--) {
    if (counts[length] > 0) {
      if (next + BigInt(counts[length]) > 1n << BigInt(length)) throw corrupt(`codes of length ${length} overflow it`);
      if (length > MAX_SUPPORTED_LENGTH) throw corrupt(`a code of length ${length} bits`);
    }
    first[length] = Number(next);
    next = (next + BigInt(counts[length])) >> 1n;
  }
  const starts = new Int32Array(MAX_CODE_LENGTH + 2);
  for (let length = 1; length <= MAX_CODE_LENGTH; length++) starts[length + 1] = starts[length] + counts[length];
  const symbols = new Int32Array(starts[MAX_CODE_LENGTH + 1]);
  const filled = starts.slice();
  const fast = new Int32Array(1 << FAST_BITS);
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    const length = lengths[symbol];
    if (length === 0) continue;
    const rank = filled[length] - starts[length];
    symbols[filled[length]++] = symbol;
    if (length > FAST_BITS) continue;
    const from = (first[length] + rank) * 2 ** (FAST_BITS - length);
    const to = from + 2 ** (FAST_BITS - length);
    for (let i = from; i < to; i++) {
      if (fast[i] !== 0) throw corrupt('two codes share a prefix');
      fast[i] = (symbol << 6) | length;
    }
  }
  return { fast, first, counts, starts, symbols };
}

function decodeSymbols(bits: MsbBits, code: CanonicalCode, runSymbol: number, out: Uint16Array): void {
  let n = 0;
  while (bits.left > 0) {
    let symbol: number;
    const window = bits.peek(FAST_BITS);
    const entry = code.fast[window];
    if (entry !== 0) {
      const length = entry & 63;
      if (length > bits.left) throw corrupt('the coded data ends inside a code');
      bits.at += length;
      symbol = entry >>> 6;
    } else {
      symbol = slowSymbol(bits, code, window);
    }
    if (symbol === runSymbol) {
      const repeat = bits.read(8);
      if (n === 0) throw corrupt('a run with no symbol before it');
      if (n + repeat > out.length) throw corrupt(`it decodes to more than the expected ${out.length} values`);
      out.fill(out[n - 1], n, n + repeat);
      n += repeat;
    } else {
      if (n >= out.length) throw corrupt(`it decodes to more than the expected ${out.length} values`);
      out[n++] = symbol;
    }
  }
  if (n !== out.length) throw corrupt(`it decodes to ${n} values, ${out.length} expected`);
}

/** A code longer than FAST_BITS: extend the window a bit at a time until it falls in a length's code range. */
function slowSymbol(bits: MsbBits, code: CanonicalCode, window: number): number {
  let value = window;
  for (let length = FAST_BITS + 1; length <= MAX_SUPPORTED_LENGTH; length++) {
    if (length > bits.left) break;
    value = value * 2 + bits.bitAfter(length - 1);
    const offset = value - code.first[length];
    if (offset >= 0 && offset < code.counts[length]) {
      bits.at += length;
      return code.symbols[code.starts[length] + offset];
    }
  }
  throw corrupt('an invalid code');
}
