// One client's Server-Sent Events stream: the events it may see, as `event: <type>` / `data: <json>` frames,
// plus a comment every 15 s so proxies keep the connection open. Closing the request ends the stream and
// removes its listener.
import type { ServiceEvent } from './channels.ts';
import type { EventHub } from './hub.ts';

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no'
} as const;

const KEEPALIVE_MS = 15_000;

export function formatEvent(event: ServiceEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

export interface StreamOptions {
  readonly hub: EventHub;
  /** Decides per event whether this client sees it (may look things up). */
  readonly accept: (event: ServiceEvent) => boolean | Promise<boolean>;
  readonly signal: AbortSignal;
  /** Called once when the stream ends, however it ends (client gone, cancelled). */
  readonly onClose?: () => void;
}

export function eventStream({ hub, accept, signal, onClose }: StreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      // Events are forwarded in arrival order even when `accept` is asynchronous.
      let chain = Promise.resolve();
      const unlisten = hub.listen((event) => {
        chain = chain.then(async () => {
          if (open && (await accept(event))) send(formatEvent(event));
        }).catch(() => undefined);
      });
      const keepalive = setInterval(() => send(': keep-alive\n\n'), KEEPALIVE_MS);
      const close = () => {
        if (!open) return;
        open = false;
        unlisten();
        clearInterval(keepalive);
        onClose?.();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      cleanup = close;
      // A signal that is already aborted never fires 'abort': the client left before the stream began.
      if (signal.aborted) return close();
      signal.addEventListener('abort', close, { once: true });
      send('retry: 2000\n: connected\n\n');
      void hub.start().then(
        () => send(': subscribed\n\n'),
        () => send(': events unavailable, retrying\n\n')
      );
    },
    cancel() {
      cleanup();
    }
  });
}
