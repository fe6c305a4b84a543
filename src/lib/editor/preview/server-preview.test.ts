import { describe, expect, it } from 'vitest';
import { previewOptionsSchema, PREVIEW_LIMITS } from '$lib/render-options';
import { serverPreviewOptions } from './server-preview.ts';

const BASE = { seed: 3, sampler: 'random', mode: 'path-tracing', max_depth: 64, samples: 64 };

describe('serverPreviewOptions', () => {
  it('fits the size into the preview limits keeping the aspect, and caps samples and depth', () => {
    const o = serverPreviewOptions({ ...BASE, width: 4096, height: 2048 });
    expect(o).toEqual({ ...BASE, width: PREVIEW_LIMITS.width, height: PREVIEW_LIMITS.height / 2, samples: PREVIEW_LIMITS.samples, max_depth: PREVIEW_LIMITS.max_depth });
    expect(previewOptionsSchema.safeParse(o).success).toBe(true);
  });

  it('keeps options already within the limits', () => {
    const o = { ...BASE, width: 128, height: 96, samples: 4, max_depth: 8 };
    expect(serverPreviewOptions(o)).toEqual(o);
  });
});
