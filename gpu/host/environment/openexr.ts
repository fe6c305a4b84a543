// OpenEXR reader for single-part scanline files, per "The OpenEXR File Layout" and "Technical Introduction"
// (openexr.com): magic 76 2f 31 01, a version word (2, with flag bits for tiled, long-name, deep and multi-part
// files), header attributes (name, type, size, value) up to an empty name, a table of 64-bit chunk offsets, then
// chunks of (y, byte count, data) holding a block of lines, each line channel by channel in header order
// (alphabetical). Channels R, G, B (or a lone Y, read as grey) of type HALF or FLOAT; others, such as A, are
// skipped. Compression NONE, RLE, ZIPS, ZIP and PIZ; a block that would not shrink is stored raw. The map is the
// display window: data outside it is dropped, display texels without data are 0. Samples come back as stored
// (negative or NaN ones too): decodeEnvironment clamps them.
import { checkEnvironmentSize, EnvironmentImageError, type EnvironmentImage } from './image.ts';
import { inflateZlibInto } from './inflate.ts';
import { pizDecompress } from './openexr-piz.ts';
import { halfValue } from './half.ts';

const MAGIC = 20000630;
const FLAG_TILED = 0x200;
const FLAG_LONG_NAMES = 0x400;
const FLAG_DEEP = 0x800;
const FLAG_MULTIPART = 0x1000;

const PIXEL_UINT = 0;
const PIXEL_HALF = 1;
const PIXEL_FLOAT = 2;
const PIXEL_TYPE_NAMES = ['UINT', 'HALF', 'FLOAT'];

/** Compression codes and the lines per chunk of those read here. */
const COMPRESSION_NAMES = ['NONE', 'RLE', 'ZIPS', 'ZIP', 'PIZ', 'PXR24', 'B44', 'B44A', 'DWAA', 'DWAB', 'HTJ2K256', 'HTJ2K32'];
const LINES_PER_CHUNK: Readonly<Record<number, number>> = { 0: 1, 1: 1, 2: 1, 3: 16, 4: 32 };

const MAX_CHANNELS = 1024;
/** Uncompressed bytes of one chunk: 8192 texels × 32 lines × 3 FLOAT channels is 3 MiB; far more is hostile. */
const MAX_CHUNK_BYTES = 64 * 2 ** 20;

interface Channel {
  readonly name: string;
  readonly type: number;
  /** Bytes per sample. */
  readonly size: number;
  /** Byte offset of this channel's samples within a stored line. */
  readonly offset: number;
}

interface Box {
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

interface Header {
  readonly channels: readonly Channel[];
  readonly compression: number;
  readonly dataWindow: Box;
  readonly displayWindow: Box;
}

function error(message: string): EnvironmentImageError {
  return new EnvironmentImageError(`OpenEXR: ${message}`);
}

function truncated(): EnvironmentImageError {
  return error('the file ends early (truncated)');
}

/** Bounds-checked little-endian reads. */
class Reader {
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    public at = 0
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private take(n: number): number {
    if (this.at + n > this.bytes.length) throw truncated();
    const at = this.at;
    this.at += n;
    return at;
  }

  u8(): number {
    return this.bytes[this.take(1)];
  }

  i32(): number {
    return this.view.getInt32(this.take(4), true);
  }

  u32(): number {
    return this.view.getUint32(this.take(4), true);
  }

  /** A 64-bit offset; values past 2^53 are past any file anyway. */
  u64(): number {
    const low = this.u32();
    return low + this.u32() * 2 ** 32;
  }

  /** A NUL-terminated name of at most `max` bytes. */
  name(max: number): string {
    const end = this.bytes.indexOf(0, this.at);
    if (end < 0) throw truncated();
    if (end - this.at > max) throw error(`a header name is longer than ${max} bytes`);
    let text = '';
    for (let i = this.at; i < end; i++) text += String.fromCharCode(this.bytes[i]);
    this.at = end + 1;
    return text;
  }

