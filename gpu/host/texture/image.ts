// Decoded images, and the decoder interface the host supplies: engine code runs in the browser and in Node, so
// it never decodes PNG/JPEG itself (browser: createImageBitmap + OffscreenCanvas, Node: sharp).
import { MAX_TEXTURE_TEXELS } from '../../../src/lib/limits.ts';

/** 8-bit RGBA pixels, rows top to bottom (the glTF image origin is the top-left corner). */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 bytes. */
  readonly data: Uint8Array;
}

/** Decodes an encoded image (PNG, JPEG) to RGBA8; `name` is for error messages. */
export type ImageDecoder = (bytes: Uint8Array, mimeType: string, name: string) => Promise<DecodedImage>;

/** Longest side of one texture image accepted (larger ones would not fit the texture atlas). */
export const MAX_IMAGE_SIDE = 4096;
/** Encoded image bytes accepted per image. */
export const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

/** Throws unless the decoded image has the size it claims and fits the limits. */
export function checkDecodedImage(image: DecodedImage, name: string): DecodedImage {
  const { width, height, data } = image;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new Error(`${name}: image size ${width}×${height} is not valid`);
  }
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new Error(`${name}: image is ${width}×${height}, over the ${MAX_IMAGE_SIDE}×${MAX_IMAGE_SIDE} texture limit`);
  }
  if (data.length !== width * height * 4) throw new Error(`${name}: decoded image has ${data.length} bytes, expected ${width * height * 4}`);
  return image;
}

/**
 * The texels a scene's images may still take (MAX_TEXTURE_TEXELS by default). One budget is shared by every
 * mesh file of a scene, and images are charged from their headers, so a scene over it is refused before anything
 * is decoded.
 */
export class TexelBudget {
  private spent = 0;

  constructor(readonly limit: number = MAX_TEXTURE_TEXELS) {}

  get used(): number {
    return this.spent;
  }

  /** Charges `texels` when they fit what is left; false (nothing charged) when they do not. */
  take(texels: number): boolean {
    if (this.spent + texels > this.limit) return false;
    this.spent += texels;
    return true;
  }
}
