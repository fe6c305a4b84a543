// An encoded image's size from its header alone (PNG IHDR, JPEG SOFn, WebP VP8/VP8L/VP8X), so texture budgets
// are checked before a decoder allocates anything: a few kilobytes of PNG can claim 4096² texels.

export type ImageFormat = 'png' | 'jpeg' | 'webp';

export interface ImageSize {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const ascii = (bytes: Uint8Array, at: number, text: string) => [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

/** The image's format and size, or undefined when the header is not one of the formats above (or is cut short). */
export function readImageSize(bytes: Uint8Array): ImageSize | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (PNG_SIGNATURE.every((b, i) => bytes[i] === b) && ascii(bytes, 12, 'IHDR')) {
      return sized('png', view.getUint32(16), view.getUint32(20));
    }
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes, view);
    if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return webpSize(bytes, view);
  } catch (error) {
    // A header cut short reads past the end: not an image this can size.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  return undefined;
}

function sized(format: ImageFormat, width: number, height: number): ImageSize | undefined {
  return width > 0 && height > 0 ? { format, width, height } : undefined;
}

/** Start-of-frame markers (baseline, progressive, lossless, arithmetic); C4, C8 and CC are other segments. */
const isSof = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpegSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  let at = 2;
  for (;;) {
    if (bytes[at] !== 0xff) return undefined;
    while (bytes[at] === 0xff) at++; // fill bytes
    const marker = bytes[at++];
    if (marker === undefined || marker === 0xd9 || marker === 0xda) return undefined; // end of image or scan data first
    if ((marker >= 0xd0 && marker <= 0xd8) || marker === 0x01) continue; // markers without a length
    const length = view.getUint16(at);
    if (isSof(marker)) return sized('jpeg', view.getUint16(at + 5), view.getUint16(at + 3));
    if (length < 2) return undefined;
    at += length;
  }
}

function webpSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  if (ascii(bytes, 12, 'VP8 ')) {
    if (!(bytes[23] === 0x9d && bytes[24] === 0x01 && bytes[25] === 0x2a)) return undefined;
    return sized('webp', view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
  }
  if (ascii(bytes, 12, 'VP8L')) {
    if (bytes[20] !== 0x2f) return undefined;
    const bits = view.getUint32(21, true);
    return sized('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (ascii(bytes, 12, 'VP8X')) {
    const u24 = (at: number) => view.getUint16(at, true) + (view.getUint8(at + 2) << 16);
    return sized('webp', u24(24) + 1, u24(27) + 1);
  }
  return undefined;
}