  bytesOf(n: number): Uint8Array {
    const at = this.take(n);
    return this.bytes.subarray(at, at + n);
  }
}

export function decodeOpenExr(bytes: Uint8Array): EnvironmentImage {
  const reader = new Reader(bytes);
  if (reader.u32() !== MAGIC) throw error('not an OpenEXR file (bad magic number)');
  const version = reader.u32();
  if ((version & 0xff) !== 2) throw error(`file format version ${version & 0xff} is not supported (only 2)`);
  if (version & FLAG_MULTIPART) throw error('multi-part files are not supported; save a single-part scanline file');
  if (version & FLAG_DEEP) throw error('deep data files are not supported');
  if (version & FLAG_TILED) throw error('tiled files are not supported; save a scanline file');
  if (version & ~(0xff | FLAG_LONG_NAMES)) throw error(`unknown version flags 0x${version.toString(16)}`);
  const header = readHeader(reader, version & FLAG_LONG_NAMES ? 255 : 31);
  return readPixels(reader, header);
}

function readHeader(reader: Reader, maxName: number): Header {
  let channels: Channel[] | undefined;
  let compression: number | undefined;
  let dataWindow: Box | undefined;
  let displayWindow: Box | undefined;
  let lineOrder: number | undefined;
  for (;;) {
    const name = reader.name(maxName);
    if (name === '') break;
    const type = reader.name(maxName);
    const size = reader.i32();
    if (size < 0) throw error(`attribute ${name} has a negative size`);
    const value = new Reader(reader.bytesOf(size));
    const expect = (wanted: string) => {
      if (type !== wanted) throw error(`attribute ${name} has type ${type}, not ${wanted}`);
    };
    switch (name) {
      case 'channels':
        expect('chlist');
        channels = readChannels(value, maxName);
        break;
      case 'compression':
        expect('compression');
        compression = value.u8();
        break;
      case 'dataWindow':
        expect('box2i');
        dataWindow = readBox(value);
        break;
      case 'displayWindow':
        expect('box2i');
        displayWindow = readBox(value);
        break;
      case 'lineOrder':
        expect('lineOrder');
        lineOrder = value.u8();
        break;
      case 'type': {
        const text = new TextDecoder().decode(value.bytes);
        if (text !== 'scanlineimage') throw error(`part type "${text}" is not supported (only scanlineimage)`);
        break;
      }
    }
  }
  if (!channels || compression === undefined || !dataWindow || !displayWindow || lineOrder === undefined) {
    throw error('the header lacks one of channels, compression, dataWindow, displayWindow, lineOrder');
  }
  // The chunks carry their own y and the offset table is in y order, so the line order needs no handling.
  if (lineOrder > 2) throw error(`unknown line order ${lineOrder}`);
  if (!(compression in LINES_PER_CHUNK)) {
    const known = COMPRESSION_NAMES[compression];
    throw error(`${known ? `${known} compression` : `compression ${compression}`} is not supported (NONE, RLE, ZIPS, ZIP, PIZ are)`);
  }
  return { channels, compression, dataWindow, displayWindow };
}

function readChannels(value: Reader, maxName: number): Channel[] {
  const channels: Channel[] = [];
  let offset = 0;
  for (;;) {
    const name = value.name(maxName);
    if (name === '') return channels;
    if (channels.length >= MAX_CHANNELS) throw error(`more than ${MAX_CHANNELS} channels`);
    const type = value.i32();
    value.bytesOf(4); // pLinear and reserved
    const xSampling = value.i32();
    const ySampling = value.i32();
    if (type < 0 || type > PIXEL_FLOAT) throw error(`channel ${name} has unknown pixel type ${type}`);
    if (xSampling !== 1 || ySampling !== 1) {
      throw error(`channel ${name} is subsampled (${xSampling} × ${ySampling}); only full-resolution channels are read`);
    }
    const size = type === PIXEL_HALF ? 2 : 4;
    channels.push({ name, type, size, offset });
    offset += size;
  }
}

function readBox(value: Reader): Box {
  return { xMin: value.i32(), yMin: value.i32(), xMax: value.i32(), yMax: value.i32() };
}

function boxSize(box: Box, what: string): { width: number; height: number } {
  const width = box.xMax - box.xMin + 1;
  const height = box.yMax - box.yMin + 1;
  if (width <= 0 || height <= 0) throw error(`the ${what} (${box.xMin}, ${box.yMin})–(${box.xMax}, ${box.yMax}) is empty`);
  checkEnvironmentSize(width, height);
  return { width, height };
}

/** The channels that make the map: R, G, B, or Y as grey for all three. */
function pickChannels(channels: readonly Channel[]): readonly [Channel, Channel, Channel] {
  const byName = (name: string) => channels.find((c) => c.name === name);
  const [r, g, b, y] = [byName('R'), byName('G'), byName('B'), byName('Y')];
  const picked: readonly [Channel, Channel, Channel] | undefined = r && g && b ? [r, g, b] : y && !r && !g && !b ? [y, y, y] : undefined;
  if (!picked) {
    const names = channels.map((c) => c.name).join(', ') || 'none';
    throw error(`the map needs channels R, G, B (or Y alone); the file has ${names}`);
  }
  for (const c of picked) {
    if (c.type === PIXEL_UINT) throw error(`channel ${c.name} holds ${PIXEL_TYPE_NAMES[c.type]} samples; only HALF and FLOAT are read`);
  }
  return picked;
}

function readPixels(reader: Reader, header: Header): EnvironmentImage {
  const { channels, compression, dataWindow, displayWindow } = header;
  const [red, green, blue] = pickChannels(channels);
  const { width, height } = boxSize(displayWindow, 'display window');
  const data = boxSize(dataWindow, 'data window');
  const linesPerChunk = LINES_PER_CHUNK[compression];
  const pixelBytes = channels.reduce((sum, c) => sum + c.size, 0);
  const lineBytes = data.width * pixelBytes;
  if (lineBytes * linesPerChunk > MAX_CHUNK_BYTES) {
    throw error(`a chunk of ${linesPerChunk} lines would be ${lineBytes * linesPerChunk} bytes, more than ${MAX_CHUNK_BYTES}`);
  }
  const chunks = Math.ceil(data.height / linesPerChunk);
  // The offset table must be there before any pixel memory is taken.
  if (reader.at + 8 * chunks > reader.bytes.length) throw truncated();
  const offsets: number[] = [];
  for (let i = 0; i < chunks; i++) offsets.push(reader.u64());
  const tableEnd = reader.at;

  const rgb = new Float32Array(width * height * 3);
  // Decompressed block, and the packed bytes RLE and ZIP produce before their reordering.
  const scratch = new Uint8Array(lineBytes * linesPerChunk);
  const packed = new Uint8Array(compression === 1 || compression === 2 || compression === 3 ? scratch.length : 0);
  const halves = halfTable();
  // Columns of the data window that fall in the display window.
  const x0 = Math.max(dataWindow.xMin, displayWindow.xMin);
  const x1 = Math.min(dataWindow.xMax, displayWindow.xMax);
  offsets.forEach((offset, i) => {
    const y0 = dataWindow.yMin + i * linesPerChunk;
    const lines = Math.min(linesPerChunk, dataWindow.yMax - y0 + 1);
    if (offset < tableEnd || offset + 8 > reader.bytes.length) throw error(`chunk ${i} has an offset outside the file`);
    const chunk = new Reader(reader.bytes, offset);
    const y = chunk.i32();
    const size = chunk.i32();
    if (y !== y0) throw error(`chunk ${i} holds line ${y}, line ${y0} expected`);
    const expected = lines * lineBytes;
    if (size < 0 || size > expected) throw error(`chunk ${i} is ${size} bytes, at most ${expected} expected`);
    const stored = chunk.bytesOf(size);
    const block = size === expected ? stored : scratch.subarray(0, expected);
    if (size < expected) decompress(compression, stored, block, packed.subarray(0, expected), { width: data.width, lines, channels });

    const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
    for (let line = 0; line < lines; line++) {
      const row = y0 + line - displayWindow.yMin;
      if (row < 0 || row >= height || x1 < x0) continue;
      [red, green, blue].forEach((c, k) => {
        let at = line * lineBytes + c.offset * data.width + (x0 - dataWindow.xMin) * c.size;
        let t = 3 * (row * width + x0 - displayWindow.xMin) + k;
        if (c.size === 2) {
          for (let x = x0; x <= x1; x++, at += 2, t += 3) rgb[t] = halves[block[at] | (block[at + 1] << 8)];
        } else {
          for (let x = x0; x <= x1; x++, at += 4, t += 3) rgb[t] = view.getFloat32(at, true);
        }
      });
    }
  });
  return { width, height, rgb };
}

interface BlockLayout {
  readonly width: number;
  readonly lines: number;
  readonly channels: readonly Channel[];
}

function decompress(compression: number, src: Uint8Array, out: Uint8Array, packed: Uint8Array, layout: BlockLayout): void {
  switch (compression) {
    case 1:
      runLengthDecode(src, packed);
      unpredict(packed, out);
      return;
    case 2:
    case 3:
      inflateZlibInto(src, packed);
      unpredict(packed, out);
      return;
    case 4:
      pizDecompress(src, { width: layout.width, lines: layout.lines, channelWords: layout.channels.map((c) => c.size / 2) }, out);
      return;
    default:
      // NONE stores every block raw: a short one is cut.
      throw error(`a ${COMPRESSION_NAMES[compression]} chunk is shorter than its lines`);
  }
}

/** OpenEXR RLE: a signed count byte; n < 0 is −n literal bytes, n ≥ 0 is n + 1 copies of the next byte. */
function runLengthDecode(src: Uint8Array, out: Uint8Array): void {
  const size = out.length;
  let o = 0;
  for (let i = 0; i < src.length; ) {
    const count = (src[i++] << 24) >> 24;
    if (count < 0) {
      if (i - count > src.length || o - count > size) throw error('RLE data is corrupt (a literal run overruns)');
      out.set(src.subarray(i, i - count), o);
      i -= count;
      o -= count;
    } else {
      if (i >= src.length || o + count + 1 > size) throw error('RLE data is corrupt (a run overruns)');
      out.fill(src[i++], o, o + count + 1);
      o += count + 1;
    }
  }
  if (o !== size) throw error(`RLE data is corrupt (${o} bytes, ${size} expected)`);
}

/**
 * Undoes the ZIP/RLE preprocessing: the bytes were delta-coded (each minus its predecessor, plus 128) after being
 * split into the even-indexed bytes followed by the odd-indexed ones.
 */
function unpredict(packed: Uint8Array, out: Uint8Array): void {
  for (let i = 1; i < packed.length; i++) packed[i] = (packed[i - 1] + packed[i] - 128) & 0xff;
  const half = (packed.length + 1) >> 1;
  for (let i = 0; i < packed.length; i++) out[i] = (i & 1) === 0 ? packed[i >> 1] : packed[half + (i >> 1)];
}

let halfValues: Float32Array | undefined;

/** Every IEEE half value as a float (half.ts), built once (256 KiB): decoding is one lookup per texel. */
function halfTable(): Float32Array {
  if (!halfValues) {
    halfValues = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) halfValues[h] = halfValue(h);
  }
  return halfValues;
}
