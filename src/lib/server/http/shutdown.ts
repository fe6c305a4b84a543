// A prompt exit on SIGTERM/SIGINT for the production web server. adapter-node stops listening on the signal but
// waits for open connections (SHUTDOWN_TIMEOUT, 30 s by default), and Server-Sent Events streams never end by
// themselves; nor does anything close the Redis and database connections that keep the process alive. So on the
// signal: end every event stream (clients reconnect, to another instance), wait for the HTTP server to close and
// for the process's other shutdown tasks (the embedded worker's, from scripts/serve.ts), close the app's
// connections and exit. Whatever still hangs after DEADLINE_MS is cut short.
// State lives on globalThis: scripts/serve.ts loads this module apart from the bundled app.

/** Under the 5 s an orchestrator should have to wait, with room for the process to end. */
export const SHUTDOWN_DEADLINE_MS = 4000;

interface ShutdownState {
  /** Ends one open event stream. */
  readonly streams: Set<() => void>;
  readonly tasks: Set<() => Promise<void>>;
  installed: boolean;
  started: boolean;
}

const KEY = Symbol.for('clovers.shutdown');

function state(): ShutdownState {
  const holder = globalThis as { [KEY]?: ShutdownState };
  holder[KEY] ??= { streams: new Set(), tasks: new Set(), installed: false, started: false };
  return holder[KEY];
}

/** Runs `task` on shutdown, before the app's connections close. */
export function onShutdown(task: () => Promise<void>): void {
  state().tasks.add(task);
}

/** An event stream response whose body ends (cleanly, as if the stream were done) when shutdown starts. */
export function endsOnShutdown(response: Response): Response {
  const source = response.body;
  if (!source || !response.headers.get('content-type')?.startsWith('text/event-stream')) return response;
  const s = state();
  const reader = source.getReader();
  let end = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      end = () => {
        s.streams.delete(end);
        try {
          controller.close();
        } catch {
          // already closed
        }
        void reader.cancel().catch(() => undefined);
      };
      if (s.started) end();
      else s.streams.add(end);
    },
    async pull(controller) {
      const { done, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (done) end();
      else controller.enqueue(value);
    },
    cancel(reason) {
      s.streams.delete(end);
      return reader.cancel(reason);
    }
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** Installs the signal handlers (once per process); `closeConnections` closes the app's queues, hub, database. */
export function installShutdown(closeConnections: () => Promise<void>): void {
  const s = state();
  if (s.installed) return;
  s.installed = true;
  // adapter-node emits this once its server has closed (every response finished).
  const serverClosed = new Promise<void>((resolve) => process.once('sveltekit:shutdown', () => resolve()));
  const begin = () => {
    if (s.started) return;
    s.started = true;
    setTimeout(() => {
      console.error(`clovers: shutdown took longer than ${SHUTDOWN_DEADLINE_MS} ms; exiting now`);
      process.exit(0);
    }, SHUTDOWN_DEADLINE_MS).unref();
    for (const end of [...s.streams]) end();
    void (async () => {
      await Promise.allSettled([serverClosed, ...[...s.tasks].map((task) => task())]);
      await closeConnections().catch((err: Error) => console.error('clovers: closing connections:', err.message));
      process.exit(0);
    })();
  };
  process.on('SIGTERM', begin);
  process.on('SIGINT', begin);
}
