// Decodes an uploaded or bundled environment map by its content, not its name: OpenEXR starts with the magic
// 0x762f3101 (little-endian 76 2f 31 01), Radiance .hdr with "#?" (#?RADIANCE or #?RGBE).
import { decodeOpenExr } from './openexr.ts';
import { decodeRadianceHdr } from './radiance-hdr.ts';
import { EnvironmentImageError, type EnvironmentImage } from './image.ts';

/** The map in `bytes` (`name` is only for messages); anything but .hdr/.exr is an EnvironmentImageError. */
export function decodeEnvironment(bytes: Uint8Array, name: string): EnvironmentImage {
  let image: EnvironmentImage;
  try {
    if (bytes.length >= 4 && bytes[0] === 0x76 && bytes[1] === 0x2f && bytes[2] === 0x31 && bytes[3] === 0x01) {
      image = decodeOpenExr(bytes);
    } else if (bytes.length >= 2 && bytes[0] === 0x23 && bytes[1] === 0x3f) {
      image = decodeRadianceHdr(bytes);
    } else {
      throw new EnvironmentImageError('not a Radiance .hdr or OpenEXR .exr file');
    }
  } catch (error) {
    if (error instanceof EnvironmentImageError) throw new EnvironmentImageError(`${name}: ${error.message}`);
    throw error;
  }
  sanitize(image.rgb);
  return image;
}

/**
 * Negative, NaN and infinite texels become 0: the renderer's importance sampling builds a CDF from the map, which
 * one NaN or Inf would poison, and negative radiance has no meaning (some tools leave it after colour transforms).
 */
function sanitize(rgb: Float32Array): void {
  for (let i = 0; i < rgb.length; i++) {
    const v = rgb[i];
    if (!(v >= 0 && v < Infinity)) rgb[i] = 0;
  }
}
