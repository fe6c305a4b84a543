// Fault run of the whole service on this machine: a fresh PostgreSQL database, Redis with an append-only file,
// s3rver, the production web server (`node build/index.js`, REDIS_URL set, so no embedded worker) and two worker
// processes (`npm run worker`). Clients submit tiny renders (whole and chunked), cancel and delete some, while
// a random busy worker is SIGKILLed every 10–20 s and restarted, Redis is stopped and restarted once and the web
// server is SIGKILLed and restarted once. At the end it waits for every render to settle, then checks the
// database, the events and the bucket. Exits 1 when a render is lost, an object is left over, a render completed
// twice, or a client saw a 5xx outside the Redis/web outage windows.
//   npm run build && npm run fault-run -- [--jobs 40] [--minutes 3] [--clients 4] [--settle-minutes 6]
// Worker lock and stalled-check settings are the product's defaults (worker/service/settings.ts), so the
// takeover times are what production would see.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { freePort } from '../test/service/support/free-port.ts';
import { startTestRedis } from '../test/service/support/persistent-redis.ts';
import { createTestDatabase } from '../test/service/support/postgres.ts';
import { startTestS3 } from '../test/service/support/s3.ts';
import { webProcess } from '../test/service/support/web-process.ts';
import { EVENTS_CHANNEL, parseServiceEvent, type ServiceEvent } from '../src/lib/server/events/channels.ts';
import { QUEUES } from '../src/lib/server/queue/jobs.ts';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '40' },
    minutes: { type: 'string', default: '3' },
    clients: { type: 'string', default: '4' },
    'settle-minutes': { type: 'string', default: '6' },
    seed: { type: 'string', default: '1' },
    verbose: { type: 'boolean', default: false }
  }
});
const repoRoot = resolve(import.meta.dirname, '..');
const maxJobs = Math.max(1, Number(values.jobs));
const runMs = Number(values.minutes) * 60_000;
const clientCount = Math.max(1, Number(values.clients));
const settleMs = Number(values['settle-minutes']) * 60_000;
/** Renders above this many samples become chunk jobs plus a merge job (web server's RENDER_CHUNK_SAMPLES). */
const CHUNK_SAMPLES = 1000;
const ADMIN_TOKEN = 'fault-run-admin-token-0123456789';
const SCENE = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/reference/scenes/cornell_classic.json'), 'utf8')) as unknown;

let rngState = Number(values.seed) >>> 0;
function random(): number {
  rngState = (rngState + 0x6d2b79f5) >>> 0;
  let t = rngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const t0 = performance.now();
const now = () => performance.now() - t0;
const stamp = () => `[${(now() / 1000).toFixed(1).padStart(6)} s]`;
const log = (m: string) => console.log(`${stamp()} ${m}`);
const verbose = (m: string) => values.verbose && log(m);

if (!existsSync(join(repoRoot, 'build/index.js'))) {
  console.error('fault-run: build/index.js is missing: run `npm run build` first');
  process.exit(2);
}

// ---- the system

const dataDir = await mkdtemp(join(tmpdir(), 'clovers-fault-run-'));
const redis = await startTestRedis();
const s3 = await startTestS3('clovers-fault-run');
const database = await createTestDatabase();
const serviceEnv: Record<string, string> = {
  DATA_DIR: dataDir,
  REDIS_URL: redis.url,
  DATABASE_URL: database.url,
  COOKIE_SECRET: 'fault-run-cookie-secret-0123456789',
  ADMIN_TOKEN,
  ...s3.env
};
// As scripts/start.sh: lavapipe when it is the only Vulkan driver.
const lavapipe = '/usr/share/vulkan/icd.d/lvp_icd.json';
if (!process.env.VK_ICD_FILENAMES && existsSync(lavapipe) && readdirSync('/usr/share/vulkan/icd.d').every((f) => f.startsWith('lvp'))) {
  serviceEnv.VK_ICD_FILENAMES = lavapipe;
}
const web = webProcess({ repoRoot, port: await freePort(), env: { ...serviceEnv, RENDER_CHUNK_SAMPLES: String(CHUNK_SAMPLES) } });
await web.start();
log(`web server on ${web.url}; Redis ${redis.url} (AOF); s3rver ${s3.endpoint}; PostgreSQL ${database.url.replace(/\/\/[^@]*@/, '//')}`);

interface WorkerProc {
  readonly id: string;
  readonly child: ChildProcess;
  output: string;
  killedByUs: boolean;
}
const workers = new Map<string, WorkerProc>();
let workerSerial = 0;
const unexpectedExits: string[] = [];
function spawnWorker(slot: string): WorkerProc {
  const id = `${slot}-${++workerSerial}`;
  const child = spawn(process.execPath, ['--import', './scripts/register.mjs', 'worker/service/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...serviceEnv, WORKER_ID: id },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const w: WorkerProc = { id, child, output: '', killedByUs: false };
  const keep = (d: Buffer) => {
    w.output = (w.output + d.toString()).slice(-20_000);
    if (values.verbose) for (const line of d.toString().split('\n')) if (line.trim()) log(`  ${id}: ${line}`);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', (code, signal) => {
    if (w.killedByUs || stopping) return;
    unexpectedExits.push(`${id} exited by itself (${signal ?? code}): ${w.output.slice(-300).replace(/\s+/g, ' ')}`);
    log(`worker ${id} exited by itself (${signal ?? code}); starting a fresh one`);
    workers.delete(slot);
    workers.set(slot, spawnWorker(slot));
  });
  return w;
}
let stopping = false;
// Ctrl+C: take the child processes along (the web server and workers would outlive this process).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopping = true;
    for (const w of workers.values()) w.child.kill('SIGKILL');
    void Promise.allSettled([web.kill('SIGKILL'), redis.close(), s3.close(), database.drop()]).finally(() => process.exit(130));
  });
}
workers.set('w1', spawnWorker('w1'));
workers.set('w2', spawnWorker('w2'));

