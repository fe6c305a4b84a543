// The caller's renders as a list kept current by service events: pure steps, so the queue panel, the gallery and
// the viewer apply events the same way (tested in Node).
import type { RenderEvent, RenderView, ServiceEvent } from '$lib/api';

/** Newest first, as GET /api/renders lists them. */
export function byNewest(a: RenderView, b: RenderView): number {
  return b.created_at.localeCompare(a.created_at);
}

/** The list with this render in place of its older copy, or added in date order. */
export function upsertRender(items: readonly RenderView[], render: RenderView): RenderView[] {
  const { scene: _scene, ...light } = render; // lists never hold scene snapshots (large)
  const index = items.findIndex((r) => r.id === render.id);
  if (index >= 0) return items.map((r, i) => (i === index ? light : r));
  return [...items, light].sort(byNewest);
}

export function removeRender(items: readonly RenderView[], id: string): RenderView[] {
  return items.filter((r) => r.id !== id);
}

/** A render with a progress event applied (no request needed). */
export function withProgress(r: RenderView, e: Extract<ServiceEvent, { type: 'render.progress' }>): RenderView {
  return {
    ...r,
    status: r.status === 'queued' ? 'running' : r.status,
    progress: { samples_done: e.samplesDone, samples_total: e.samplesTotal, rate: e.rate, eta_ms: e.etaMs }
  };
}

export type EventStep =
  /** Apply this change to the render with the event's id, if listed. */
  | { kind: 'patch'; id: string; patch: (r: RenderView) => RenderView }
  /** Fetch the render again (state changed: started, done, failed...). */
  | { kind: 'refetch'; id: string }
  | { kind: 'ignore' };

/** What an event means for a list of renders. */
export function stepFor(event: ServiceEvent): EventStep {
  if (event.type === 'preview.ready') return { kind: 'ignore' };
  const e: RenderEvent = event;
  if (e.type === 'render.progress') return { kind: 'patch', id: e.renderId, patch: (r) => withProgress(r, e) };
  return { kind: 'refetch', id: e.renderId };
}
