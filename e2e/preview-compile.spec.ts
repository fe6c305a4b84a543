// The live preview while the path tracer's kernel compiles (seconds on SwiftShader): the same scene in the normals
// view with a "compiling" status first, then the path-traced image, after a page load and after an edit that needs
// a new kernel variant; an edit made while compiling is what the path tracer then shows. Order, not speed, is
// asserted (e2e/preview-startup-timings.spec.ts measures the times).
import type { Page } from '@playwright/test';
import { expect, gotoHydrated, nextFrames, test } from './fixtures.ts';
import { walls } from './preview-helpers.ts';

interface Hooks {
  editor: { set(path: (string | number)[], value: unknown): void };
}

/** What the panel showed, in order: its view and state attributes and the compiling status, at each change. */
interface Shown {
  readonly view: string | null;
  readonly state: string | null;
  readonly status: string | null;
}

/** Records every change of the preview panel's view and state from the page's start (before hydration). */
async function recordPanel(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shown: Shown[] = [];
    (window as unknown as { __shown: Shown[] }).__shown = shown;
    new MutationObserver(() => {
      const panel = document.querySelector('.live-preview');
      if (!panel) return;
      const entry = {
        view: panel.getAttribute('data-view'),
        state: panel.getAttribute('data-state'),
        status: panel.querySelector('[data-testid="preview-compiling"]')?.textContent?.trim() ?? null
      };
      const last = shown.at(-1);
      if (!last || last.view !== entry.view || last.state !== entry.state || last.status !== entry.status) shown.push(entry);
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-view', 'data-state'] });
  });
}

const shownSoFar = (page: Page) => page.evaluate(() => (window as unknown as { __shown: Shown[] }).__shown.slice());
const clearShown = (page: Page) => page.evaluate(() => void ((window as unknown as { __shown: Shown[] }).__shown.length = 0));

/** Index of the first entry matching, from `from` on; -1 when none. */
function indexOf(shown: readonly Shown[], match: (s: Shown) => boolean, from = 0): number {
  const i = shown.slice(from).findIndex(match);
  return i < 0 ? -1 : i + from;
}

const standIn = (s: Shown) => s.view === 'normal-map' && s.state === 'compiling' && /Compiling the path tracer/.test(s.status ?? '');
const pathTraced = (s: Shown) => s.view === 'path-tracing' && (s.state === 'rendering' || s.state === 'converged') && s.status === null;

async function waitForPathTracing(page: Page, minSamples: number): Promise<void> {
  const preview = page.locator('.live-preview');
  await expect(preview).toHaveAttribute('data-view', 'path-tracing', { timeout: 120_000 });
  await expect.poll(async () => Number(await preview.getAttribute('data-samples')), { timeout: 120_000 }).toBeGreaterThanOrEqual(minSamples);
}

test('after a page load the normals stand in while the path tracer compiles, then the path-traced image', async ({ page }) => {
  await recordPanel(page);
  await gotoHydrated(page, '/?debug-hooks');
  const preview = page.locator('.live-preview');
  await expect(preview).toHaveAttribute('data-backend', 'gpu', { timeout: 60_000 });
  await waitForPathTracing(page, 2);
  await expect(preview.getByTestId('preview-compiling')).toHaveCount(0);
  await expect(preview.getByTestId('preview-samples')).toContainText(/\d+\/64 spp/);

  const shown = await shownSoFar(page);
  const normals = indexOf(shown, standIn);
  expect(normals, `the normals stood in before the path tracer: ${JSON.stringify(shown)}`).toBeGreaterThanOrEqual(0);
  expect(indexOf(shown, pathTraced, normals), JSON.stringify(shown)).toBeGreaterThan(normals);
  // Nothing path-traced before the stand-in, and before it only "Compiling shaders…" (no samples to show yet).
  expect(shown.slice(0, normals).some((s) => s.view === 'path-tracing')).toBe(false);
  expect(shown.slice(0, normals).filter((s) => s.state === 'compiling').every((s) => s.status === 'Compiling shaders…')).toBe(true);

  // The image is the path-traced Cornell box: the green wall on the left, the red on the right.
  await nextFrames(page);
  const { left, right } = await walls(preview.locator('canvas'));
  expect(left[1]).toBeGreaterThan(left[0] + 10);
  expect(right[0]).toBeGreaterThan(right[1] + 10);
});

test('an edit that needs a new kernel shows the normals meanwhile, and an edit while compiling is what the path tracer shows', async ({ page }) => {
  await recordPanel(page);
  await gotoHydrated(page, '/?debug-hooks');
  await waitForPathTracing(page, 1);
  await clearShown(page);

  const set = (path: (string | number)[], value: unknown) =>
    page.evaluate(([p, v]) => (window as unknown as { __cloversPreview: Hooks }).__cloversPreview.editor.set(p, v), [path, value] as const);
  // Metal white walls: a feature the Cornell box's kernel does not have, so a new kernel variant compiles...
  await set(['materials', 1], { name: 'white', kind: 'Metal', albedo: { kind: 'SolidColor', color: [0.73, 0.73, 0.73] }, fuzz: 0.3 });
  const preview = page.locator('.live-preview');
  await expect(preview).toHaveAttribute('data-view', 'normal-map', { timeout: 60_000 });
  // ...and while it does (the normals standing in), the green wall turns blue (the same variant).
  await set(['materials', 2, 'albedo', 'color'], [0.05, 0.05, 0.65]);
  await waitForPathTracing(page, 2);

  const shown = await shownSoFar(page);
  const normals = indexOf(shown, standIn);
  expect(normals, JSON.stringify(shown)).toBeGreaterThanOrEqual(0);
  expect(indexOf(shown, pathTraced, normals), JSON.stringify(shown)).toBeGreaterThan(normals);
  // Back to path tracing once: no path-traced image of the scene between the two edits came in between.
  const switches = shown.slice(normals).filter((s, i, all) => s.view === 'path-tracing' && all[i - 1]?.view !== 'path-tracing');
  expect(switches, JSON.stringify(shown)).toHaveLength(1);

  // The path-traced image has the second edit: the left wall is blue now.
  await nextFrames(page);
  const { left } = await walls(preview.locator('canvas'));
  expect(left[2]).toBeGreaterThan(left[1] + 10);
});
