import { describe, expect, it } from 'vitest';
import type { RenderProgress } from '../../gpu/host/render/types.ts';
import { formatDuration, formatRate, ProgressBar, progressLine } from './progress.ts';

function progress(samplesDone: number, samplesTotal = 64): RenderProgress {
  return { samplesDone, samplesTotal, elapsedMs: 2000, pixelSamplesPerSecond: 1.5e6, etaMs: 6500 };
}

class Sink {
  text = '';
  constructor(
    readonly isTTY: boolean,
    readonly columns = 120
  ) {}
  write(s: string): void {
    this.text += s;
  }
}

describe('ProgressBar', () => {
  it('redraws on a terminal at most every 100 ms, and always at completion', () => {
    const sink = new Sink(true);
    let now = 0;
    const bar = new ProgressBar(sink, () => now);
    bar.update(progress(16));
    now = 50;
    bar.update(progress(17));
    now = 120;
    bar.update(progress(32));
    now = 130;
    bar.update(progress(64));
    const frames = sink.text.split('\r').filter((f) => f !== '');
    expect(frames.map((f) => f.match(/ (\d+)\/64 spp/)?.[1])).toEqual(['16', '32', '64']);
    bar.clear();
    expect(sink.text.endsWith('\r\x1b[K')).toBe(true);
  });

  it('fits the line to the terminal width, and assumes 80 columns when the width is unknown (0)', () => {
    const narrow = new Sink(true, 40);
    new ProgressBar(narrow, () => 0).update(progress(16));
    expect(narrow.text).toBe(`\r${progressLine(progress(16)).slice(0, 39)}\x1b[K`);
    const unknown = new Sink(true, 0);
    new ProgressBar(unknown, () => 0).update(progress(16));
    expect(unknown.text).toBe(`\r${progressLine(progress(16)).slice(0, 79)}\x1b[K`);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const sink = new Sink(false);
    const bar = new ProgressBar(sink, () => 1000);
    bar.update(progress(64));
    bar.clear();
    expect(sink.text).toBe('');
  });

  it('shows samples, rate and ETA', () => {
    expect(progressLine(progress(16))).toBe(`${'█'.repeat(6)}${'░'.repeat(18)} 16/64 spp  1.50 M pixel-samples/s  2.0 s  ETA 6.5 s`);
    expect(progressLine(progress(64))).not.toContain('ETA');
  });
});

describe('formatting', () => {
  it.each([
    [400, '0.4 s'],
    [12_300, '12 s'],
    [125_000, '2m 05s'],
    [3_725_000, '1h 02m'],
    [Infinity, '?']
  ])('formatDuration(%d) = %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it.each([
    [950, '950'],
    [12_345, '12.3 k'],
    [4_561_000, '4.56 M'],
    [1.2e9, '1.20 G']
  ])('formatRate(%d) = %s', (rate, text) => expect(formatRate(rate)).toBe(text));
});
