// An environment as the renderer takes it: an equirectangular map of linear Rec.709 radiance (decoded .hdr/.exr
// files, or a baked sky). Direction d reads u = 0.5 + atan2(d.x, −d.z)/(2π), v = acos(d.y)/π: column u·width,
// row v·height, row 0 looking straight up (+Y).
import { MAX_ENVIRONMENT_TEXELS } from '../../../src/lib/limits.ts';

export interface EnvironmentImage {
  readonly width: number;
  readonly height: number;
  /** 3 floats (R, G, B) per texel, rows top to bottom; finite and >= 0. */
  readonly rgb: Float32Array;
}

/** A map that cannot be used (a file that does not parse, a size over the limits); the message says why. */
export class EnvironmentImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentImageError';
  }
}

/** Throws unless width × height is a map the renderer takes (checked before pixel memory is allocated). */
export function checkEnvironmentSize(width: number, height: number): void {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new EnvironmentImageError(`environment map size ${width}×${height} is not a positive integer size`);
  }
  if (width * height > MAX_ENVIRONMENT_TEXELS) {
    throw new EnvironmentImageError(
      `environment map is ${width}×${height} = ${width * height} texels, more than the limit of ${MAX_ENVIRONMENT_TEXELS}`
    );
  }
}
