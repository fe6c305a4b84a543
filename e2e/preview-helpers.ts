// Helpers of the preview specs: pixel statistics of the Cornell box example as the preview shows it (canvas or
// image element), and a warm-up visit for the dev server.
import type { Browser, Locator, TestInfo } from '@playwright/test';
import { meanColor } from './fixtures.ts';

/**
 * Visits the editor once outside the tests: the Vite dev server optimises newly seen dependencies on a first
 * visit and then reloads the page, which would reset the tests' settings and can abort SvelteKit's start.
 */
export async function warmUp(browser: Browser, testInfo: TestInfo): Promise<void> {
  const page = await browser.newPage({ baseURL: testInfo.project.use.baseURL });
  try {
    // A visit during re-optimisation fails to load ("504 Outdated Optimize Dep"): visit again.
    for (let attempt = 1; ; attempt++) {
      try {
        await page.goto('/');
        await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 });
        // The preview has loaded every module it needs (the GPU host code) once it chose a backend.
        await page.locator('.live-preview:not([data-backend="starting"])').waitFor({ timeout: 60_000 });
        return;
      } catch (error) {
        if (attempt >= 4) throw error;
      }
    }
  } finally {
    await page.close();
  }
}

export type Rgb = [number, number, number];

/** Left and right edges of the image at mid height (the Cornell box's side walls). */
export async function walls(canvas: Locator): Promise<{ left: Rgb; right: Rgb; centre: Rgb; png: Buffer }> {
  const png = await canvas.screenshot();
  const box = (await canvas.boundingBox())!;
  const [w, h] = [Math.round(box.width), Math.round(box.height)];
  const band = (x0: number, x1: number) => meanColor(png, { x: Math.round(w * x0), y: Math.round(h * 0.3), w: Math.round(w * (x1 - x0)), h: Math.round(h * 0.4) });
  return { left: band(0.02, 0.15), right: band(0.85, 0.98), centre: band(0.4, 0.6), png };
}

