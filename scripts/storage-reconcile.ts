// `npm run storage:reconcile -- [--dry-run] [--grace-minutes 60]`: removes objects of the service's storage
// (S3_* or DATA_DIR, as the service) that no database row (DATABASE_URL) accounts for and that were last written
// longer ago than the grace period; prints each one. Workers run the same pass hourly (worker/service/
// periodic-reconcile.ts); this is for an operator who wants it now, or wants to see what it would remove.
import { parseArgs } from 'node:util';
import { closeDb, getDb } from '../src/lib/server/db/client.ts';
import { environmentsIn } from '../src/lib/server/db/environments.ts';
import { meshesIn } from '../src/lib/server/db/meshes.ts';
import { rendersIn } from '../src/lib/server/db/renders.ts';
import { getObjectStore } from '../src/lib/server/storage/index.ts';
import { reconcileStorage } from '../src/lib/server/storage/reconcile.ts';

const { values } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    'grace-minutes': { type: 'string', default: '60' },
    help: { type: 'boolean', default: false }
  }
});
if (values.help) {
  console.log('usage: npm run storage:reconcile -- [--dry-run] [--grace-minutes N]  (default 60)');
  process.exit(0);
}
const graceMinutes = Number(values['grace-minutes']);
if (!Number.isFinite(graceMinutes) || graceMinutes < 0) {
  console.error(`storage:reconcile: --grace-minutes must be a number >= 0 (got "${values['grace-minutes']}")`);
  process.exit(2);
}
const dryRun = values['dry-run'];

try {
  const db = await getDb();
  const report = await reconcileStorage(
    { store: getObjectStore(), renders: rendersIn(db), meshes: meshesIn(db), environments: environmentsIn(db) },
    { graceMs: graceMinutes * 60_000, dryRun, onOrphan: (o) => console.log(`${dryRun ? 'would remove' : 'removed'} ${o.key} (${o.size} bytes): ${o.reason}`) }
  );
  for (const failure of report.failures) console.error(`not removed ${failure.key}: ${failure.error}`);
  const bytes = report.orphans.reduce((sum, o) => sum + o.size, 0);
  console.log(`${report.scanned} objects scanned; ${report.orphans.length} orphans (${bytes} bytes) ${dryRun ? 'found (dry run: nothing removed)' : 'removed'}`);
  process.exitCode = report.failures.length > 0 ? 1 : 0;
} catch (err) {
  console.error(`storage:reconcile: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
