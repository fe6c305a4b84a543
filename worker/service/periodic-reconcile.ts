// The storage reconciler (src/lib/server/storage/reconcile.ts) run from the workers: every worker ticks once per
// interval (the first tick at a random point of the first interval, so that a fleet started together spreads
// out), and a Redis key that expires with the interval lets one run per interval across the fleet.
import type { Redis } from 'ioredis';
import type { EnvironmentRepository } from '../../src/lib/server/db/environments.ts';
import type { MeshRepository } from '../../src/lib/server/db/meshes.ts';
import type { RenderRepository } from '../../src/lib/server/db/renders.ts';
import type { ObjectStore } from '../../src/lib/server/storage/index.ts';
import { reconcileStorage } from '../../src/lib/server/storage/reconcile.ts';

const RUN_KEY = 'clovers:storage-reconcile:last-run';

export interface PeriodicReconcileDeps {
  readonly redis: Redis;
  readonly store: ObjectStore;
  readonly renders: RenderRepository;
  readonly meshes: MeshRepository;
  readonly environments: EnvironmentRepository;
  readonly workerId: string;
  readonly intervalMs: number;
  readonly graceMs: number;
  readonly log: (message: string) => void;
}

/** Starts ticking (nothing when the interval is 0); stop() waits for a run in progress. */
export function startPeriodicReconcile(deps: PeriodicReconcileDeps): { stop(): Promise<void> } {
  if (deps.intervalMs === 0) return { stop: async () => undefined };
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout;
  const tick = () => {
    running ??= runOnce(deps)
      .catch((err: Error) => deps.log(`storage reconcile: ${err.message}`))
      .finally(() => (running = undefined));
    timer = setTimeout(tick, deps.intervalMs).unref();
  };
  timer = setTimeout(tick, Math.random() * deps.intervalMs).unref();
  return {
    async stop() {
      clearTimeout(timer);
      await running;
    }
  };
}

async function runOnce(deps: PeriodicReconcileDeps): Promise<void> {
  const won = await deps.redis.set(RUN_KEY, deps.workerId, 'PX', deps.intervalMs, 'NX');
  if (won !== 'OK') return;
  const report = await reconcileStorage(deps, { graceMs: deps.graceMs });
  if (report.orphans.length > 0 || report.failures.length > 0) {
    const bytes = report.orphans.reduce((sum, o) => sum + o.size, 0);
    deps.log(`storage reconcile: removed ${report.orphans.length} orphaned objects (${bytes} bytes) of ${report.scanned}; ${report.failures.length} could not be removed`);
  }
}
