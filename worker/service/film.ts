// The film of a render or chunk as bytes in object storage: checkpoints (resume after a crash) and finished
// chunk films (merged by the parent job). Sums, not means, so that resuming and merging stay exact:
// "CLVFILM1", u32 header length, JSON header, padding to 4 bytes, then 3 little-endian f32 per pixel.
import type { RenderCheckpoint, RenderResult, RenderStats } from '../../gpu/host/render/types.ts';

const MAGIC = 'CLVFILM1';

export interface FilmHeader {
  readonly width: number;
  readonly height: number;
  /** The film covers samples [sampleOffset, sampleOffset + samplesDone) of the render's seed. */
  readonly sampleOffset: number;
  readonly samplesDone: number;
  readonly stats: RenderStats;
  readonly adapter: string;
}

export interface Film extends FilmHeader {
  /** XYZ sums per pixel, 3 floats per pixel. */
  readonly xyzSum: Float32Array;
}

export function encodeFilm(film: Film): Uint8Array {
  const { xyzSum, ...header } = film;
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((MAGIC.length + 4 + json.length) / 4) * 4;
  const bytes = new Uint8Array(start + xyzSum.byteLength);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(MAGIC.length, json.length, true);
  bytes.set(json, MAGIC.length + 4);
  bytes.set(new Uint8Array(xyzSum.buffer, xyzSum.byteOffset, xyzSum.byteLength), start);
  return bytes;
}

/** Decodes a film; null when the bytes are not one (a torn or foreign object is ignored, not trusted). */
export function decodeFilm(bytes: Uint8Array): Film | null {
  if (bytes.length < MAGIC.length + 4 || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(MAGIC.length, true);
  let header: FilmHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + length))) as FilmHeader;
  } catch {
    return null;
  }
  const start = Math.ceil((MAGIC.length + 4 + length) / 4) * 4;
  const floats = header.width * header.height * 3;
  if (!Number.isInteger(floats) || bytes.length !== start + floats * 4) return null;
  const xyzSum = new Float32Array(floats);
  new Uint8Array(xyzSum.buffer).set(bytes.subarray(start));
  return { ...header, xyzSum };
}

/** A checkpoint usable to resume this exact sample range, or undefined. */
export function resumePoint(
  film: Film | null,
  expect: { width: number; height: number; sampleOffset: number; samples: number }
): RenderCheckpoint | undefined {
  if (!film) return undefined;
  const fits =
    film.width === expect.width &&
    film.height === expect.height &&
    film.sampleOffset === expect.sampleOffset &&
    film.samplesDone > 0 &&
    film.samplesDone <= expect.samples;
  return fits ? { samplesDone: film.samplesDone, xyzSum: film.xyzSum } : undefined;
}

/** A finished render's mean film back into sums (within f32 rounding of the sums the renderer divided). */
export function filmFromResult(result: RenderResult, sampleOffset: number): Film {
  const xyzSum = new Float32Array(result.xyz.length);
  for (let i = 0; i < xyzSum.length; i++) xyzSum[i] = result.xyz[i] * result.samples;
  return {
    width: result.width,
    height: result.height,
    sampleOffset,
    samplesDone: result.samples,
    stats: result.stats,
    adapter: result.adapter,
    xyzSum
  };
}

/**
 * Merges chunk films of one render (disjoint sample ranges of one seed) into the render's result: the
 * sample-weighted mean of their estimates, summed in double precision.
 */
export function mergeFilms(films: readonly Film[]): RenderResult {
  if (films.length === 0) throw new Error('no films to merge');
  const { width, height } = films[0];
  const sum = new Float64Array(width * height * 3);
  let samples = 0;
  const stats = { elapsedMs: 0, compileMs: 0, dispatches: 0, raySegments: 0, droppedSamples: 0 };
  const adapters = new Set<string>();
  for (const film of films) {
    if (film.width !== width || film.height !== height) throw new Error('chunk films differ in size');
    for (let i = 0; i < sum.length; i++) sum[i] += film.xyzSum[i];
    samples += film.samplesDone;
    stats.elapsedMs += film.stats.elapsedMs;
    // Films written before compile times were recorded have none.
    stats.compileMs += film.stats.compileMs ?? 0;
    stats.dispatches += film.stats.dispatches;
    stats.raySegments += film.stats.raySegments;
    stats.droppedSamples += film.stats.droppedSamples;
    adapters.add(film.adapter);
  }
  const xyz = new Float32Array(sum.length);
  if (samples > 0) for (let i = 0; i < xyz.length; i++) xyz[i] = sum[i] / samples;
  return { width, height, samples, xyz, stats, adapter: [...adapters].join(', '), cancelled: false };
}
