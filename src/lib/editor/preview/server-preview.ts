// Server previews for browsers without WebGPU: POST /api/previews with the scene and small options, wait for
// 'preview.ready' on /api/events (or find it already done), then show /api/previews/:id/image.png. Requests
// are debounced while the user edits; only the latest one's answer is shown.
import { PREVIEW_LIMITS } from '$lib/render-options';
import { ensureSession } from '$lib/editor/api';

export interface ServerPreviewOptions {
  readonly width: number;
  readonly height: number;
  readonly samples: number;
  readonly max_depth: number;
  readonly seed: number;
  readonly sampler: string;
  readonly mode: string;
}

export type ServerPreviewState =
  | { readonly status: 'idle' }
  | { readonly status: 'pending' }
  | { readonly status: 'done'; readonly imageUrl: string; readonly samples: number; readonly width: number; readonly height: number }
  | { readonly status: 'failed'; readonly error: string };

export const SERVER_PREVIEW_DEBOUNCE_MS = 300;

/** Options within the server's preview limits: the size scaled down to fit, samples and depth capped. */
export function serverPreviewOptions(o: ServerPreviewOptions): ServerPreviewOptions {
  const fit = Math.min(1, PREVIEW_LIMITS.width / o.width, PREVIEW_LIMITS.height / o.height);
  return {
    ...o,
    width: Math.max(1, Math.round(o.width * fit)),
    height: Math.max(1, Math.round(o.height * fit)),
    samples: Math.min(o.samples, PREVIEW_LIMITS.samples),
    max_depth: Math.min(o.max_depth, PREVIEW_LIMITS.max_depth)
  };
}

interface PreviewView {
  readonly status: string;
  readonly error?: string;
  readonly image_url?: string;
  readonly samples?: number;
  readonly width?: number;
  readonly height?: number;
}

export class ServerPreview {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private events: EventSource | undefined;
  private closed = false;

  constructor(private readonly onState: (state: ServerPreviewState) => void) {}

  /** Asks for a preview of this scene after a pause in edits. */
  request(scene: unknown, options: ServerPreviewOptions): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    const generation = ++this.generation;
    this.onState({ status: 'pending' });
    this.timer = setTimeout(() => void this.send(generation, scene, serverPreviewOptions(options)), SERVER_PREVIEW_DEBOUNCE_MS);
  }

  destroy(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.events?.close();
  }

  private current(generation: number): boolean {
    return !this.closed && generation === this.generation;
  }

  private async send(generation: number, scene: unknown, options: ServerPreviewOptions): Promise<void> {
    try {
      // One owner cookie before the first request: parallel first requests would each be given a new owner.
      await ensureSession();
      const response = await fetch('/api/previews', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scene, options })
      });
      const body = (await response.json()) as { id?: string; error?: string };
      if (!this.current(generation)) return;
      if (!response.ok || !body.id) throw new Error(body.error ?? `the server answered ${response.status}`);
      const id = body.id;
      this.events?.close();
      const events = new EventSource(`/api/events?preview=${encodeURIComponent(id)}`);
      this.events = events;
      events.addEventListener('preview.ready', () => void this.check(generation, id));
      // It may have been done before the event stream opened.
      events.addEventListener('open', () => void this.check(generation, id));
    } catch (error) {
      if (this.current(generation)) this.onState({ status: 'failed', error: (error as Error).message });
    }
  }

  private async check(generation: number, id: string): Promise<void> {
    try {
      const response = await fetch(`/api/previews/${encodeURIComponent(id)}`);
      const view = (await response.json()) as PreviewView;
      if (!this.current(generation)) return;
      if (!response.ok) throw new Error(view.error ?? `the server answered ${response.status}`);
      if (view.status === 'done' && view.image_url) {
        this.events?.close();
        this.onState({ status: 'done', imageUrl: view.image_url, samples: view.samples ?? 0, width: view.width ?? 0, height: view.height ?? 0 });
      } else if (view.status === 'failed') {
        this.events?.close();
        this.onState({ status: 'failed', error: view.error ?? 'the server preview failed' });
      }
    } catch (error) {
      if (this.current(generation)) this.onState({ status: 'failed', error: (error as Error).message });
    }
  }
}
