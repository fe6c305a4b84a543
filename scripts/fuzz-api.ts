// Fuzz run of the HTTP API: thousands of bad and odd requests (seeded, reproducible) against every API route and
// method and some pages; prints the counts by status and every answer ≥ 500, and exits 1 if there is any.
//   npm run fuzz:api -- --url http://127.0.0.1:3000 [--requests 3000] [--seed 1] [--concurrency 4] [--admin-token T]
//   npm run fuzz:api -- --start [--db pglite|postgres] ...   (starts the production server of build/ itself)
// With --start: a private redis-server, s3rver, PGlite (or a fresh database on the local PostgreSQL) and
// `node build/index.js` with REDIS_URL set, so no render worker runs (render and preview jobs just queue).
// Run `npm run build` first. Only loopback URLs are accepted.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeResult, prepareFuzzContext, runFuzz, type FuzzResult } from '../test/service/support/fuzz-client.ts';
import { FuzzGenerator, loadExampleScenes } from '../test/service/support/fuzz-requests.ts';
import { freePort } from '../test/service/support/free-port.ts';
import { createTestDatabase, type TestDatabase } from '../test/service/support/postgres.ts';
import { startTestRedis, type TestRedis } from '../test/service/support/redis-server.ts';
import { startTestS3, type TestS3 } from '../test/service/support/s3.ts';
import { webProcess, type WebProcess } from '../test/service/support/web-process.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    start: { type: 'boolean', default: false },
    db: { type: 'string', default: 'pglite' },
    requests: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '4' },
    'admin-token': { type: 'string' },
    'max-body-bytes': { type: 'string', default: String(20 * 1024 * 1024) },
    'max-mesh-bytes': { type: 'string', default: String(64 * 1024 * 1024) },
    verbose: { type: 'boolean', default: false }
  }
});

const repoRoot = resolve(import.meta.dirname, '..');
const count = Math.max(1, Number(values.requests));
const seed = Number(values.seed);
if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
if (!values.start && !values.url) {
  console.error('fuzz-api: give --url http://127.0.0.1:PORT (a running service) or --start');
  process.exit(2);
}

const ADMIN_TOKEN = 'fuzz-admin-token-0123456789';
let web: WebProcess | undefined;
let redis: TestRedis | undefined;
let s3: TestS3 | undefined;
let pg: TestDatabase | undefined;
let dataDir: string | undefined;

async function startSystem(): Promise<string> {
  if (values.db !== 'pglite' && values.db !== 'postgres') throw new Error('--db must be pglite or postgres');
  dataDir = await mkdtemp(join(tmpdir(), 'clovers-fuzz-'));
  [redis, s3] = await Promise.all([startTestRedis(), startTestS3()]);
  if (values.db === 'postgres') pg = await createTestDatabase();
  web = webProcess({
    repoRoot,
    port: await freePort(),
    env: {
      DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      COOKIE_SECRET: 'fuzz-cookie-secret-0123456789',
      ADMIN_TOKEN,
      ...s3.env,
      ...(pg ? { DATABASE_URL: pg.url } : {})
    }
  });
  await web.start();
  return web.url;
}

async function stopSystem(): Promise<void> {
  await web?.kill('SIGTERM');
  await Promise.allSettled([redis?.stop(), s3?.close(), pg?.drop()]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}

function byStatusLine(map: Map<string, number>): string {
  return [...map.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
}

let exitCode = 1;
try {
  const baseUrl = values.start ? await startSystem() : (values.url as string).replace(/\/$/, '');
  const host = new URL(baseUrl).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) throw new Error(`${host} is not a loopback address; this script only fuzzes a local service`);
  const scenes = loadExampleScenes(repoRoot);
  const ctx = await prepareFuzzContext(baseUrl, scenes, {
    maxBodyBytes: Number(values['max-body-bytes']),
    maxMeshBytes: Number(values['max-mesh-bytes']),
    adminToken: values.start ? ADMIN_TOKEN : values['admin-token']
  });
  const requests = new FuzzGenerator(seed, ctx).take(count);
  console.log(`fuzz-api: ${count} requests (seed ${seed}) against ${baseUrl}${values.start ? ` (production build, ${values.db}, no worker)` : ''}`);
  let sent = 0;
  const summary = await runFuzz(baseUrl, requests, {
    concurrency: Number(values.concurrency),
    onResult: (r: FuzzResult) => {
      sent++;
      if (values.verbose || (r.status !== null && r.status >= 500)) console.log(`  ${describeResult(r)}`);
      if (sent % 500 === 0) console.log(`  … ${sent}/${count}`);
    }
  });
  const health = await fetch(`${baseUrl}/api/health`).then((r) => r.status, (e: Error) => `down (${e.message})`);
  console.log(`\nfuzz-api: ${summary.total} requests in ${(summary.ms / 1000).toFixed(1)} s`);
  console.log(`  by status: ${byStatusLine(summary.byStatus)}`);
  console.log(`  no answer: ${summary.noAnswer.length} (connection closed or timed out; expected for truncated bodies and lying lengths)`);
  for (const r of summary.noAnswer.filter((n) => n.request.body.kind !== 'truncated').slice(0, 20)) console.log(`    ${describeResult(r)}`);
  console.log(`  server still healthy afterwards: GET /api/health → ${health}`);
  console.log(`  responses ≥ 500: ${summary.serverErrors.length}`);
  for (const r of summary.serverErrors) console.log(`    ${describeResult(r)}`);
  if (web && summary.serverErrors.length > 0) {
    console.log('\n  server log (last 4 KB):');
    console.log(web.output().slice(-4000));
  }
  exitCode = summary.serverErrors.length === 0 && health === 200 ? 0 : 1;
} catch (err) {
  console.error(`fuzz-api: ${(err as Error).stack ?? String(err)}`);
  if (web) console.error(web.output().slice(-3000));
} finally {
  await stopSystem();
}
process.exit(exitCode);
