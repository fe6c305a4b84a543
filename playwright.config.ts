// End-to-end tests: the built app (or, with E2E_DEV=1, the Vite dev server) with its private Redis and an
// in-process render worker on lavapipe, driven in Debian's Chromium with WebGPU on SwiftShader.
// `npm run build && npx playwright test` (scripts/test.sh does both). E2E_PORT picks the port (default 4319).
import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = Number(process.env.E2E_PORT ?? 4319);
const dev = process.env.E2E_DEV === '1';
const dataDir = join(tmpdir(), `clovers-e2e-${port}`);

/** WebGPU on SwiftShader with a canvas that shows in screenshots, and no network (../shared notes). */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-angle=swiftshader',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic'
];

export default defineConfig({
  testDir: 'e2e',
  // e2e/docs holds the README screenshots (`npm run docs:screenshots`), not tests.
  testMatch: '**/*.spec.ts',
  // Screenshots for the docs and measurements (e2e/bench: PREVIEW_TIMINGS=<rounds>) run only when asked for.
  testIgnore: [...(process.env.SCREENSHOTS === '1' ? [] : ['**/docs/**']), ...(process.env.PREVIEW_TIMINGS ? [] : ['**/bench/**'])],
  outputDir: 'test-results/e2e',
  // SwiftShader shares 2 cores with the worker: one browser at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e/report.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    viewport: { width: 1280, height: 900 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure'
  },
  webServer: {
    command: `rm -rf '${dataDir}' && mkdir -p '${dataDir}' && bash scripts/start.sh${dev ? ' --dev' : ''}`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ORIGIN: `http://127.0.0.1:${port}` },
    // SIGTERM, not SIGKILL: scripts/start.sh then stops the worker and its private Redis (started in its own session).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 }
  }
});