// ---- events (Redis pub/sub, as the SSE fan-out reads them); the subscriber reconnects after the Redis restart

interface Seen {
  readonly at: number;
  readonly event: ServiceEvent;
}
const events: Seen[] = [];
const subscriber = new Redis(redis.url, { maxRetriesPerRequest: null, retryStrategy: () => 200 });
subscriber.on('error', () => undefined);
subscriber.on('message', (_channel: string, message: string) => {
  const event = parseServiceEvent(message);
  if (event) events.push({ at: now(), event });
});
await subscriber.subscribe(EVENTS_CHANNEL);
const queueConnection = { url: redis.url, maxRetriesPerRequest: null, retryStrategy: () => 200 };
const renderQueue = new Queue(QUEUES.render, { connection: queueConnection });
renderQueue.on('error', () => undefined);

// ---- outage windows: 5xx and refused connections inside them are expected

interface Window {
  readonly what: string;
  readonly from: number;
  to: number;
}
const windows: Window[] = [];
const GRACE_MS = 10_000;
const inWindow = (at: number) => windows.find((w) => at >= w.from && at <= w.to + GRACE_MS);

// ---- clients

interface Tracked {
  readonly id: string;
  readonly client: number;
  readonly chunked: boolean;
  readonly submittedAt: number;
  cancelled?: boolean;
  deleted?: boolean;
  status?: string;
}
const renders = new Map<string, Tracked>();
const httpErrors: string[] = [];
const expectedErrors: string[] = [];
const otherProblems: string[] = [];
let submitted = 0;
let rateLimited = 0;
const attempts = { cancel: 0, cancelTooLate: 0, delete: 0 };
const submitUntil = runMs;

