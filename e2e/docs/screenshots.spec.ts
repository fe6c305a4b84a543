// Screenshots for the README (docs/screenshots/), taken from the built app: `npm run docs:screenshots`.
// Not part of the test suite (playwright.config.ts only matches e2e/docs with SCREENSHOTS=1).
import { expect, gotoHydrated, nextFrames, test } from '../fixtures.ts';
import type { Page } from '@playwright/test';

const OUT = 'docs/screenshots';

async function waitForSamples(page: Page, samples: number): Promise<void> {
  await expect
    .poll(async () => Number(await page.locator('.live-preview').getAttribute('data-samples')), { timeout: 240_000 })
    .toBeGreaterThanOrEqual(samples);
  await nextFrames(page);
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  if ((await page.locator('html').getAttribute('data-theme')) !== theme) await page.getByRole('button', { name: 'Toggle theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

test('editor, preview, queue and gallery screenshots', async ({ page }) => {
  test.setTimeout(900_000);
  await page.setViewportSize({ width: 1500, height: 950 });
  await gotoHydrated(page, '/');
  await setTheme(page, 'light');
  await waitForSamples(page, 64);
  await page.screenshot({ path: `${OUT}/editor-light.png` });
  await page.locator('section[aria-label="Preview"]').screenshot({ path: `${OUT}/preview.png` });

  await setTheme(page, 'dark');
  await nextFrames(page);
  await page.screenshot({ path: `${OUT}/editor-dark.png` });

  // A small render through the queue, then the queue panel and the gallery.
  await page.getByRole('button', { name: /^Render/ }).click();
  await expect(page.locator('li.job[data-status="done"]').first()).toBeVisible({ timeout: 300_000 });
  await page.locator('section[aria-label="Render queue"]').screenshot({ path: `${OUT}/queue.png` });
  await gotoHydrated(page, '/renders');
  await expect(page.locator('img').first()).toBeVisible();
  await page.screenshot({ path: `${OUT}/gallery.png` });
  await setTheme(page, 'light');
});
