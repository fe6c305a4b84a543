// Render progress on stderr: a one-line bar redrawn at most 10 times a second on a terminal; nothing when stderr
// is a pipe or a file (the caller prints a summary line at the end instead).
import type { RenderProgress } from '../../gpu/host/render/types.ts';

export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

const REDRAW_INTERVAL_MS = 100;
const BAR_WIDTH = 24;

export class ProgressBar {
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    private readonly sink: TextSink,
    private readonly now: () => number = () => performance.now()
  ) {}

  get enabled(): boolean {
    return this.sink.isTTY === true;
  }

  update(progress: RenderProgress): void {
    if (!this.enabled) return;
    const t = this.now();
    const last = progress.samplesDone >= progress.samplesTotal;
    if (!last && t - this.lastDraw < REDRAW_INTERVAL_MS) return;
    this.lastDraw = t;
    const line = progressLine(progress);
    const columns = this.sink.columns || 80; // 0 when the terminal size is unknown
    this.sink.write(`\r${line.slice(0, Math.max(columns - 1, 1))}\x1b[K`);
    this.drawn = true;
  }

  /** Erases the bar so the next line starts clean. */
  clear(): void {
    if (this.drawn) this.sink.write('\r\x1b[K');
    this.drawn = false;
  }
}

export function progressLine(p: RenderProgress): string {
  const fraction = p.samplesTotal > 0 ? Math.min(p.samplesDone / p.samplesTotal, 1) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
  const eta = p.samplesDone > 0 && p.samplesDone < p.samplesTotal ? `  ETA ${formatDuration(p.etaMs)}` : '';
  return (
    `${bar} ${p.samplesDone}/${p.samplesTotal} spp  ${formatRate(p.pixelSamplesPerSecond)} pixel-samples/s` +
    `  ${formatDuration(p.elapsedMs)}${eta}`
  );
}

/** 0.4 s, 12.3 s, 2m 05s, 1h 02m. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** 950, 12.3 k, 4.56 M, 1.2 G. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond < 0) return '?';
  const units: [number, string][] = [
    [1e9, ' G'],
    [1e6, ' M'],
    [1e3, ' k']
  ];
  for (const [scale, unit] of units) {
    if (perSecond >= scale) return `${(perSecond / scale).toPrecision(3)}${unit}`;
  }
  return perSecond.toFixed(0);
}
