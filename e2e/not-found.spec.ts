// Unknown pages are the app's 404 page (status 404, the way home), the old clovers-service paths redirect, and
// every response of the production server carries the security headers: pages, API, errors and static files
// (which adapter-node serves without going through hooks.server.ts).
import type { APIResponse } from '@playwright/test';
import { expect, test } from './fixtures.ts';

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  expect(headers['content-security-policy'], what).toContain("default-src 'self'");
  expect(headers['content-security-policy'], what).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['referrer-policy'], what).toBe('same-origin');
}

test('an unknown page is the 404 page with a way home', async ({ page, problems }) => {
  problems.allow(/status of 404/);
  for (const path of ['/no/such/page', '/render/not-a-uuid', '/renders/x/y']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  }
  await page.getByRole('link', { name: 'Back to the editor' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('the old service paths redirect to their new homes', async ({ page, request }) => {
  const old = await request.get('/queue', { maxRedirects: 0 });
  expect(old.status()).toBe(301);
  expect(old.headers()['location']).toBe('/renders');
  await page.goto('/queue');
  await expect(page).toHaveURL(/\/renders$/);
});

test('pages, API answers, errors and static files carry the security headers', async ({ request }) => {
  const page = await request.get('/');
  const html = await page.text();
  const script = /\/_app\/immutable\/[^"']+\.js/.exec(html)?.[0];
  expect(script, 'a bundled script in the page').toBeTruthy();
  const responses: Array<[string, APIResponse]> = [
    ['page', page],
    ['404 page', await request.get('/no/such/page')],
    ['API', await request.get('/api/health')],
    ['API 404', await request.get('/api/no/such/thing')],
    ['static file', await request.get('/favicon.svg')],
    ['robots.txt', await request.get('/robots.txt')],
    ['bundled script', await request.get(script!)]
  ];
  for (const [what, response] of responses) expectSecurityHeaders(response.headers(), what);
  expect(responses[4][1].status()).toBe(200);
  expect(await responses[3][1].json()).toEqual({ error: 'no API route /api/no/such/thing', details: null });
  // The page's policy carries the nonce of its inline scripts.
  expect(page.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
});

test('HEAD of the event stream answers at once with its headers', async ({ request }) => {
  const head = await request.head('/api/events', { timeout: 5_000 });
  expect(head.status()).toBe(200);
  expect(head.headers()['content-type']).toContain('text/event-stream');
});
