// The Node image decoder for glTF textures (gpu/host/texture/image.ts's interface): PNG and JPEG through sharp,
// with the pixel count bounded before decoding so a header cannot claim a huge image.
import sharp from 'sharp';
import { MAX_IMAGE_SIDE, type DecodedImage, type ImageDecoder } from '../gpu/host/texture/image.ts';

const FORMATS = new Set(['png', 'jpeg']);

export const decodeImageNode: ImageDecoder = async (bytes, mimeType, name): Promise<DecodedImage> => {
  const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_SIDE * MAX_IMAGE_SIDE, failOn: 'error' });
  const meta = await image.metadata();
  if (!meta.format || !FORMATS.has(meta.format)) throw new Error(`${name}: ${mimeType || 'image'} in format ${meta.format ?? 'unknown'} (PNG and JPEG are read)`);
  const { data, info } = await image.ensureAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
};
