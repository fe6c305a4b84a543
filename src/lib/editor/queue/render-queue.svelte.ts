// The caller's renders, live: the first page from GET /api/renders, then kept current by the event stream
// (refetched after a reconnection, since events are not replayed). One instance per page, shared by the
// toolbar (which adds the renders it queues) and the queue panel.
import type { RenderView } from '$lib/api';
import { api, ApiRequestError, describeError, subscribeEvents } from '../api/index.ts';
import { removeRender, stepFor, upsertRender } from './render-list.ts';

const PAGE_SIZE = 20;

export class RenderQueue {
  items = $state.raw<RenderView[]>([]);
  nextCursor = $state<string | null>(null);
  loaded = $state(false);
  /** Why the list could not be loaded (null when it was). */
  loadError = $state<string | null>(null);
  connected = $state(false);
  #users = 0;
  #stop: (() => void) | undefined;

  /** Starts loading and listening (shared by every user); the returned function stops when the last one leaves. */
  start(): () => void {
    this.#users += 1;
    if (this.#users === 1) {
      void this.reload();
      this.#stop = subscribeEvents({
        onEvent: (event) => {
          const step = stepFor(event);
          if (step.kind === 'patch') this.items = this.items.map((r) => (r.id === step.id ? step.patch(r) : r));
          else if (step.kind === 'refetch') void this.refresh(step.id);
        },
        onReconnect: () => void this.reload(),
        onState: (connected) => (this.connected = connected)
      });
    }
    return () => {
      this.#users -= 1;
      if (this.#users === 0) {
        this.#stop?.();
        this.#stop = undefined;
      }
    };
  }

  async reload(): Promise<void> {
    try {
      const page = await api.listRenders({ limit: PAGE_SIZE });
      this.items = page.items;
      this.nextCursor = page.next_cursor;
      this.loadError = null;
    } catch (err) {
      this.loadError = `renders could not be loaded: ${describeError(err)}`;
    } finally {
      this.loaded = true;
    }
  }

  async loadMore(): Promise<void> {
    if (this.nextCursor === null) return;
    const page = await api.listRenders({ limit: PAGE_SIZE, cursor: this.nextCursor });
    for (const r of page.items) this.items = upsertRender(this.items, r);
    this.nextCursor = page.next_cursor;
  }

  upsert(render: RenderView): void {
    this.items = upsertRender(this.items, render);
  }

  /** Fetches one render again; a deleted one leaves the list. */
  async refresh(id: string): Promise<void> {
    try {
      this.upsert(await api.getRender(id));
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 404) this.items = removeRender(this.items, id);
    }
  }

  async cancel(id: string): Promise<void> {
    this.upsert(await api.cancelRender(id));
  }

  async retry(id: string): Promise<void> {
    this.upsert(await api.retryRender(id));
  }

  async remove(id: string): Promise<void> {
    await api.deleteRender(id);
    this.items = removeRender(this.items, id);
  }
}

/** The page's render queue (the editor page runs in the browser only). */
export const renderQueue = new RenderQueue();
