import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_WIDTH } from './limits.ts';
import { exrChannels, MAX_EXPOSURE, MAX_PIXEL_SAMPLES, previewOptionsSchema, renderOptionsSchema, requestedAovs, toRenderOptions } from './render-options.ts';
import { ApiError } from './server/http/errors.ts';
import { parseWith } from './server/http/body.ts';

function issuePaths(input: unknown): string[] {
  const r = renderOptionsSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
}

describe('render options', () => {
  it('fills defaults and converts to engine options', () => {
    const o = renderOptionsSchema.parse({ width: 32, height: 16 });
    expect(o).toMatchObject({ width: 32, height: 16, samples: 64, max_depth: 64, seed: 0, mode: 'path-tracing' });
    expect(toRenderOptions(o)).toMatchObject({ width: 32, height: 16, maxDepth: 64, sampler: 'random' });
  });

  it('rejects values over a limit instead of clamping, naming the field', () => {
    expect(issuePaths({ width: MAX_IMAGE_WIDTH + 1 })).toEqual(['width']);
    expect(issuePaths({ max_depth: -1 })).toEqual(['max_depth']);
    expect(issuePaths({ samples: 0 })).toEqual(['samples']);
    expect(issuePaths({ seed: 2 ** 32 })).toEqual(['seed']);
  });

  it('rejects NaN, infinities, fractions and strings', () => {
    expect(issuePaths({ width: Number.NaN })).toEqual(['width']);
    expect(issuePaths({ height: Number.POSITIVE_INFINITY })).toEqual(['height']);
    expect(issuePaths({ samples: 1.5 })).toEqual(['samples']);
    expect(issuePaths({ width: '64' })).toEqual(['width']);
  });

  it('rejects unknown fields and bounds the total work of a job', () => {
    expect(issuePaths({ sample: 4 })).toEqual(['']);
    expect(MAX_PIXEL_SAMPLES).toBeLessThan(8192 * 8192 * 1_000_000);
    expect(issuePaths({ width: 8192, height: 8192, samples: 1_000_000 })).toEqual(['samples']);
  });

  it('maps the reference normalmap flag to the normal-map mode', () => {
    expect(renderOptionsSchema.parse({ normalmap: true, quiet: false }).mode).toBe('normal-map');
  });

  it('previews have tighter limits', () => {
    expect(previewOptionsSchema.safeParse({ samples: 17 }).success).toBe(false);
    expect(previewOptionsSchema.parse({}).samples).toBe(16);
  });

  it('takes a positive finite exposure up to MAX_EXPOSURE, 1 when absent', () => {
    expect(toRenderOptions(renderOptionsSchema.parse({})).exposure).toBe(1);
    expect(toRenderOptions(renderOptionsSchema.parse({ exposure: 2.5 })).exposure).toBe(2.5);
    expect(renderOptionsSchema.parse({ exposure: MAX_EXPOSURE }).exposure).toBe(MAX_EXPOSURE);
    expect(previewOptionsSchema.parse({ exposure: 0.25 }).exposure).toBe(0.25);
    for (const bad of [0, -1, MAX_EXPOSURE * 2, Number.NaN, Number.POSITIVE_INFINITY, '2', null]) {
      expect(issuePaths({ exposure: bad })).toEqual(['exposure']);
    }
  });

  it('takes a list of AOVs for the EXR, each named once, and leaves them out of the engine options', () => {
    expect(renderOptionsSchema.parse({}).aov).toBeUndefined();
    const o = renderOptionsSchema.parse({ aov: ['depth', 'albedo', 'normal'] });
    expect(o.aov).toEqual(['depth', 'albedo', 'normal']);
    expect(renderOptionsSchema.parse({ aov: [] }).aov).toEqual([]);
    // A preview has no EXR: toRenderOptions (the preview's path) never asks the renderer for AOVs.
    expect(toRenderOptions(o)).not.toHaveProperty('aov');
    for (const bad of [['alpha'], ['albedo', 'albedo'], 'albedo', [1], null]) expect(issuePaths({ aov: bad })[0]).toMatch(/^aov/);
    expect(() => parseWith(renderOptionsSchema, { aov: ['alpha'] }, 'options', ['options'])).toThrow(/^invalid options: options\.aov\[0\]: /);
  });

  it("lists a render's AOVs in a fixed order and its EXR channels (for the viewer and the editor)", () => {
    expect(requestedAovs({ aov: ['depth', 'albedo'] })).toEqual(['albedo', 'depth']);
    expect(requestedAovs({})).toEqual([]);
    expect(requestedAovs({ aov: ['depth', 'depth'] })).toEqual([]);
    expect(requestedAovs({ aov: 'depth' })).toEqual([]);
    expect(exrChannels([])).toEqual(['R', 'G', 'B']);
    expect(exrChannels(['albedo', 'normal', 'depth'])).toEqual(['R', 'G', 'B', 'albedo.R', 'albedo.G', 'albedo.B', 'normal.X', 'normal.Y', 'normal.Z', 'depth.Z']);
  });

  it('names options.exposure in the API error', () => {
    let caught: unknown;
    try {
      parseWith(renderOptionsSchema, { exposure: 0 }, 'options', ['options']);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApiError);
    const error = caught as ApiError;
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/^invalid options: options\.exposure: /);
    expect(error.details).toMatchObject({ issues: [{ path: 'options.exposure' }] });
  });
});
