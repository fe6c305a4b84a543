// The browser image decoder for glTF textures: createImageBitmap decodes, an OffscreenCanvas reads the pixels
// back unpremultiplied and without colour-space conversion (texels stay as the file stores them).
import { MAX_IMAGE_SIDE, type DecodedImage, type ImageDecoder } from './image.ts';

export const decodeImageBrowser: ImageDecoder = async (bytes, mimeType, name): Promise<DecodedImage> => {
  const blob = new Blob([new Uint8Array(bytes)], { type: mimeType || 'image/png' });
  const bitmap = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  try {
    const { width, height } = bitmap;
    if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) throw new Error(`${name}: image is ${width}×${height}, over the ${MAX_IMAGE_SIDE}×${MAX_IMAGE_SIDE} texture limit`);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error(`${name}: no 2D canvas to read the image`);
    context.drawImage(bitmap, 0, 0);
    return { width, height, data: new Uint8Array(context.getImageData(0, 0, width, height).data.buffer) };
  } finally {
    bitmap.close();
  }
};