async function call(client: number, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; data: Record<string, unknown> } | null> {
  const at = now();
  try {
    const res = await fetch(`${web.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000)
    });
    const text = await res.text();
    let data: Record<string, unknown> = {};
    try {
      data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      data = { text: text.slice(0, 200) };
    }
    if (res.status >= 500) {
      const w = inWindow(at);
      const line = `${method} ${path} → ${res.status} ${text.slice(0, 160)} (client ${client}, ${(at / 1000).toFixed(1)} s${w ? `, ${w.what} window` : ''})`;
      (w ? expectedErrors : httpErrors).push(line);
    }
    return { status: res.status, data };
  } catch (err) {
    const w = inWindow(at) ?? inWindow(now());
    const line = `${method} ${path} → ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message} (client ${client}, ${(at / 1000).toFixed(1)} s${w ? `, ${w.what} window` : ''})`;
    (w ? expectedErrors : httpErrors).push(line);
    return null;
  }
}

async function runClient(index: number): Promise<void> {
  let token: string | undefined;
  while (!token && now() < submitUntil) {
    const res = await call(index, '', 'GET', '/api/session').catch(() => null);
    token = (res?.data.token as string | undefined) ?? undefined;
    if (!token) await sleep(1000);
  }
  if (!token) return;
  const mine: Tracked[] = [];
  const open = () => mine.filter((r) => !r.deleted && !['done', 'failed', 'cancelled'].includes(r.status ?? ''));
  while (now() < submitUntil && submitted < maxJobs) {
    // At most two unsettled renders per client: the queue follows the workers instead of growing without bound.
    for (const r of open()) {
      const res = await call(index, token, 'GET', `/api/renders/${r.id}`);
      if (res?.status === 200) r.status = res.data.status as string;
    }
    if (open().length >= 2) {
      await sleep(1500);
      continue;
    }
    const chunked = random() < 0.3;
    const size = chunked ? between(16, 32) : between(16, 48);
    const options = {
      width: size,
      height: between(16, chunked ? 32 : 48),
      samples: chunked ? between(CHUNK_SAMPLES + 500, 3 * CHUNK_SAMPLES) : between(100, CHUNK_SAMPLES),
      max_depth: 4,
      seed: between(0, 1_000_000)
    };
    submitted++;
    const res = await call(index, token, 'POST', '/api/renders', { scene: SCENE, options, name: `fault-run ${index}` });
    if (res?.status === 202) {
      const r: Tracked = { id: res.data.id as string, client: index, chunked, submittedAt: now() };
      renders.set(r.id, r);
      mine.push(r);
      verbose(`client ${index}: submitted ${r.id} (${options.width}×${options.height}, ${options.samples} spp${chunked ? ', chunked' : ''})`);
    } else {
      submitted--;
      if (res?.status === 429) rateLimited++;
      else if (res && res.status < 500) otherProblems.push(`client ${index}: POST /api/renders → ${res.status} ${JSON.stringify(res.data).slice(0, 200)}`);
      await sleep(res?.status === 429 ? 5000 : 1000);
      continue;
    }
    // Now and then cancel or delete one of this client's renders (whatever state it is in).
    const roll = random();
    if (roll < 0.12 && mine.length > 0) {
      // The newest render: most likely still queued or running.
      const victim = mine[mine.length - 1];
      if (!victim.deleted) {
        await sleep(between(0, 1500));
        attempts.cancel++;
        const c = await call(index, token, 'POST', `/api/renders/${victim.id}/cancel`);
        if (c?.status === 200) victim.cancelled = true;
        else if (c?.status === 409) attempts.cancelTooLate++;
        else if (c && c.status !== 409) otherProblems.push(`cancel ${victim.id} → ${c.status} ${JSON.stringify(c.data).slice(0, 160)}`);
      }
    } else if (roll < 0.22 && mine.length > 0) {
      const victim = mine[Math.floor(random() * mine.length)];
      if (!victim.deleted) {
        await sleep(between(0, 3000));
        attempts.delete++;
        const d = await call(index, token, 'DELETE', `/api/renders/${victim.id}`);
        if (d?.status === 204) victim.deleted = true;
        else if (d) otherProblems.push(`delete ${victim.id} → ${d.status} ${JSON.stringify(d.data).slice(0, 160)}`);
      }
    }
    await sleep(between(500, 2500));
  }
}

// ---- faults

interface Takeover {
  readonly worker: string;
  readonly jobId: string;
  readonly killedAt: number;
  pickedUpAt?: number;
  by?: string;
  how?: string;
}
const takeovers: Takeover[] = [];
let workerKills = 0;

async function activeJobsOf(workerId: string): Promise<string[]> {
  const active = await renderQueue.getActive().catch(() => []);
  return active.filter((j) => j.processedBy === workerId && j.id).map((j) => j.id as string);
}

function renderIdOfJob(jobId: string): string | undefined {
  return /^render-([0-9a-f-]{36})/.exec(jobId)?.[1];
}

async function watchTakeover(t: Takeover): Promise<void> {
  const deadline = t.killedAt + 10 * 60_000;
  while (now() < deadline && !t.pickedUpAt) {
    const job = await renderQueue.getJob(t.jobId).catch(() => undefined);
    const renderId = renderIdOfJob(t.jobId);
    const started = events.find((e) => e.at > t.killedAt && e.event.type === 'render.started' && e.event.renderId === renderId && e.event.workerId !== t.worker);
    if (job?.processedBy && job.processedBy !== t.worker) {
      t.pickedUpAt = started && started.at < now() ? started.at : now();
      t.by = job.processedBy;
      t.how = 'job taken by another worker';
    } else if (started) {
      t.pickedUpAt = started.at;
      t.by = started.event.type === 'render.started' ? started.event.workerId : '?';
      t.how = `render.started (resumedFrom ${started.event.type === 'render.started' ? started.event.resumedFrom : '?'})`;
    } else if (!job || job.finishedOn) {
      t.how = job ? 'finished without a takeover' : 'job removed (render deleted or cancelled?)';
      return;
    }
    await sleep(250);
  }
}

async function killWorkers(): Promise<void> {
  while (now() < submitUntil) {
    await sleep(between(10_000, 20_000));
    if (now() >= submitUntil) break;
    // Preferably a busy worker (for 5 s), so that a job is orphaned and its takeover can be timed; else any.
    let target: { slot: string; w: WorkerProc; jobs: string[] } | undefined;
    for (let tries = 0; tries < 20 && !target && now() < submitUntil; tries++) {
      const busy: { slot: string; w: WorkerProc; jobs: string[] }[] = [];
      for (const [slot, w] of workers) {
        const jobs = await activeJobsOf(w.id);
        if (jobs.length > 0) busy.push({ slot, w, jobs });
      }
      target = busy.length > 0 ? busy[Math.floor(random() * busy.length)] : undefined;
      if (!target) await sleep(250);
    }
    if (!target) {
      const slots = [...workers.entries()];
      // Math.random, not the seeded stream: that one's draws are interleaved with the clients' and came out lopsided.
      const [slot, w] = slots[Math.floor(Math.random() * slots.length)];
      target = { slot, w, jobs: [] };
    }
    const killedAt = now();
    target.w.killedByUs = true;
    target.w.child.kill('SIGKILL');
    workerKills++;
    log(`SIGKILL worker ${target.w.id} (active: ${target.jobs.join(', ') || 'none'})`);
    for (const jobId of target.jobs) {
      const t: Takeover = { worker: target.w.id, jobId, killedAt };
      takeovers.push(t);
      void watchTakeover(t);
    }
    await sleep(1000);
    workers.set(target.slot, spawnWorker(target.slot));
  }
}

async function isAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function killRedisOnce(): Promise<void> {
  await sleep(runMs * 0.35);
  const w: Window = { what: 'Redis', from: now(), to: Number.POSITIVE_INFINITY };
  windows.push(w);
  // SIGKILL, as a crash (no SHUTDOWN save): with appendfsync always the AOF still holds every queue write.
  const probe = new Redis(redis.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  const info = await probe.info('server').catch(() => '');
  probe.disconnect();
  const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
  if (Number.isInteger(pid) && pid > 0) {
    log(`SIGKILL Redis (pid ${pid})`);
    process.kill(pid, 'SIGKILL');
    while (await isAlive(pid)) await sleep(50);
  } else {
    log('stopping Redis (SHUTDOWN: its pid was not readable)');
    await redis.stop();
  }
  await sleep(3000);
  await redis.start();
  w.to = now();
  log(`Redis back after ${((w.to - w.from) / 1000).toFixed(1)} s`);
}

async function killWebOnce(): Promise<void> {
  await sleep(runMs * 0.65);
  const w: Window = { what: 'web', from: now(), to: Number.POSITIVE_INFINITY };
  windows.push(w);
  log('SIGKILL web server');
  await web.kill('SIGKILL');
  await sleep(2000);
  await web.start();
  w.to = now();
  log(`web server back after ${((w.to - w.from) / 1000).toFixed(1)} s`);
}

// ---- run

log(`run: ${clientCount} clients, up to ${maxJobs} renders over ${values.minutes} min; worker kills every 10–20 s, one Redis stop, one web kill`);
await Promise.all([...Array.from({ length: clientCount }, (_, i) => runClient(i)), killWorkers(), killRedisOnce(), killWebOnce()]);
log(`submission over: ${renders.size} renders accepted; waiting up to ${values['settle-minutes']} min for them to settle`);

const db = new pg.Client({ connectionString: database.url });
await db.connect();
const TERMINAL = ['done', 'failed', 'cancelled'];
const settleDeadline = now() + settleMs;
let rows = new Map<string, { status: string; error: string | null; worker_id: string | null }>();
for (;;) {
  const res = await db.query<{ id: string; status: string; error: string | null; worker_id: string | null }>('select id, status, error, worker_id from renders');
  rows = new Map(res.rows.map((r) => [r.id, r]));
  const open = [...rows.values()].filter((r) => !TERMINAL.includes(r.status));
  if (open.length === 0 || now() > settleDeadline) break;
  verbose(`${open.length} renders not settled yet`);
  await sleep(2000);
}
// Give the workers a moment to clean up after the last jobs (checkpoints, chunk films).
await sleep(5000);

// ---- checks

const resultRows = await db.query<{ render_id: string; n: string }>('select render_id, count(*) as n from results group by render_id');
const resultCount = new Map(resultRows.rows.map((r) => [r.render_id, Number(r.n)]));
const keyRows = await db.query<{ image_key: string; thumb_key: string; exr_key: string }>('select image_key, thumb_key, exr_key from results');
const meshRows = await db.query<{ storage_key: string }>('select storage_key from meshes');
const s3Client = new S3Client({
  endpoint: s3.endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }
});
const objects: string[] = [];
let token: string | undefined;
do {
  const page = await s3Client.send(new ListObjectsV2Command({ Bucket: s3.bucket, ContinuationToken: token }));
  for (const o of page.Contents ?? []) if (o.Key) objects.push(o.Key);
  token = page.IsTruncated ? page.NextContinuationToken : undefined;
} while (token);

const resultKeys = new Set(keyRows.rows.flatMap((r) => [r.image_key, r.thumb_key, r.exr_key]));
const meshKeys = new Set(meshRows.rows.map((r) => r.storage_key));
const leftovers: string[] = [];
for (const key of objects) {
  const renderId = /^renders\/([^/]+)\//.exec(key)?.[1];
  if (renderId) {
    const row = rows.get(renderId);
    if (!row) leftovers.push(`${key} (render ${renders.get(renderId)?.deleted ? 'deleted' : 'has no row'})`);
    else if (TERMINAL.includes(row.status) && !resultKeys.has(key)) leftovers.push(`${key} (render ${row.status}: not a result file)`);
  } else if (key.startsWith('meshes/')) {
    if (!meshKeys.has(key)) leftovers.push(`${key} (no mesh row)`);
  } else {
    leftovers.push(`${key} (outside renders/ and meshes/)`);
  }
}
const missingObjects = [...resultKeys].filter((k) => !objects.includes(k));

const tracked = [...renders.values()];
const count = (status: string) => tracked.filter((r) => !r.deleted && rows.get(r.id)?.status === status).length;
const deleted = tracked.filter((r) => r.deleted);
const deletedButPresent = deleted.filter((r) => rows.has(r.id));
const vanished = tracked.filter((r) => !r.deleted && !rows.has(r.id));
const lost = tracked.filter((r) => !r.deleted && rows.has(r.id) && !TERMINAL.includes(rows.get(r.id)?.status ?? ''));
const failedReasons = new Map<string, number>();
for (const r of tracked) {
  const row = rows.get(r.id);
  if (!r.deleted && row?.status === 'failed') failedReasons.set(row.error ?? '(no error)', (failedReasons.get(row.error ?? '(no error)') ?? 0) + 1);
}
const doneEvents = new Map<string, number>();
for (const e of events) if (e.event.type === 'render.done') doneEvents.set(e.event.renderId, (doneEvents.get(e.event.renderId) ?? 0) + 1);
const duplicatedResults = [...resultCount.entries()].filter(([, n]) => n > 1);
const duplicatedEvents = [...doneEvents.entries()].filter(([, n]) => n > 1);
const chunkedDone = tracked.filter((r) => r.chunked && !r.deleted && rows.get(r.id)?.status === 'done').length;

const times = takeovers.filter((t) => t.pickedUpAt !== undefined).map((t) => (t.pickedUpAt as number) - t.killedAt).sort((a, b) => a - b);
const fmtS = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);
const median = times.length === 0 ? undefined : times[Math.floor((times.length - 1) / 2)];

// ---- report

const fail = vanished.length + lost.length > 0 || leftovers.length > 0 || httpErrors.length > 0 || duplicatedResults.length > 0 || duplicatedEvents.length > 0;
const rowsOut: [string, string][] = [
  ['renders submitted (202)', String(tracked.length)],
  ['  of them chunked', `${tracked.filter((r) => r.chunked).length} (${chunkedDone} done)`],
  ['done', String(count('done'))],
  ['failed', String(count('failed'))],
  ['cancelled', `${count('cancelled')} (${attempts.cancel} cancels sent, ${attempts.cancelTooLate} too late: 409)`],
  ['deleted', `${deleted.length} of ${attempts.delete} deletes sent${deletedButPresent.length ? ` (${deletedButPresent.length} still have a row!)` : ''}`],
  ['lost (not settled in time)', String(lost.length)],
  ['vanished (row gone, never deleted)', String(vanished.length)],
  ['duplicated (result rows > 1)', String(duplicatedResults.length)],
  ['duplicated (render.done events > 1)', String(duplicatedEvents.length)],
  ['leftover objects', String(leftovers.length)],
  ['result objects missing', String(missingObjects.length)],
  ['HTTP ≥ 500 / connection errors outside windows', String(httpErrors.length)],
  ['HTTP ≥ 500 / connection errors in Redis/web windows', String(expectedErrors.length)],
  ['429 (rate limited, retried)', String(rateLimited)],
  ['worker SIGKILLs', String(workerKills)],
  ['worker exits not caused by the run', String(unexpectedExits.length)],
  ['takeovers timed', `${times.length} of ${takeovers.length} orphaned jobs`],
  ['takeover time min / median / max', `${fmtS(times[0])} / ${fmtS(median)} / ${fmtS(times.at(-1))}`],
  ['wall time', `${(now() / 1000).toFixed(0)} s`]
];
console.log('\nfault-run summary');
const width = Math.max(...rowsOut.map(([k]) => k.length));
for (const [k, v] of rowsOut) console.log(`  ${k.padEnd(width)}  ${v}`);
const list = (title: string, items: readonly string[], max = 30) => {
  if (items.length === 0) return;
  console.log(`\n${title} (${items.length}):`);
  for (const i of items.slice(0, max)) console.log(`  ${i}`);
  if (items.length > max) console.log(`  … ${items.length - max} more`);
};
list('failed renders by reason', [...failedReasons.entries()].map(([why, n]) => `${n}× ${why}`));
list('lost renders', lost.map((r) => `${r.id} ${rows.get(r.id)?.status} (worker ${rows.get(r.id)?.worker_id}, submitted at ${(r.submittedAt / 1000).toFixed(0)} s${r.chunked ? ', chunked' : ''}${r.cancelled ? ', cancel sent' : ''})`));
list('vanished renders', vanished.map((r) => r.id));
list('deleted renders that still have a row', deletedButPresent.map((r) => `${r.id} ${rows.get(r.id)?.status}`));
list('duplicated results', duplicatedResults.map(([id, n]) => `${id}: ${n} result rows`));
list('duplicated render.done events', duplicatedEvents.map(([id, n]) => `${id}: ${n} events`));
list('leftover objects', leftovers);
list('result objects missing from the bucket', missingObjects);
list('HTTP errors outside the outage windows', httpErrors);
list('HTTP errors inside the outage windows (expected)', expectedErrors, 10);
list('other API answers worth a look', otherProblems, 15);
list('worker exits not caused by the run', unexpectedExits);
list('takeovers', takeovers.map((t) => `${t.worker} killed at ${fmtS(t.killedAt)}: ${t.jobId} → ${t.pickedUpAt === undefined ? (t.how ?? 'not picked up') : `${t.by} after ${fmtS(t.pickedUpAt - t.killedAt)} (${t.how})`}`));
console.log(`\nfault-run: ${fail ? 'FAILED' : 'passed'}`);

stopping = true;
await db.end();
await renderQueue.close().catch(() => undefined);
subscriber.disconnect();
for (const w of workers.values()) {
  w.killedByUs = true;
  w.child.kill('SIGKILL');
}
await web.kill('SIGTERM');
await redis.close();
await s3.close();
await database.drop();
await rm(dataDir, { recursive: true, force: true });
process.exit(fail ? 1 : 0);
