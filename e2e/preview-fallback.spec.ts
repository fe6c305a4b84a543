// The live preview without WebGPU (Chromium launched with WebGPU disabled): the panel says so and shows server
// previews, rendered by the in-process worker on lavapipe, with the Cornell box's walls on the right sides.
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { expect, gotoHydrated, test } from './fixtures.ts';
import { walls, warmUp } from './preview-helpers.ts';

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu'), '--disable-features=WebGPU']
  }
});

test.beforeAll(async ({ browser }, testInfo) => warmUp(browser, testInfo));

test('the panel says so and shows a server preview rendered by the worker', async ({ page }) => {
  await gotoHydrated(page, '/');
  const preview = page.locator('.live-preview');
  await expect(preview).toHaveAttribute('data-backend', 'server', { timeout: 60_000 });
  await expect(preview).toContainText('WebGPU is not available');
  const quality = page.getByLabel('Preview quality');
  await quality.selectOption('128');
  await expect(quality).toHaveValue('128');
  const image = preview.getByTestId('server-preview');
  await expect(image).toBeVisible({ timeout: 120_000 });
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(128);
  await expect(preview).toContainText('16 spp · 128×128 (server)');
  const { left, right } = await walls(image);
  expect(left[1]).toBeGreaterThan(left[0]);
  expect(right[0]).toBeGreaterThan(right[1]);
});
