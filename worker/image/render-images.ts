// A finished render as image files: 8-bit sRGB PNG and float XYZ EXR, both carrying the same description of
// how the image was made. Shared by the CLI and the batch worker. The exposure scales the PNG only: the EXR
// keeps the raw linear film, so an exposure can be chosen again later from it. The render's AOVs
// (RenderResult.aov) go into the EXR only, as layers beside the film.
import { xyzToSrgb8 } from '../../gpu/host/film/srgb8.ts';
import { AOV_CHANNELS, AOV_NAMES, type AovImages, type AovName, type RenderOptions, type RenderResult } from '../../gpu/host/render/types.ts';
import { encodeExr, XYZ_E_CHROMATICITIES, type ExrLayer } from './exr.ts';
import { encodePng } from './png.ts';

export interface RenderRecord {
  /** Scene name or file path, as the user knows it. */
  readonly scene: string;
  readonly options: RenderOptions;
  readonly result: RenderResult;
  /** When the render finished. */
  readonly date: Date;
}

/** Text metadata: one entry per fact (readable with any PNG tool) plus a one-line Comment, as the reference writes. */
export function renderMetadata(record: RenderRecord): Record<string, string> {
  const { scene, options, result, date } = record;
  const facts: Record<string, string> = {
    Scene: scene,
    Mode: options.mode,
    Resolution: `${result.width}x${result.height}`,
    Samples: String(result.samples),
    'Max depth': String(options.maxDepth),
    Sampler: options.sampler,
    Seed: String(options.seed),
    Exposure: String(exposureOf(options)),
    'Render time': `${(result.stats.elapsedMs / 1000).toFixed(3)} s`,
    Adapter: result.adapter
  };
  if (result.cancelled) facts.Cancelled = `after ${result.samples} of ${options.samples} samples`;
  return {
    Software: 'clovers',
    'Creation Time': date.toUTCString(),
    Comment: Object.entries(facts)
      .map(([key, value]) => `${key.toLowerCase()}: ${value}`)
      .join('; '),
    ...facts
  };
}

/** The film scale of the 8-bit output (RenderOptions.exposure, default 1). */
function exposureOf(options: RenderOptions): number {
  return options.exposure ?? 1;
}

export function renderToPng(record: RenderRecord): Buffer {
  const { width, height, xyz } = record.result;
  const rgba = xyzToSrgb8(xyz, { stride: 3, exposure: exposureOf(record.options) });
  return encodePng({ width, height, rgba }, renderMetadata(record));
}

export const EXR_EXPOSURE_NOTE = 'raw linear film: exposure not applied (PNG only)';

/** What each AOV layer holds, for the EXR's comments. */
const AOV_NOTES: Readonly<Record<AovName, string>> = {
  albedo: 'albedo: linear Rec.709 RGB (not the XYZ of the chromaticities), 0 where nothing is hit',
  normal: 'normal: world-space shading normal facing the camera, 0 where nothing is hit',
  depth: 'depth: distance from the camera along the pixel centre\'s ray, inf where nothing is hit'
};

/** The AOVs a render's result holds, in AOV_NAMES order. */
function aovsOf(aov: AovImages | undefined): Array<{ name: AovName; data: Float32Array }> {
  return AOV_NAMES.flatMap((name) => {
    const data = aov?.[name];
    return data ? [{ name, data }] : [];
  });
}

/** The EXR layers of a render's AOVs. */
export function aovLayers(aov: AovImages | undefined): ExrLayer[] {
  return aovsOf(aov).map(({ name, data }) => ({ name, channels: AOV_CHANNELS[name], data }));
}

/** Raw film values: CIE XYZ (white E) in R, G, B, as the reference engine writes its EXR; then the AOV layers. */
export function renderToExr(record: RenderRecord): Buffer {
  const { width, height, xyz, aov } = record.result;
  const { Software, Comment } = renderMetadata(record);
  // The comment names the exposure of the PNG made with it: say that these values do not include it.
  const notes = [EXR_EXPOSURE_NOTE, ...aovsOf(aov).map(({ name }) => AOV_NOTES[name])];
  if (aov && (aov.albedo || aov.normal)) notes.push(`albedo and normal: means of ${aov.samples} camera samples per pixel`);
  const comments = [Comment, ...notes].join('; ');
  return encodeExr(
    { width, height, rgb: xyz, chromaticities: XYZ_E_CHROMATICITIES, layers: aovLayers(aov) },
    { compression: 'zip', attributes: { software: Software, comments } }
  );
}
