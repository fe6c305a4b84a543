// OpenEXR writer: single-part scanline file, float32 channels R, G, B and optional layers beside them
// (`albedo.R`, `depth.Z`, …: OpenEXR's layer naming, which compositors and denoisers read), uncompressed or ZIP
// (16-line blocks, OpenEXR's predictor + byte interleave, then zlib). Layout per "The OpenEXR File Layout"
// (openexr.com): magic, version, header attributes, offset table, then one chunk per block, rows top to bottom.
import { deflateSync } from 'node:zlib';

/** CIE xy of the primaries and white point that give the R, G, B channels their meaning. */
export interface Chromaticities {
  readonly red: readonly [number, number];
  readonly green: readonly [number, number];
  readonly blue: readonly [number, number];
  readonly white: readonly [number, number];
}

/** R, G, B hold CIE X, Y, Z relative to white E: OpenEXR's convention for XYZ files (what the reference writes). */
export const XYZ_E_CHROMATICITIES: Chromaticities = {
  red: [1, 0],
  green: [0, 1],
  blue: [0, 0],
  white: [1 / 3, 1 / 3]
};

export type ExrCompression = 'none' | 'zip';

export interface ExrImage {
  readonly width: number;
  readonly height: number;
  /** Interleaved R, G, B floats per pixel, rows top to bottom. */
  readonly rgb: Float32Array;
  readonly chromaticities: Chromaticities;
  /** More channels, stored as `<layer>.<channel>`. */
  readonly layers?: readonly ExrLayer[];
}

/** A layer of channels beside R, G, B (the file's chromaticities describe R, G, B only). */
export interface ExrLayer {
  /** e.g. `albedo`: its channels are stored as `albedo.R`, … */
  readonly name: string;
  /** Channel names in the order `data` interleaves them, e.g. ['R', 'G', 'B'] or ['Z']. */
  readonly channels: readonly string[];
  /** channels.length floats per pixel, rows top to bottom. */
  readonly data: Float32Array;
}

export interface ExrOptions {
  readonly compression?: ExrCompression;
  /** Extra string attributes (e.g. `software`, `comments`). */
  readonly attributes?: Readonly<Record<string, string>>;
}

const MAGIC = 20000630;
const VERSION = 2;
const PIXEL_TYPE_FLOAT = 2;
const LINE_ORDER_INCREASING_Y = 0;
const COMPRESSION_CODE: Record<ExrCompression, number> = { none: 0, zip: 3 };
const LINES_PER_BLOCK: Record<ExrCompression, number> = { none: 1, zip: 16 };

/** A stored channel: its name and where its values lie in an interleaved buffer. */
interface Channel {
  readonly name: string;
  readonly data: Float32Array;
  readonly offset: number;
  readonly stride: number;
}

/** Every channel of the image, in the stored order: sorted by name byte by byte, as OpenEXR requires. */
function channelsOf(image: ExrImage): Channel[] {
  const pixels = image.width * image.height;
  const channels: Channel[] = ['R', 'G', 'B'].map((name, offset) => ({ name, data: image.rgb, offset, stride: 3 }));
  for (const layer of image.layers ?? []) {
    const stride = layer.channels.length;
    if (layer.data.length !== pixels * stride) {
      throw new RangeError(`EXR: layer ${layer.name}: expected ${pixels * stride} floats, got ${layer.data.length}`);
    }
    layer.channels.forEach((channel, offset) => channels.push({ name: `${layer.name}.${channel}`, data: layer.data, offset, stride }));
  }
  const names = channels.map((c) => c.name);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) throw new RangeError(`EXR: channel ${repeated} given twice`);
  return channels.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function encodeExr(image: ExrImage, options: ExrOptions = {}): Buffer {
  const { width, height, rgb } = image;
  if (rgb.length !== width * height * 3) {
    throw new RangeError(`EXR: expected ${width * height * 3} floats of RGB, got ${rgb.length}`);
  }
  const channels = channelsOf(image);
  const compression = options.compression ?? 'zip';
  const header = encodeHeader(image, channels, compression, options.attributes ?? {});
  const linesPerBlock = LINES_PER_BLOCK[compression];
  const blocks: Buffer[] = [];
  for (let y0 = 0; y0 < height; y0 += linesPerBlock) {
    const raw = planarBlock(width, channels, y0, Math.min(y0 + linesPerBlock, height));
    const data = compression === 'zip' ? zipBlock(raw) : raw;
    const prefix = Buffer.alloc(8);
    prefix.writeInt32LE(y0, 0);
    prefix.writeInt32LE(data.length, 4);
    blocks.push(prefix, data);
  }
  const offsets = Buffer.alloc(8 * (blocks.length / 2));
  let offset = header.length + offsets.length;
  for (let i = 0; i < blocks.length; i += 2) {
    offsets.writeBigUInt64LE(BigInt(offset), 4 * i);
    offset += blocks[i].length + blocks[i + 1].length;
  }
  return Buffer.concat([header, offsets, ...blocks]);
}

