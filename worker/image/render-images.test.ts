import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { AovImages, RenderOptions, RenderResult } from '../../gpu/host/render/types.ts';
import { linearSrgbToXyzE } from '../../src/lib/color/convert.ts';
import { srgbDecode } from '../../src/lib/color/srgb.ts';
import { EXR_EXPOSURE_NOTE, renderToExr, renderToPng, type RenderRecord } from './render-images.ts';
import { exrHeader, identifyFormat, readExrChannels, readRgb } from './test-readers.ts';

const dir = mkdtempSync(join(tmpdir(), 'clovers-render-images-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const width = 16;
const height = 4;

/** Grey and tinted linear sRGB values in [0.1, 0.4]: doubled they stay below 1, so nothing clips. */
function linearImage(): number[][] {
  return Array.from({ length: width * height }, (_, p) => {
    const t = 0.1 + (0.3 * p) / (width * height - 1);
    return [t, 0.1 + 0.3 * ((p * 7) % 11) / 10, t * 0.75 + 0.05];
  });
}

function record(exposure: number | undefined): RenderRecord {
  const xyz = new Float32Array(linearImage().flatMap((rgb) => linearSrgbToXyzE(rgb as [number, number, number])));
  const options: RenderOptions = { width, height, samples: 4, maxDepth: 8, seed: 1, mode: 'path-tracing', sampler: 'random', ...(exposure === undefined ? {} : { exposure }) };
  const result: RenderResult = {
    width,
    height,
    samples: 4,
    xyz,
    stats: { elapsedMs: 12, compileMs: 3, dispatches: 1, raySegments: 100, droppedSamples: 0 },
    adapter: 'test adapter',
    cancelled: false
  };
  return { scene: 'gradient', options, result, date: new Date(0) };
}

/** The PNG's pixels decoded back to linear sRGB (the sRGB curve undone). */
function decodedLinear(png: Buffer): number[] {
  const { data } = PNG.sync.read(png);
  const out: number[] = [];
  for (let p = 0; p < width * height; p++) for (let c = 0; c < 3; c++) out.push(srgbDecode(data[4 * p + c] / 255));
  return out;
}

describe('render images with an exposure', () => {
  const plain = renderToPng(record(undefined));
  const doubled = renderToPng(record(2));

  it('exposure 2 doubles the linear values of the PNG; absent means 1', () => {
    const one = decodedLinear(plain);
    const two = decodedLinear(doubled);
    const expected = linearImage().flat();
    const ratios = one.map((v, i) => two[i] / v);
    // Each 8-bit value is within half a step of the exact one: about 2.5% of a linear value at 0.1.
    for (const [i, ratio] of ratios.entries()) expect(ratio, `component ${i}`).toBeCloseTo(2, 1);
    expect(ratios.reduce((a, b) => a + b, 0) / ratios.length).toBeCloseTo(2, 2);
    for (const [i, v] of one.entries()) expect(v).toBeCloseTo(expected[i], 1);
    expect(decodedLinear(renderToPng(record(1)))).toEqual(one);
  });

  it('names the exposure in the PNG metadata and leaves the EXR raw, saying so', () => {
    const pngPath = join(dir, 'doubled.png');
    writeFileSync(pngPath, doubled);
    expect(identifyFormat(pngPath, '%[Exposure]')).toBe('2');
    expect(identifyFormat(pngPath, '%[Comment]')).toContain('exposure: 2');
    const plainPath = join(dir, 'plain.png');
    writeFileSync(plainPath, plain);
    expect(identifyFormat(plainPath, '%[Exposure]')).toBe('1');

    const exrPaths = [1, 2].map((exposure) => {
      const path = join(dir, `exposure-${exposure}.exr`);
      writeFileSync(path, renderToExr(record(exposure)));
      return path;
    });
    expect(exrHeader(exrPaths[1])).toContain('exposure: 2');
    expect(exrHeader(exrPaths[1])).toContain(EXR_EXPOSURE_NOTE);
    // The same film gives the same pixels whatever the exposure.
    expect(readRgb(exrPaths[1])).toEqual(readRgb(exrPaths[0]));
  });
});

describe('render images with AOVs', () => {
  const pixels = width * height;
  const aov: AovImages = {
    width,
    height,
    samples: 4,
    albedo: Float32Array.from({ length: pixels * 3 }, (_, i) => (i % 3) / 2),
    normal: Float32Array.from({ length: pixels * 3 }, (_, i) => (i % 3 === 2 ? -1 : 0)),
    depth: Float32Array.from({ length: pixels }, (_, p) => (p === 0 ? Number.POSITIVE_INFINITY : 2 + p / 8))
  };
  const withAov = (aovs: AovImages): RenderRecord => {
    const r = record(undefined);
    return { ...r, result: { ...r.result, aov: aovs } };
  };

  it('writes them as EXR layers albedo.RGB, normal.XYZ and depth.Z beside the film', () => {
    const path = join(dir, 'aov.exr');
    writeFileSync(path, renderToExr(withAov(aov)));
    const header = exrHeader(path);
    const names = [...header.matchAll(/^ {4}(\S+), 32-bit floating-point/gm)].map((m) => m[1]);
    expect(names).toEqual(['B', 'G', 'R', 'albedo.B', 'albedo.G', 'albedo.R', 'depth.Z', 'normal.X', 'normal.Y', 'normal.Z']);
    expect(header).toContain('albedo: linear Rec.709 RGB');
    expect(header).toContain('means of 4 camera samples per pixel');
    const channels = readExrChannels(path);
    const plane = (data: Float32Array, stride: number, c: number) => Float32Array.from({ length: pixels }, (_, p) => data[p * stride + c]);
    ['R', 'G', 'B'].forEach((name, c) => expect(channels.get(`albedo.${name}`)).toEqual(plane(aov.albedo!, 3, c)));
    ['X', 'Y', 'Z'].forEach((name, c) => expect(channels.get(`normal.${name}`)).toEqual(plane(aov.normal!, 3, c)));
    expect(channels.get('depth.Z')).toEqual(aov.depth);
    const plain = join(dir, 'no-aov.exr');
    writeFileSync(plain, renderToExr(record(undefined)));
    expect(readRgb(path)).toEqual(readRgb(plain));
  });

  it('writes only the AOVs the render has, and leaves the PNG as it was', () => {
    const path = join(dir, 'depth-only.exr');
    writeFileSync(path, renderToExr(withAov({ width, height, samples: 1, depth: aov.depth })));
    expect([...readExrChannels(path).keys()]).toEqual(['X', 'Y', 'Z', 'depth.Z']);
    expect(exrHeader(path)).not.toContain('camera samples');
    expect(renderToPng(withAov(aov))).toEqual(renderToPng(record(undefined)));
  });
});
