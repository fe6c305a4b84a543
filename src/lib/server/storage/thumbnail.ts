// Gallery thumbnails: fit inside 256 × 256 keeping the aspect ratio, Lanczos-3 resampling (as the reference),
// never enlarged.
import sharp from 'sharp';

export const THUMBNAIL_SIZE = 256;

export async function makeThumbnail(png: Uint8Array): Promise<Uint8Array> {
  const out = await sharp(png)
    .resize({
      width: THUMBNAIL_SIZE,
      height: THUMBNAIL_SIZE,
      fit: 'inside',
      kernel: 'lanczos3',
      withoutEnlargement: true
    })
    .png({ compressionLevel: 9 })
    .toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