/** Scanlines y0..y1-1, each stored channel by channel in the stored order, little-endian float32. */
function planarBlock(width: number, channels: readonly Channel[], y0: number, y1: number): Buffer {
  const out = Buffer.alloc((y1 - y0) * width * channels.length * 4);
  let at = 0;
  for (let y = y0; y < y1; y++) {
    for (const { data, offset, stride } of channels) {
      for (let x = 0; x < width; x++) {
        out.writeFloatLE(data[(y * width + x) * stride + offset], at);
        at += 4;
      }
    }
  }
  return out;
}

/** OpenEXR ZIP: bytes split into even/odd halves, delta-coded (+128), zlib-deflated; raw when that is smaller. */
function zipBlock(raw: Buffer): Buffer {
  const n = raw.length;
  const shuffled = Buffer.alloc(n);
  const half = (n + 1) >> 1;
  for (let i = 0; i < n; i++) shuffled[(i & 1) === 0 ? i >> 1 : half + (i >> 1)] = raw[i];
  for (let i = n - 1; i > 0; i--) shuffled[i] = (shuffled[i] - shuffled[i - 1] + 128) & 0xff;
  const packed = deflateSync(shuffled);
  return packed.length < n ? packed : raw;
}

function encodeHeader(image: ExrImage, channels: readonly Channel[], compression: ExrCompression, extra: Readonly<Record<string, string>>): Buffer {
  const parts: Buffer[] = [];
  const magic = Buffer.alloc(8);
  magic.writeInt32LE(MAGIC, 0);
  magic.writeInt32LE(VERSION, 4);
  parts.push(magic);
  const attribute = (name: string, type: string, value: Buffer): void => {
    const size = Buffer.alloc(4);
    size.writeInt32LE(value.length, 0);
    parts.push(cString(name), cString(type), size, value);
  };
  const window = int32s(0, 0, image.width - 1, image.height - 1);
  const { red, green, blue, white } = image.chromaticities;

  attribute('channels', 'chlist', channelList(channels));
  attribute('chromaticities', 'chromaticities', float32s(...red, ...green, ...blue, ...white));
  attribute('compression', 'compression', Buffer.of(COMPRESSION_CODE[compression]));
  attribute('dataWindow', 'box2i', window);
  attribute('displayWindow', 'box2i', window);
  attribute('lineOrder', 'lineOrder', Buffer.of(LINE_ORDER_INCREASING_Y));
  attribute('pixelAspectRatio', 'float', float32s(1));
  attribute('screenWindowCenter', 'v2f', float32s(0, 0));
  attribute('screenWindowWidth', 'float', float32s(1));
  for (const [name, value] of Object.entries(extra)) attribute(name, 'string', Buffer.from(value, 'utf8'));
  parts.push(Buffer.of(0));
  return Buffer.concat(parts);
}

function channelList(channels: readonly Channel[]): Buffer {
  const entries = channels.map(({ name }) => {
    // pixel type, pLinear + 3 reserved bytes, x sampling, y sampling
    const fields = Buffer.alloc(16);
    fields.writeInt32LE(PIXEL_TYPE_FLOAT, 0);
    fields.writeInt32LE(1, 8);
    fields.writeInt32LE(1, 12);
    return Buffer.concat([cString(name), fields]);
  });
  return Buffer.concat([...entries, Buffer.of(0)]);
}

function cString(text: string): Buffer {
  return Buffer.concat([Buffer.from(text, 'utf8'), Buffer.of(0)]);
}

function int32s(...values: number[]): Buffer {
  const out = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => out.writeInt32LE(v, 4 * i));
  return out;
}

function float32s(...values: number[]): Buffer {
  const out = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => out.writeFloatLE(v, 4 * i));
  return out;
}
