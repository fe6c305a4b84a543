import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient, startApp, type TestApp } from './support/app.ts';

let app: TestApp;
beforeAll(async () => {
  const t = Date.now();
  app = await startApp({ database: 'pglite' });
  console.log('start', Date.now() - t);
});
afterAll(async () => app?.close());

it('health', async () => {
  const t = Date.now();
  const c = new ApiClient(app.baseUrl);
  const r = await c.json('GET', '/api/health');
  console.log(Date.now() - t, r);
  const r2 = await c.json('GET', '/api/nope');
  console.log(r2);
  expect(r.status).toBe(200);
});
