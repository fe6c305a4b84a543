// Test GLBs for texture limits: one textured triangle per material, with real PNGs from pngjs. A one-colour
// 4096² PNG is about 16 KB, so a small file can claim gigabytes of decoded texels: the decompression bomb.
import { crc32 } from 'node:zlib';
import { Document, NodeIO } from '@gltf-transform/core';
import { PNG } from 'pngjs';

const plain = new Map<number, Uint8Array>();

/** A one-colour grey PNG `side` texels square; a `tag` changes its bytes (a tEXt chunk), not its pixels. */
export function greyPng(side: number, tag?: string): Uint8Array {
  let png = plain.get(side);
  if (!png) {
    const image = new PNG({ width: side, height: side, colorType: 0, inputColorType: 0, bitDepth: 8 });
    image.data.fill(128);
    png = new Uint8Array(PNG.sync.write(image, { colorType: 0, inputColorType: 0, deflateLevel: 9 }));
    plain.set(side, png);
  }
  return tag === undefined ? png : withTextChunk(png, tag);
}

/** The PNG with a tEXt chunk after IHDR (signature 8 bytes + IHDR chunk 25). */
function withTextChunk(png: Uint8Array, text: string): Uint8Array {
  const body = new TextEncoder().encode(`tEXtComment\0${text}`);
  const chunk = new Uint8Array(12 + body.length - 4);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, body.length - 4);
  chunk.set(body, 4);
  view.setUint32(chunk.length - 4, crc32(body));
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, 33));
  out.set(chunk, 33);
  out.set(png.subarray(33), 33 + chunk.length);
  return out;
}

/**
 * A GLB with one glTF image per entry of `images` and one material (each its own triangle) per entry of
 * `materialImages`, which names the image of its base colour texture.
 */
export async function texturedGlb(images: readonly Uint8Array[], materialImages: readonly number[]): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const textures = images.map((bytes, i) => doc.createTexture(`image ${i}`).setImage(bytes).setMimeType('image/png'));
  const mesh = doc.createMesh('panels');
  materialImages.forEach((image, m) => {
    const z = m * 0.01;
    const positions = doc.createAccessor().setType('VEC3').setArray(new Float32Array([0, 0, z, 1, 0, z, 0, 1, z])).setBuffer(buffer);
    const uvs = doc.createAccessor().setType('VEC2').setArray(new Float32Array([0, 0, 1, 0, 0, 1])).setBuffer(buffer);
    const material = doc.createMaterial(`material ${m}`).setBaseColorTexture(textures[image]);
    mesh.addPrimitive(doc.createPrimitive().setAttribute('POSITION', positions).setAttribute('TEXCOORD_0', uvs).setMaterial(material));
  });
  doc.createScene().addChild(doc.createNode('panels').setMesh(mesh));
  return new NodeIO().writeBinary(doc);
}

/** The bomb: 16 distinct 4096² images (268,435,456 texels), one material each, in well under 1 MB. */
export function textureBombGlb(): Promise<Uint8Array> {
  const images = Array.from({ length: 16 }, (_, i) => greyPng(4096, `copy ${i}`));
  return texturedGlb(images, images.map((_, i) => i));
}
