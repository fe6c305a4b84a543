// Words and numbers for render jobs, shared by the queue panel, the gallery and the viewer.
import type { RenderView } from '$lib/api';

/** `850 ms`, `12 s`, `3 min 20 s`, `2 h 05 min`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Fraction of samples done, 0–1. */
export function progressFraction(r: Pick<RenderView, 'progress'>): number {
  const { samples_done, samples_total } = r.progress;
  return samples_total > 0 ? Math.min(1, samples_done / samples_total) : 0;
}

export function renderTitle(r: Pick<RenderView, 'name' | 'id'>): string {
  return r.name ?? `render ${r.id.slice(0, 8)}`;
}

/** `512×512, 64 spp` from the options the render was queued with. */
export function renderSize(r: Pick<RenderView, 'options'>): string {
  const { width, height, samples } = r.options;
  return `${String(width)}×${String(height)}, ${String(samples)} spp`;
}

/** Image alt text: the scene's name and size. */
export function renderAlt(r: Pick<RenderView, 'name' | 'id' | 'options'>): string {
  return `${renderTitle(r)}, ${String(r.options.width)}×${String(r.options.height)}`;
}

export function formatDate(iso: string | null): string {
  if (iso === null) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export const canCancel = (r: Pick<RenderView, 'status' | 'mine'>) => r.mine && (r.status === 'queued' || r.status === 'running');
export const canRetry = (r: Pick<RenderView, 'status' | 'mine'>) => r.mine && (r.status === 'failed' || r.status === 'cancelled');
