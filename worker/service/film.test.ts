// Chunk films: encoding round trip, checkpoint matching, and the merge of sample-range chunks rendered on Dawn
// equalling one unchunked render of the same seed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderScene } from '../../gpu/host/render/render.ts';
import { testGpu } from '../../gpu/host/testing/test-device.ts';
import { parseScene } from '../../src/lib/scene/index.ts';
import { decodeFilm, encodeFilm, filmFromResult, mergeFilms, resumePoint, type Film } from './film.ts';

const stats = { compileMs: 0, elapsedMs: 1, dispatches: 1, raySegments: 10, droppedSamples: 0 };

describe('film', () => {
  it('round-trips through bytes and rejects torn or foreign data', () => {
    const film: Film = { width: 2, height: 1, sampleOffset: 4, samplesDone: 3, stats, adapter: 'test', xyzSum: Float32Array.from([1, 2, 3, 4, 5, 6.5]) };
    const bytes = encodeFilm(film);
    expect(decodeFilm(bytes)).toEqual(film);
    expect(decodeFilm(bytes.subarray(0, bytes.length - 4))).toBeNull();
    expect(decodeFilm(new TextEncoder().encode('{"not":"a film"}'))).toBeNull();
  });

  it('resumes only a checkpoint of the same size and sample range', () => {
    const film: Film = { width: 2, height: 1, sampleOffset: 0, samplesDone: 3, stats, adapter: 't', xyzSum: new Float32Array(6) };
    expect(resumePoint(film, { width: 2, height: 1, sampleOffset: 0, samples: 8 })?.samplesDone).toBe(3);
    expect(resumePoint(film, { width: 2, height: 2, sampleOffset: 0, samples: 8 })).toBeUndefined();
    expect(resumePoint(film, { width: 2, height: 1, sampleOffset: 8, samples: 8 })).toBeUndefined();
    expect(resumePoint(film, { width: 2, height: 1, sampleOffset: 0, samples: 2 })).toBeUndefined();
    expect(resumePoint(null, { width: 2, height: 1, sampleOffset: 0, samples: 8 })).toBeUndefined();
  });

  it('merges sample-range chunks of one seed into the unchunked render (means within 1e-6)', async () => {
    const gpu = await testGpu();
    const parsed = parseScene(JSON.parse(readFileSync(new URL('../../test/fixtures/reference/scenes/cornell_classic.json', import.meta.url), 'utf8')));
    if (!parsed.ok) throw new Error('scene');
    const options = { width: 16, height: 16, samples: 7, maxDepth: 4, seed: 11, mode: 'path-tracing', sampler: 'random' } as const;
    const whole = await renderScene(gpu, parsed.scene, options);
    const films: Film[] = [];
    for (const [offset, samples] of [[0, 3], [3, 3], [6, 1]]) {
      films.push(filmFromResult(await renderScene(gpu, parsed.scene, { ...options, samples, sampleOffset: offset }), offset));
    }
    const merged = mergeFilms(films);
    expect(merged.samples).toBe(7);
    let maxDiff = 0;
    for (let i = 0; i < whole.xyz.length; i++) maxDiff = Math.max(maxDiff, Math.abs(whole.xyz[i] - merged.xyz[i]) / Math.max(1, Math.abs(whole.xyz[i])));
    expect(maxDiff).toBeLessThan(1e-6);
  });
});
