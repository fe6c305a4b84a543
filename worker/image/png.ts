// 8-bit RGB PNG (no alpha) with text metadata. pngjs encodes the pixels; the text chunks are spliced in right after IHDR
// (so before IDAT and IEND, where every reader finds them: decision 15). ASCII values go in tEXt, anything
// else in an uncompressed UTF-8 iTXt (readers disagree on how to decode non-ASCII Latin-1 in tEXt).
import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';

export interface PngImage {
  readonly width: number;
  readonly height: number;
  /** 4 bytes per pixel (R, G, B and an alpha that is dropped), rows top to bottom: what xyzToSrgb8 gives. */
  readonly rgba: Uint8Array;
}

const SIGNATURE_BYTES = 8;
const IHDR_CHUNK_BYTES = 4 + 4 + 13 + 4;
const MAX_KEYWORD_LENGTH = 79;
const PRINTABLE_ASCII = /^[\x20-\x7e\n]*$/;

export function encodePng(image: PngImage, text: Readonly<Record<string, string>> = {}): Buffer {
  const { width, height, rgba } = image;
  if (rgba.length !== width * height * 4) {
    throw new RangeError(`PNG: expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  }
  // pngjs would composite a real alpha over a background: drop it here instead.
  const rgb = Buffer.alloc(width * height * 3);
  for (let p = 0, q = 0; q < rgb.length; p += 4, q += 3) {
    rgb[q] = rgba[p];
    rgb[q + 1] = rgba[p + 1];
    rgb[q + 2] = rgba[p + 2];
  }
  const png = new PNG({ width, height });
  png.data = rgb;
  const encoded = PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false, bitDepth: 8 });
  const head = SIGNATURE_BYTES + IHDR_CHUNK_BYTES;
  const textChunks = Object.entries(text).map(([key, value]) => textChunk(key, value));
  return Buffer.concat([encoded.subarray(0, head), ...textChunks, encoded.subarray(head)]);
}

function textChunk(keyword: string, value: string): Buffer {
  if (!isKeyword(keyword)) {
    throw new RangeError(`PNG: invalid text keyword ${JSON.stringify(keyword)}`);
  }
  const key = Buffer.from(keyword, 'latin1');
  if (PRINTABLE_ASCII.test(value)) return chunk('tEXt', Buffer.concat([key, Buffer.of(0), Buffer.from(value, 'latin1')]));
  // keyword\0, compression flag 0, method 0, empty language tag\0, empty translated keyword\0, UTF-8 text.
  return chunk('iTXt', Buffer.concat([key, Buffer.of(0, 0, 0, 0, 0), Buffer.from(value, 'utf8')]));
}

/** 1–79 printable Latin-1 characters, no leading, trailing or doubled spaces. */
function isKeyword(keyword: string): boolean {
  return (
    keyword.length <= MAX_KEYWORD_LENGTH &&
    /^[\x21-\x7e\xa1-\xff]+( [\x21-\x7e\xa1-\xff]+)*$/.test(keyword)
  );
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
