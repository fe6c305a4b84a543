// The Environment section of the editor in the real browser: choose an Hdri environment with the bundled studio
// map, turn it with the rotation slider and by Alt+dragging in the live preview (WebGPU on SwiftShader), and see
// each change in the scene JSON while the preview keeps rendering; then switch to a Sky and remove it again.
import type { Locator, Page } from '@playwright/test';
import { warmUp } from './preview-helpers.ts';
import { expect, gotoHydrated, test } from './fixtures.ts';

test.beforeAll(async ({ browser }, testInfo) => warmUp(browser, testInfo));

async function sceneJson(page: Page): Promise<Record<string, unknown>> {
  await page.getByRole('tab', { name: 'JSON' }).click();
  const text = await page.getByLabel('Scene file JSON').inputValue();
  await page.getByRole('tab', { name: 'Forms' }).click();
  return JSON.parse(text) as Record<string, unknown>;
}

async function environmentOf(page: Page): Promise<Record<string, unknown> | undefined> {
  return (await sceneJson(page)).environment as Record<string, unknown> | undefined;
}

/** The preview renders the scene as it is now: a new session's samples, no failure panel. */
async function expectRendering(preview: Locator): Promise<void> {
  await expect(preview.getByRole('alert')).toHaveCount(0);
  await expect.poll(async () => Number(await preview.getAttribute('data-samples')), { timeout: 180_000 }).toBeGreaterThanOrEqual(1);
  await expect(preview).toHaveAttribute('data-state', /^(rendering|converged)$/);
  await expect(preview.getByRole('alert')).toHaveCount(0);
}

test('environment: pick the bundled studio map, turn it by slider and by Alt+drag, the preview keeps rendering', async ({ page }) => {
  await gotoHydrated(page, '/');
  const preview = page.locator('.live-preview');
  await expect(preview).toHaveAttribute('data-backend', 'gpu', { timeout: 60_000 });
  await page.getByLabel('Preview quality').selectOption('128');
  const section = page.getByTestId('environment-section');

  await section.getByLabel('environment kind').selectOption('Hdri');
  const map = section.getByLabel('path', { exact: true });
  await expect(map.locator('option[value="studio"]')).toHaveCount(1);
  await map.selectOption('studio');
  expect(await environmentOf(page)).toEqual({ kind: 'Hdri', path: 'studio', intensity: 1, rotation: 0 });
  await expect(preview.getByTestId('environment-hint')).toContainText('Alt+drag');
  await expectRendering(preview);

  // The rotation slider writes environment.rotation; the preview restarts with it and keeps rendering.
  await section.getByLabel('rotation slider').fill('90');
  await expect(section.getByLabel('rotation', { exact: true })).toHaveValue('90');
  expect(await environmentOf(page)).toMatchObject({ kind: 'Hdri', path: 'studio', rotation: 90 });
  await expectRendering(preview);

  // Alt+drag sideways on the canvas turns the map with the pointer (one undo step, written on release).
  const canvas = preview.locator('canvas');
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.down('Alt');
  await page.mouse.down();
  for (let i = 1; i <= 5; i++) await page.mouse.move(box.x + box.width / 2 + i * 10, box.y + box.height / 2);
  await page.mouse.up();
  await page.keyboard.up('Alt');
  const turned = (await environmentOf(page))?.rotation;
  expect(typeof turned === 'number' && turned < 90 && turned > -180).toBe(true);
  await expect(section.getByLabel('rotation', { exact: true })).toHaveValue(String(turned));
  await expectRendering(preview);

  // A Sky keeps the intensity; its sun sliders write a direction above the horizon. Removing it restores the
  // background colour.
  await section.getByLabel('environment kind').selectOption('Sky');
  await section.getByLabel('sun elevation').fill('30');
  const sky = await environmentOf(page);
  expect(sky).toMatchObject({ kind: 'Sky', intensity: 1, turbidity: 3 });
  const [, y] = sky?.sun_direction as number[];
  expect(y).toBeCloseTo(0.5, 3);
  await expectRendering(preview);
  await section.getByLabel('environment kind').selectOption('');
  expect(await environmentOf(page)).toBeUndefined();
});
