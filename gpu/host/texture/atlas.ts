// Packs a scene's decoded images into one RGBA8 atlas (WebGPU has no bindless textures): shelf packing, tallest
// images first (planAtlas picks the width). No gutters are needed: textures/image.wgsl wraps each lookup inside its
// own rectangle.
import type { DecodedImage } from './image.ts';

/** The atlas side WebGPU guarantees (maxTextureDimension2D default). */
export const MAX_ATLAS_SIDE = 8192;

export interface AtlasSize {
  readonly width: number;
  readonly height: number;
}

export interface AtlasRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface TextureAtlas {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 bytes, rows top to bottom. */
  readonly data: Uint8Array;
  /** Where each input image went, in input order. */
  readonly rects: readonly AtlasRect[];
}

export class AtlasTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AtlasTooLargeError';
  }
}

/** A 1×1 white atlas for scenes without images (a texture binding cannot be empty). */
const EMPTY: TextureAtlas = { width: 1, height: 1, data: new Uint8Array([255, 255, 255, 255]), rects: [] };

/** Shelf placement of images of these sizes, tallest first, on an atlas `width` texels wide. */
function shelves(sizes: readonly AtlasSize[], width: number): { rects: AtlasRect[]; height: number } {
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[b].height - sizes[a].height || a - b);
  const rects: AtlasRect[] = new Array(sizes.length);
  let x = 0;
  let y = 0;
  let shelf = 0;
  for (const i of order) {
    const { width: w, height: h } = sizes[i];
    if (x + w > width) {
      y += shelf;
      x = 0;
      shelf = 0;
    }
    rects[i] = { x, y, width: w, height: h };
    x += w;
    shelf = Math.max(shelf, h);
  }
  return { rects, height: y + shelf };
}

/**
 * Where each image goes: first on an atlas as wide as the widest image or the square root of the total area
 * (the least memory), else on the widest atlas, where any set within MAX_TEXTURE_TEXELS fits (limits.ts).
 */
export function planAtlas(sizes: readonly AtlasSize[]): { width: number; height: number; rects: readonly AtlasRect[] } {
  const area = sizes.reduce((s, i) => s + i.width * i.height, 0);
  const compact = Math.min(MAX_ATLAS_SIDE, Math.max(...sizes.map((i) => i.width), Math.ceil(Math.sqrt(area))));
  for (const width of compact < MAX_ATLAS_SIDE ? [compact, MAX_ATLAS_SIDE] : [compact]) {
    const { rects, height } = shelves(sizes, width);
    if (height <= MAX_ATLAS_SIDE) return { width, height, rects };
  }
  throw new AtlasTooLargeError(`the scene's ${sizes.length} texture images (${area.toLocaleString('en')} texels) do not fit one ${MAX_ATLAS_SIDE}×${MAX_ATLAS_SIDE} atlas`);
}

export function packAtlas(images: readonly DecodedImage[]): TextureAtlas {
  if (images.length === 0) return EMPTY;
  const { width, height, rects } = planAtlas(images);
  const data = new Uint8Array(width * height * 4);
  images.forEach((image, i) => {
    const r = rects[i];
    for (let row = 0; row < r.height; row++) {
      data.set(image.data.subarray(row * r.width * 4, (row + 1) * r.width * 4), ((r.y + row) * width + r.x) * 4);
    }
  });
  return { width, height, data, rects };
}
