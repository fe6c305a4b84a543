// The shader harness page in Chromium (WebGPU on SwiftShader): every WGSL module compiles, reflection shows a
// kernel's bindings and struct layout, and every kernel-suite case (the ones vitest runs on lavapipe) passes,
// although SwiftShader's sin/cos use most of the error WGSL allows (1.9e-4 of 4.9e-4): the kernels are written
// for the spec's bound, and no case may report "unsupported".
import { test, expect, gotoHydrated } from './fixtures.ts';

test('the shader harness compiles every module and passes the kernels on SwiftShader', async ({ page }) => {
  // About 50 cases, several with 500 000-sample chi-square tests, on a software GPU sharing 2 cores (~40 s alone).
  test.setTimeout(480_000);
  await gotoHydrated(page, '/dev/shaders');
  await page.locator('[data-harness][data-hydrated]').waitFor({ state: 'attached' });
  await expect(page.locator('[data-adapter]')).toContainText(/\S/);

  await page.locator('[data-check-phase="done"]').waitFor({ timeout: 120_000 });
  const modules = page.locator('li[data-module]');
  const moduleCount = await modules.count();
  expect(moduleCount).toBeGreaterThan(40);
  const failing = await page.locator('li[data-module][data-status="error"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-module')));
  expect(failing, 'modules with compile errors').toEqual([]);
  await expect(page.locator('li[data-module][data-status="ok"]')).toHaveCount(moduleCount);

  // Reflection (wgsl_reflect in the browser build): the BVH test kernel's bindings and the node layout.
  const bvh = page.locator('li[data-module="tests/bvh_test"]');
  await bvh.locator('summary').click();
  await expect(bvh.getByRole('table', { name: 'Bindings' })).toContainText('bvh_nodes');
  const node = bvh.getByRole('table', { name: /BvhNode — 112 bytes/ });
  await expect(node.getByRole('row', { name: /child vec4(u|<u32>) 96 16/ })).toBeVisible();

  await page.locator('[data-run-kernels]').click();
  await page.locator('[data-run-phase="done"]').waitFor({ timeout: 420_000 });
  const rows = await page.locator('tr[data-case]').evaluateAll((els) =>
    els.map((e) => ({ id: e.getAttribute('data-case'), status: e.getAttribute('data-status'), message: e.querySelector('pre')?.textContent ?? '' }))
  );
  expect(rows.length).toBeGreaterThan(45);
  expect(rows.filter((r) => r.status !== 'pass'), 'kernel cases that did not pass').toEqual([]);
});
