// Shared Playwright fixtures: pages that fail their test on any console error or uncaught exception (the editor
// promises "no console errors"), and navigation that waits for SvelteKit's hydration (clicks before it are lost).
import { test as base, expect, type Page } from '@playwright/test';
import { PNG } from 'pngjs';

/** Console noise that is the browser's, not the app's. */
const IGNORED_CONSOLE = [
  /Failed to load resource: the server responded with a status of 404.*favicon/i,
  // SwiftShader adapters print these when a device is created with larger limits than the defaults.
  /maxDynamic\w+BuffersPerPipelineLayout/i
];

export interface PageProblems {
  readonly messages: string[];
  /** Stop failing on messages matching this (e.g. a test that provokes a shader error on purpose). */
  allow(pattern: RegExp): void;
}

export const test = base.extend<{ problems: PageProblems }>({
  problems: [
    async ({ page }, use) => {
      const allowed = [...IGNORED_CONSOLE];
      const messages: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const text = msg.text();
        if (!allowed.some((re) => re.test(text))) messages.push(`console.error: ${text}`);
      });
      page.on('pageerror', (err) => messages.push(`uncaught: ${err.message}`));
      await use({ messages, allow: (pattern) => allowed.push(pattern) });
      expect(messages, 'console errors or uncaught exceptions on the page').toEqual([]);
    },
    { auto: true }
  ]
});

export { expect };

/** Opens a page of the app and waits until Svelte has hydrated it (the root layout sets data-hydrated). */
export async function gotoHydrated(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 });
}

/** Waits for two animation frames (a WebGPU canvas shows a submitted frame only after them). */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/** Mean RGB (0–255) of a region of a PNG screenshot; the whole image when no region is given. */
export function meanColor(png: Buffer, region?: { x: number; y: number; w: number; h: number }): [number, number, number] {
  const image = PNG.sync.read(png);
  const r = region ?? { x: 0, y: 0, w: image.width, h: image.height };
  const sum = [0, 0, 0];
  for (let y = r.y; y < r.y + r.h; y++) {
    for (let x = r.x; x < r.x + r.w; x++) {
      const i = (y * image.width + x) * 4;
      sum[0] += image.data[i];
      sum[1] += image.data[i + 1];
      sum[2] += image.data[i + 2];
    }
  }
  const n = r.w * r.h;
  return [sum[0] / n, sum[1] / n, sum[2] / n];
}
