// A finished render as image files: 8-bit sRGB PNG and float XYZ EXR, both carrying the same description of
// how the image was made. Shared by the CLI and the batch worker.
import { xyzToSrgb8 } from '../../gpu/host/film/srgb8.ts';
import type { RenderOptions, RenderResult } from '../../gpu/host/render/types.ts';
import { encodeExr, XYZ_E_CHROMATICITIES } from './exr.ts';
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

export function renderToPng(record: RenderRecord): Buffer {
  const { width, height, xyz } = record.result;
  return encodePng({ width, height, rgba: xyzToSrgb8(xyz, { stride: 3 }) }, renderMetadata(record));
}

/** Raw film values: CIE XYZ (white E) in R, G, B, as the reference engine writes its EXR. */
export function renderToExr(record: RenderRecord): Buffer {
  const { width, height, xyz } = record.result;
  const { Software, Comment } = renderMetadata(record);
  return encodeExr(
    { width, height, rgb: xyz, chromaticities: XYZ_E_CHROMATICITIES },
    { compression: 'zip', attributes: { software: Software, comments: Comment } }
  );
}
