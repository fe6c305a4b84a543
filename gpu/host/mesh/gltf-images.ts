// A glTF file's texture images as the loader collects them: each distinct image is kept once (a glTF image used by
// several textures, or images with identical bytes under several indices), sized from its header, charged to the
// scene's texel budget, and only then decoded. A small file whose images claim huge sizes, or repeat one huge
// image under many indices, is refused before a decoder allocates anything.
import type { Texture } from '@gltf-transform/core';
import { readImageSize, type ImageSize } from '../texture/image-size.ts';
import { checkDecodedImage, MAX_IMAGE_BYTES, MAX_IMAGE_SIDE, type DecodedImage, type ImageDecoder, type TexelBudget } from '../texture/image.ts';

interface ImageEntry {
  readonly bytes: Uint8Array;
  readonly mimeType: string;
  /** `images[3] "name"`, for messages. */
  readonly label: string;
  readonly size: ImageSize;
}

/** FNV-1a over the bytes, with their length: equal keys are then compared byte for byte. */
function contentKey(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return `${bytes.length}:${hash >>> 0}`;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

export class GltfImages {
  private readonly entries: ImageEntry[] = [];
  private readonly byTexture = new Map<Texture, number>();
  private readonly byContent = new Map<string, number[]>();
  /** The glTF image index of each texture (@gltf-transform's Texture is a glTF image). */
  private readonly documentIndex: Map<Texture, number>;

  constructor(
    textures: readonly Texture[],
    private readonly fail: (message: string) => never
  ) {
    this.documentIndex = new Map(textures.map((t, i) => [t, i]));
  }

  /** The index among the distinct images of the texture's image; its header is read (and checked) here. */
  indexOf(texture: Texture): number {
    const known = this.byTexture.get(texture);
    if (known !== undefined) return known;
    const label = `images[${this.documentIndex.get(texture) ?? '?'}] "${(texture.getName() || texture.getURI()).slice(0, 100)}"`;
    const bytes = texture.getImage();
    if (!bytes) return this.fail(`${label} has no data`);
    if (bytes.length > MAX_IMAGE_BYTES) this.fail(`${label} is ${bytes.length} bytes, over the ${MAX_IMAGE_BYTES / 2 ** 20} MiB image limit`);
    const key = contentKey(bytes);
    const candidates = this.byContent.get(key) ?? [];
    let index = candidates.find((i) => sameBytes(this.entries[i].bytes, bytes));
    if (index === undefined) {
      const size = readImageSize(bytes);
      if (!size) this.fail(`${label} is not a PNG, JPEG or WebP image (its header gives no size)`);
      if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) {
        this.fail(`${label} is ${size.width}×${size.height}, over the ${MAX_IMAGE_SIDE}×${MAX_IMAGE_SIDE} texture limit`);
      }
      index = this.entries.length;
      this.entries.push({ bytes, mimeType: texture.getMimeType(), label, size });
      this.byContent.set(key, [...candidates, index]);
    }
    this.byTexture.set(texture, index);
    return index;
  }

  /** Charges the distinct images' texels (from their headers) to the scene's budget; over it, fails naming both. */
  charge(budget: TexelBudget): void {
    const texels = this.entries.reduce((sum, e) => sum + e.size.width * e.size.height, 0);
    if (budget.take(texels)) return;
    const en = (n: number) => n.toLocaleString('en');
    const others = budget.used > 0 ? ` (the scene's other meshes already use ${en(budget.used)})` : '';
    this.fail(`${this.entries.length} distinct texture images of ${en(texels)} texels in all are over the texture budget of ${en(budget.limit)} texels per scene${others}`);
  }

  /** Decodes each distinct image once, in index order; a result that disagrees with its header fails. */
  async decode(decoder: ImageDecoder, fileName: string): Promise<DecodedImage[]> {
    const out: DecodedImage[] = [];
    for (const { bytes, mimeType, label, size } of this.entries) {
      const name = `${fileName}: ${label}`;
      let image: DecodedImage;
      try {
        image = checkDecodedImage(await decoder(bytes, mimeType, name), name);
      } catch (error) {
        const message = (error as Error).message;
        return this.fail(`${label}: cannot be decoded (${message.startsWith(name) ? message.slice(name.length).replace(/^:\s*/, '') : message})`);
      }
      if (image.width !== size.width || image.height !== size.height) {
        this.fail(`${label} decoded as ${image.width}×${image.height}, but its header says ${size.width}×${size.height}`);
      }
      out.push(image);
    }
    return out;
  }
}
