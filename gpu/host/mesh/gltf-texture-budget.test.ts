// The glTF loader's texture budget: images are sized from their headers and charged to the scene's budget before
// anything is decoded, and each distinct image is decoded (and counted) once.
import { describe, expect, it } from 'vitest';
import { MAX_TEXTURE_TEXELS } from '../../../src/lib/limits.ts';
import { decodeImageNode } from '../../../worker/image-decoder.ts';
import { greyPng, textureBombGlb, texturedGlb } from '../testing/textured-glb.ts';
import { TexelBudget, type ImageDecoder } from '../texture/image.ts';
import { MeshParseError } from './builder.ts';
import { loadGltf } from './gltf.ts';

/** The real decoder, counting its calls. */
function countingDecoder(): { decode: ImageDecoder; calls: () => number } {
  let calls = 0;
  const decode: ImageDecoder = (bytes, mimeType, name) => {
    calls++;
    return decodeImageNode(bytes, mimeType, name);
  };
  return { decode, calls: () => calls };
}

describe('glTF texture budget', () => {
  it('rejects a decompression bomb from the image headers, without decoding anything', async () => {
    const bomb = await textureBombGlb();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const decoder = countingDecoder();
    const start = performance.now();
    const error = await loadGltf(bomb, 'bomb.glb', { decodeImage: decoder.decode }).catch((e: unknown) => e);
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(MeshParseError);
    expect((error as Error).message).toMatch(/^bomb\.glb: glTF: 16 distinct texture images of 268,435,456 texels in all are over the texture budget of 16,777,216 texels per scene/);
    expect(decoder.calls()).toBe(0);
  });

  it('decodes and counts the same image once, however many materials or glTF images repeat it', async () => {
    const png = greyPng(16);
    // The issue's layout: 16 glTF images with the same bytes, one material each; and one image behind two materials.
    for (const [images, materialImages] of [[Array(16).fill(png), [...Array(16).keys()]], [[png], [0, 0]]] as const) {
      const decoder = countingDecoder();
      const budget = new TexelBudget();
      const mesh = await loadGltf(await texturedGlb(images, materialImages), 'shared.glb', { decodeImage: decoder.decode, texelBudget: budget });
      expect(decoder.calls()).toBe(1);
      expect(budget.used).toBe(16 * 16);
      expect(mesh.surface!.images.map((i) => [i.width, i.height])).toEqual([[16, 16]]);
      expect(mesh.surface!.materials.map((m) => m.baseColorTexture?.image)).toEqual(materialImages.map(() => 0));
    }
  });

  it("shares one budget between a scene's files; headers-only loads size images without decoding", async () => {
    const budget = new TexelBudget();
    const full = await loadGltf(await texturedGlb([greyPng(4096)], [0]), 'full.glb', { decodeImage: 'headers-only', texelBudget: budget });
    expect(full.surface!.images).toEqual([]);
    expect(budget.used).toBe(MAX_TEXTURE_TEXELS);
    await expect(loadGltf(await texturedGlb([greyPng(16)], [0]), 'more.glb', { decodeImage: 'headers-only', texelBudget: budget })).rejects.toThrow(
      /^more\.glb: glTF: 1 distinct texture images of 256 texels .* \(the scene's other meshes already use 16,777,216\)/
    );
  });

  it('rejects an image whose header gives no size, or claims more than the side limit, before decoding', async () => {
    const decoder = countingDecoder();
    const notAnImage = new TextEncoder().encode('GIF89a not really');
    await expect(loadGltf(await texturedGlb([notAnImage], [0]), 'gif.glb', { decodeImage: decoder.decode })).rejects.toThrow(
      /^gif\.glb: glTF: images\[0\] "image 0" is not a PNG, JPEG or WebP image/
    );
    const wide = greyPng(16).slice();
    new DataView(wide.buffer).setUint32(16, 5000);
    await expect(loadGltf(await texturedGlb([wide], [0]), 'wide.glb', { decodeImage: decoder.decode })).rejects.toThrow(/is 5000×16, over the 4096×4096 texture limit/);
    expect(decoder.calls()).toBe(0);
  });
});
