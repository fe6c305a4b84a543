// The service's Server-Sent Events (GET /api/events) as typed callbacks. The browser's EventSource reconnects by
// itself after a dropped connection; when the server refused the stream (closed state: 503, a restart), this
// reopens it with a growing delay. After every reconnection `onReconnect` runs, so a client refetches what it may
// have missed (events are not replayed).
import { serviceEventSchema, type ServiceEvent } from '$lib/api';
import { ensureSession } from './client.ts';

export const SERVICE_EVENT_TYPES: readonly ServiceEvent['type'][] = serviceEventSchema.options.map((o) => o.shape.type.value);

export interface EventHandlers {
  onEvent(event: ServiceEvent): void;
  /** The stream is open again after a break. */
  onReconnect?(): void;
  /** Connection state, for a "live" indicator. */
  onState?(connected: boolean): void;
}

export interface EventFilter {
  readonly renders?: readonly string[];
  readonly previews?: readonly string[];
}

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 30_000;

export function eventsUrl(filter: EventFilter = {}): string {
  const params = new URLSearchParams();
  for (const id of filter.renders ?? []) params.append('render', id);
  for (const id of filter.previews ?? []) params.append('preview', id);
  const qs = params.toString();
  return `/api/events${qs ? `?${qs}` : ''}`;
}

/** Opens the event stream; the returned function closes it for good. */
export function subscribeEvents(handlers: EventHandlers, filter: EventFilter = {}): () => void {
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let broken = false;
  let delay = FIRST_RETRY_MS;

  const onMessage = (message: MessageEvent<string>) => {
    let value: unknown;
    try {
      value = JSON.parse(message.data);
    } catch {
      return;
    }
    const parsed = serviceEventSchema.safeParse(value);
    if (parsed.success) handlers.onEvent(parsed.data);
  };

  async function open() {
    await ensureSession(); // the stream must be this browser's final owner's
    if (closed) return;
    const es = new EventSource(eventsUrl(filter));
    source = es;
    for (const type of SERVICE_EVENT_TYPES) es.addEventListener(type, onMessage);
    es.onopen = () => {
      delay = FIRST_RETRY_MS;
      handlers.onState?.(true);
      if (broken) handlers.onReconnect?.();
      broken = false;
    };
    es.onerror = () => {
      broken = true;
      handlers.onState?.(false);
      if (es.readyState !== EventSource.CLOSED || closed) return; // the browser retries by itself
      es.close();
      timer = setTimeout(() => void open(), delay);
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    };
  }

  void open();
  return () => {
    closed = true;
    clearTimeout(timer);
    source?.close();
  };
}
