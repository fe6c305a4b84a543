// CI-sized fuzz run: ~300 generated bad and odd requests (the generator of `npm run fuzz:api`, fixed seed) through
// the app on PGlite, Redis and s3rver; no answer may be ≥ 500. The full run (3,000+) is `npm run fuzz:api -- --start`.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startApp, type TestApp } from './support/app.ts';
import { describeResult, prepareFuzzContext, runFuzz, type FuzzResult } from './support/fuzz-client.ts';
import { FuzzGenerator, loadExampleScenes } from './support/fuzz-requests.ts';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 11);
// Small limits keep the over-the-limit bodies cheap; the checks are the same as with the defaults.
const MAX_BODY_BYTES = 256 * 1024;
const MAX_MESH_BYTES = 512 * 1024;

/**
 * 500s of Vite's dev server itself, before the app runs: its middleware decodes the path with decodeURI (a
 * malformed escape such as %ZZ throws) and its request conversion refuses TRACE/TRACK. The production server
 * (adapter-node, `npm run fuzz:api -- --start`) answers both with 400; the app's handlers never see them.
 */
function devServerOnly(r: FuzzResult): boolean {
  if (/HTTP method is unsupported/.test(r.body)) return true;
  const pathOnly = r.request.path.split('?')[0];
  try {
    decodeURI(pathOnly);
    return false;
  } catch {
    return !r.body.trimStart().startsWith('{');
  }
}

let app: TestApp;
beforeAll(async () => {
  app = await startApp({ database: 'pglite', env: { MAX_BODY_BYTES: String(MAX_BODY_BYTES), MAX_MESH_BYTES: String(MAX_MESH_BYTES) } });
});
afterAll(async () => {
  await app?.close();
});

describe('API fuzz', () => {
  it(`answers ${REQUESTS} generated bad requests (seed ${SEED}) without any status ≥ 500`, async () => {
    const scenes = loadExampleScenes(resolve(import.meta.dirname, '../..'));
    const ctx = await prepareFuzzContext(app.baseUrl, scenes, { maxBodyBytes: MAX_BODY_BYTES, maxMeshBytes: MAX_MESH_BYTES, adminToken: ADMIN_TOKEN });
    const requests = new FuzzGenerator(SEED, ctx).take(REQUESTS);
    const summary = await runFuzz(app.baseUrl, requests, { concurrency: 4, timeoutMs: 30_000 });
    const errors = summary.serverErrors.filter((r) => !devServerOnly(r));
    const failures = errors.map(describeResult).join('\n');
    expect(errors.length, `responses ≥ 500 (reproduce with FUZZ_SEED=${SEED}):\n${failures}`).toBe(0);
    // Every request that sent what it announced got an answer (the server did not hang or drop it).
    const unanswered = summary.noAnswer.filter((r) => r.request.body.kind === 'bytes' || r.request.body.kind === 'none');
    expect(unanswered.length, unanswered.map(describeResult).join('\n')).toBeLessThanOrEqual(Math.ceil(REQUESTS / 100));
    const health = await fetch(`${app.baseUrl}/api/health`);
    expect(health.status).toBe(200);
  }, 600_000);
});
