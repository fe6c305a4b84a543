// Packs a scene's decoded images into one RGBA8 atlas (WebGPU has no bindless textures): shelf packing, tallest
// images first, on an atlas as wide as the widest image or the square root of the total area (whichever is
// larger). No gutters are needed: textures/image.wgsl wraps each lookup inside its own rectangle.
import type { DecodedImage } from './image.ts';

/** The atlas side WebGPU guarantees (maxTextureDimension2D default). */
export const MAX_ATLAS_SIDE = 8192;

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

export function packAtlas(images: readonly DecodedImage[]): TextureAtlas {
  if (images.length === 0) return EMPTY;
  const area = images.reduce((s, i) => s + i.width * i.height, 0);
  const width = Math.min(MAX_ATLAS_SIDE, Math.max(...images.map((i) => i.width), Math.ceil(Math.sqrt(area))));
  const order = images.map((_, i) => i).sort((a, b) => images[b].height - images[a].height || a - b);
  const rects: AtlasRect[] = new Array(images.length);
  let x = 0;
  let y = 0;
  let shelf = 0;
  for (const i of order) {
    const { width: w, height: h } = images[i];
    if (x + w > width) {
      y += shelf;
      x = 0;
      shelf = 0;
    }
    rects[i] = { x, y, width: w, height: h };
    x += w;
    shelf = Math.max(shelf, h);
  }
  const height = y + shelf;
  if (height > MAX_ATLAS_SIDE) {
    throw new AtlasTooLargeError(`the scene's ${images.length} texture images (${area.toLocaleString('en')} texels) do not fit one ${MAX_ATLAS_SIDE}×${MAX_ATLAS_SIDE} atlas`);
  }
  const data = new Uint8Array(width * height * 4);
  images.forEach((image, i) => {
    const r = rects[i];
    for (let row = 0; row < r.height; row++) {
      data.set(image.data.subarray(row * r.width * 4, (row + 1) * r.width * 4), ((r.y + row) * width + r.x) * 4);
    }
  });
  return { width, height, data, rects };
}
