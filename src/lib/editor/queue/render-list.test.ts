import { describe, expect, it } from 'vitest';
import type { RenderView } from '$lib/api';
import { removeRender, stepFor, upsertRender } from './render-list.ts';

function render(id: string, created: string, patch: Partial<RenderView> = {}): RenderView {
  return {
    id,
    status: 'queued',
    scene_id: null,
    name: 'cornell',
    options: { width: 48, height: 48, samples: 4 },
    progress: { samples_done: 0, samples_total: 4, rate: null, eta_ms: null },
    attempts: 0,
    error: null,
    worker_id: null,
    adapter: null,
    warnings: [],
    created_at: created,
    started_at: null,
    finished_at: null,
    mine: true,
    result: null,
    ...patch
  };
}

describe('render list', () => {
  const a = render('a', '2026-01-01T00:00:00.000Z');
  const b = render('b', '2026-01-02T00:00:00.000Z');

  it('keeps renders newest first, replacing a known one in place without its scene', () => {
    let items = upsertRender([], a);
    items = upsertRender(items, { ...b, scene: { big: true } });
    expect(items.map((r) => r.id)).toEqual(['b', 'a']);
    expect('scene' in items[0]).toBe(false);
    items = upsertRender(items, { ...a, status: 'done' });
    expect(items.map((r) => [r.id, r.status])).toEqual([['b', 'queued'], ['a', 'done']]);
    expect(removeRender(items, 'b').map((r) => r.id)).toEqual(['a']);
  });

  it('applies progress from the event and refetches on state changes', () => {
    const step = stepFor({ type: 'render.progress', renderId: 'a', samplesDone: 2, samplesTotal: 4, rate: 1000, etaMs: 500 });
    expect(step.kind).toBe('patch');
    if (step.kind === 'patch') {
      expect(step.patch(a)).toMatchObject({ status: 'running', progress: { samples_done: 2, samples_total: 4, rate: 1000, eta_ms: 500 } });
      expect(step.patch({ ...a, status: 'cancelled' }).status).toBe('cancelled');
    }
    expect(stepFor({ type: 'render.done', renderId: 'a' })).toEqual({ kind: 'refetch', id: 'a' });
    expect(stepFor({ type: 'preview.ready', previewId: 'p' })).toEqual({ kind: 'ignore' });
  });
});
