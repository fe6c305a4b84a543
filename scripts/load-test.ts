// Bounded loopback load test of a running service (`npm start`, or web + workers): N clients each take a
// session, open the SSE stream, submit tiny renders and wait for each one's 'render.done' event.
// Prints throughput, submit and end-to-end latency percentiles, and errors. Refuses non-loopback URLs.
//   npm run load-test -- [--url http://127.0.0.1:3000] [--clients 50] [--renders 1] [--timeout 180]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    clients: { type: 'string', default: '50' },
    renders: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '180' }
  }
});
const base = new URL(values.url);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) {
  console.error(`load-test: ${base.hostname} is not a loopback address; this script only loads a local service`);
  process.exit(2);
}
const clients = Math.min(200, Math.max(1, Number(values.clients)));
const rendersPerClient = Math.min(10, Math.max(1, Number(values.renders)));
const timeoutMs = Math.min(600, Math.max(5, Number(values.timeout))) * 1000;

const scene = JSON.parse(readFileSync(new URL('../test/fixtures/reference/scenes/cornell_classic.json', import.meta.url), 'utf8')) as unknown;
const options = { width: 8, height: 8, samples: 1, max_depth: 2, seed: 1 };

interface Outcome {
  submitMs: number[];
  doneMs: number[];
  errors: string[];
}

async function client(index: number, outcome: Outcome, deadline: AbortSignal): Promise<void> {
  const session = await fetch(new URL('/api/session', base));
  if (!session.ok) throw new Error(`session: HTTP ${session.status}`);
  const { token } = (await session.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  const stream = await fetch(new URL('/api/events', base), { headers: { ...auth, accept: 'text/event-stream' }, signal: deadline });
  if (!stream.ok || !stream.body) throw new Error(`events: HTTP ${stream.status}`);
  // A tiny render can finish before its POST's response is read: remember outcomes until they are claimed.
  const ended = new Map<string, { ok: boolean; at: number }>();
  const waiting = new Map<string, (ok: boolean, at: number) => void>();
  const settle = (id: string, ok: boolean) => {
    const at = performance.now();
    const waiter = waiting.get(id);
    if (waiter) waiter(ok, at);
    else ended.set(id, { ok, at });
  };
  const reader = stream.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.split('\n').find((line) => line.startsWith('data: '));
        if (!data) continue;
        const event = JSON.parse(data.slice(6)) as { type: string; renderId?: string; error?: string; willRetry?: boolean };
        if (!event.renderId) continue;
        if (process.env.LOAD_TEST_DEBUG) console.log(index, event.type, event.renderId, event.error ?? "");
        if (event.type === 'render.done') settle(event.renderId, true);
        if (event.type === 'render.failed' && !event.willRetry) settle(event.renderId, false);
      }
    }
  })();
  const jobs: Promise<void>[] = [];
  for (let r = 0; r < rendersPerClient; r++) {
    const t0 = performance.now();
    const res = await fetch(new URL('/api/renders', base), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ scene, options: { ...options, seed: index * 100 + r } })
    });
    outcome.submitMs.push(performance.now() - t0);
    if (res.status !== 202) {
      outcome.errors.push(`client ${index}: POST HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
      continue;
    }
    const { id } = (await res.json()) as { id: string };
    jobs.push(
      new Promise<void>((resolve) => {
        const finish = (ok: boolean, at: number, why = 'failed') => {
          waiting.delete(id);
          if (ok) outcome.doneMs.push(at - t0);
          else outcome.errors.push(`client ${index}: render ${id} ${why}`);
          resolve();
        };
        const early = ended.get(id);
        if (early) return finish(early.ok, early.at);
        waiting.set(id, finish);
        deadline.addEventListener('abort', () => waiting.has(id) && finish(false, 0, 'timed out'), { once: true });
      })
    );
  }
  await Promise.all(jobs);
  await reader.cancel().catch(() => undefined);
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const outcome: Outcome = { submitMs: [], doneMs: [], errors: [] };
const deadline = AbortSignal.timeout(timeoutMs);
const started = performance.now();
const results = await Promise.allSettled(Array.from({ length: clients }, (_, i) => client(i, outcome, deadline)));
for (const r of results) if (r.status === 'rejected') outcome.errors.push(String((r.reason as Error).message ?? r.reason));
const wallS = (performance.now() - started) / 1000;
const total = clients * rendersPerClient;
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
console.log(`load test: ${clients} clients × ${rendersPerClient} renders (8×8, 1 spp) against ${base.origin}`);
console.log(`  completed ${outcome.doneMs.length}/${total} in ${wallS.toFixed(1)} s: ${(outcome.doneMs.length / wallS).toFixed(2)} renders/s`);
console.log(`  POST /api/renders latency: p50 ${fmt(percentile(outcome.submitMs, 50))}, p99 ${fmt(percentile(outcome.submitMs, 99))}`);
console.log(`  submit → render.done over SSE: p50 ${fmt(percentile(outcome.doneMs, 50))}, p99 ${fmt(percentile(outcome.doneMs, 99))}`);
console.log(`  errors: ${outcome.errors.length}`);
for (const e of outcome.errors.slice(0, 10)) console.log(`    ${e}`);
process.exit(outcome.errors.length === 0 ? 0 : 1);
