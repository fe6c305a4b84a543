import { describe, expect, it } from 'vitest';
import { canCancel, canRetry, formatDuration, progressFraction, renderAlt, renderSize, renderTitle } from './format.ts';

describe('render formatting', () => {
  it('formats durations from milliseconds to hours', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
    expect(formatDuration(2 * 3600_000 + 5 * 60_000)).toBe('2 h 05 min');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('computes progress without dividing by zero', () => {
    expect(progressFraction({ progress: { samples_done: 16, samples_total: 64, rate: null, eta_ms: null } })).toBe(0.25);
    expect(progressFraction({ progress: { samples_done: 0, samples_total: 0, rate: null, eta_ms: null } })).toBe(0);
  });

  it('names renders by scene name and size', () => {
    const r = { id: '7887ff7a-0000-4000-8000-000000000000', name: 'cornell', options: { width: 48, height: 32, samples: 4 } };
    expect(renderTitle(r)).toBe('cornell');
    expect(renderTitle({ ...r, name: null })).toBe('render 7887ff7a');
    expect(renderSize(r)).toBe('48×32, 4 spp');
    expect(renderAlt(r)).toBe('cornell, 48×32');
  });

  it('offers cancel and retry only to the owner in the right states', () => {
    expect(canCancel({ status: 'running', mine: true })).toBe(true);
    expect(canCancel({ status: 'done', mine: true })).toBe(false);
    expect(canCancel({ status: 'queued', mine: false })).toBe(false);
    expect(canRetry({ status: 'failed', mine: true })).toBe(true);
    expect(canRetry({ status: 'cancelled', mine: true })).toBe(true);
    expect(canRetry({ status: 'running', mine: true })).toBe(false);
  });
});
