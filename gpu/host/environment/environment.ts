// A scene's environment compiled for the GPU: the map (an Hdri file's decoded texels, or the sky baked by
// sky.ts) as rgba16float texels for radiance lookups, its sampling distribution (distribution.ts), and the
// values of FrameUniforms.environment. WGSL: lights/environment.
import type { Environment } from '../../../src/lib/scene/index.ts';
import { buildDistribution, type EnvironmentDistribution } from './distribution.ts';
import { EnvironmentImageError, type EnvironmentImage } from './image.ts';
import { bakeSky } from './sky.ts';
import { halfBits } from './half.ts';

/** Largest side of the lookup texture: every WebGPU device takes 8192 (maxTextureDimension2D). */
export const MAX_ENVIRONMENT_TEXTURE_SIDE = 8192;
/** rgba16float holds up to 65504; brighter maps (a real sun is ~1e9) are stored scaled down by a power of two. */
const HALF_HEADROOM = 32768;

export interface CompiledEnvironment {
  readonly width: number;
  readonly height: number;
  /** RGBA half floats, rows top to bottom: the map's radiance / storageScale. */
  readonly texels: Uint16Array;
  readonly distribution: EnvironmentDistribution;
  /** Radians about +Y, counter-clockwise seen from above. */
  readonly rotation: number;
  /** intensity × the storage scale: what a texel is multiplied by to give radiance. */
  readonly radianceScale: number;
}

/**
 * The scene's environment, or undefined without one. `image` is the decoded file of an Hdri environment (the
 * caller loads it: CLI, worker and browser read files differently); a Sky is baked here.
 */
export function compileEnvironment(environment: Environment | undefined, image: EnvironmentImage | undefined): CompiledEnvironment | undefined {
  if (!environment) return undefined;
  let map: EnvironmentImage;
  if (environment.kind === 'Sky') map = bakeSky(environment);
  else if (image) map = image;
  else throw new EnvironmentImageError(`environment.path: the map ${JSON.stringify(environment.path)} was not loaded`);
  const fitted = fitTextureSide(map, MAX_ENVIRONMENT_TEXTURE_SIDE);
  let max = 0;
  for (const v of fitted.rgb) if (v > max) max = v;
  const storageScale = max > HALF_HEADROOM ? 2 ** Math.ceil(Math.log2(max / HALF_HEADROOM)) : 1;
  const texels = new Uint16Array(fitted.width * fitted.height * 4);
  const one = halfBits(1);
  for (let t = 0, n = fitted.width * fitted.height; t < n; t++) {
    texels[4 * t] = halfBits(fitted.rgb[3 * t] / storageScale);
    texels[4 * t + 1] = halfBits(fitted.rgb[3 * t + 1] / storageScale);
    texels[4 * t + 2] = halfBits(fitted.rgb[3 * t + 2] / storageScale);
    texels[4 * t + 3] = one;
  }
  return {
    width: fitted.width,
    height: fitted.height,
    texels,
    // The distribution follows the full map (before any texture fit), so a sun is sampled where it is.
    distribution: buildDistribution(map),
    rotation: (environment.kind === 'Hdri' ? environment.rotation : 0) * (Math.PI / 180),
    radianceScale: environment.intensity * storageScale
  };
}

/** The map box-filtered by an integer factor until both sides fit `side` (only maps wider than 8192 texels). */
function fitTextureSide(image: EnvironmentImage, side: number): EnvironmentImage {
  const factor = Math.ceil(Math.max(image.width, image.height) / side);
  if (factor <= 1) return image;
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const rgb = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let dy = 0; dy < factor; dy++) {
          for (let dx = 0; dx < factor; dx++) sum += image.rgb[3 * ((y * factor + dy) * image.width + x * factor + dx) + c];
        }
        rgb[3 * (y * width + x) + c] = sum / (factor * factor);
      }
    }
  }
  return { width, height, rgb };
}
