// Waiting for the GPU without burning a CPU core, and with a watchdog.
//
// dawn.node resolves GPU promises (onSubmittedWorkDone, mapAsync) by processing events on every turn of Node's
// event loop while any is pending: awaiting one spins a core at 100% for as long as the GPU works. On a CPU
// adapter (lavapipe) that core is taken from the renderer itself, and during a cold shader compile (a minute on
// 2 cores) from the compiler. In Node the wait therefore blocks the event loop in short slices (Atomics.wait
// sleeps without using the CPU) between the turns that let Dawn look for completion; timers, I/O and lock
// renewals still run between slices. Browsers wait on their own GPU process: there a plain await is right.

/** A GPU operation (a shader compile or a dispatch) that made no progress within its time limit. */
export class GpuStallError extends Error {
  constructor(
    readonly what: string,
    readonly limitMs: number
  ) {
    super(`the GPU made no progress on ${what} within ${limitMs < 1000 ? `${limitMs} ms` : `${Math.round(limitMs / 1000)} s`} (watchdog)`);
    this.name = 'GpuStallError';
  }
}

interface NodeProcess {
  readonly versions?: { readonly node?: string };
}

/** Blocks the event loop for a slice, or undefined where that is neither possible nor wanted (browsers). */
const blockFor: ((ms: number) => void) | undefined = (() => {
  const proc = (globalThis as { process?: NodeProcess }).process;
  const hasNavigatorGpu = (globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu !== undefined;
  if (!proc?.versions?.node || hasNavigatorGpu || typeof SharedArrayBuffer === 'undefined') return undefined;
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return (ms: number) => void Atomics.wait(cell, 0, 0, ms);
})();

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Longest slice the event loop is blocked for: the GPU may sit idle this long after a dispatch ends (8 ms cost
 * 5% of the throughput at 80 ms dispatches), and timers wait this long at most. */
const MAX_SLICE_MS = 2;

/**
 * Resolves with `work` once it settles; rejects with GpuStallError after `limitMs` (the GPU work itself cannot be
 * cancelled: the caller should give up the device). `expectedMs` sizes the slices: short waits are polled finely.
 */
export async function waitForGpu<T>(work: Promise<T>, what: string, limitMs: number, expectedMs = 0): Promise<T> {
  let settled = false;
  let stalled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watched = work.finally(() => {
    settled = true;
  });
  const watchdog = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stalled = true;
      reject(new GpuStallError(what, limitMs));
    }, limitMs);
  });
  const outcome = Promise.race([watched, watchdog]);
  // Handled here for the turns the loop below spends before awaiting it (else: an unhandled rejection).
  outcome.catch(() => undefined);
  try {
    if (blockFor) {
      const t0 = performance.now();
      while (!settled && !stalled) {
        // Fine slices near the expected end, coarser ones while far from it (a compile takes seconds).
        const remaining = expectedMs - (performance.now() - t0);
        blockFor(Math.min(MAX_SLICE_MS, Math.max(1, remaining > 20 ? remaining / 4 : 1)));
        await nextTurn();
      }
    }
    return await outcome;
  } finally {
    clearTimeout(timer);
  }
}

/** Waits until the GPU has finished the work submitted so far. */
export function waitForQueue(device: GPUDevice, what: string, limitMs: number, expectedMs = 0): Promise<void> {
  return waitForGpu(device.queue.onSubmittedWorkDone(), what, limitMs, expectedMs);
}
