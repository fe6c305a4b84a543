// Measures (asserts nothing about speed): how long the live preview takes from navigation to its first image of
// any kind and to its first path-traced image, with the start-up phases the preview marks on the performance
// timeline (`clovers.preview.*`, gpu-preview.ts). Each round launches a fresh Chromium (a cold GPU process: no
// adapter set up, no pipeline cached) and then reloads the page in it (a second visit). Off in the normal suite:
// `npm run build && PREVIEW_TIMINGS=3 npx playwright test e2e/bench/preview-startup-timings.spec.ts`.
import { chromium, type Page } from '@playwright/test';
import { expect, test } from '../fixtures.ts';

const ROUNDS = Math.max(1, Number(process.env.PREVIEW_TIMINGS ?? 1));

/** First occurrence of each mark, ms since navigation start. */
type Timeline = Record<string, number>;


/** Loads the editor with `navigate` and returns its timeline once the first path-traced image was presented. */
async function timeline(page: Page, navigate: () => Promise<unknown>): Promise<Timeline> {
  await navigate();
  await expect
    .poll(() => page.evaluate(() => performance.getEntriesByName('clovers.preview.present:path-tracing').length), { timeout: 120_000, intervals: [250] })
    .toBeGreaterThan(0);
  return page.evaluate(() => {
    const marks: Record<string, number> = {};
    for (const m of performance.getEntriesByType('mark')) marks[m.name.replace('clovers.preview.', '')] ??= Math.round(m.startTime);
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { DOMContentLoaded: Math.round(nav.domContentLoadedEventEnd), ...marks };
  });
}

function table(title: string, rounds: readonly Timeline[]): string {
  const names = [...new Set(rounds.flatMap((r) => Object.keys(r)))].sort((a, b) => (rounds[0][a] ?? Infinity) - (rounds[0][b] ?? Infinity));
  const row = (label: string, values: readonly number[]) => `${label.padEnd(34)} ${values.map((v) => String(v).padStart(6)).join(' ')}`;
  const firstAny = rounds.map((r) => Math.min(...Object.entries(r).filter(([n]) => n.startsWith('present:')).map(([, t]) => t)));
  return [
    row(`${title}: ms after navigation`, rounds.map((_, i) => i + 1)),
    ...names.map((n) => row(n, rounds.map((r) => r[n] ?? NaN))),
    row('=> first image of any kind', firstAny),
    row('=> first path-traced image', rounds.map((r) => r['present:path-tracing']))
  ].join('\n');
}

test('preview start-up timeline', async ({ baseURL }, testInfo) => {
  test.setTimeout(ROUNDS * 300_000);
  const cold: Timeline[] = [];
  const reload: Timeline[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const browser = await chromium.launch(testInfo.project.use.launchOptions);
    try {
      const page = await browser.newPage({ baseURL, viewport: { width: 1280, height: 900 } });
      // Hydration as a mark too: the root layout sets data-hydrated in onMount.
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (document.documentElement?.dataset.hydrated === undefined) return;
          performance.mark('clovers.preview.hydrated');
          observer.disconnect();
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
      });
      cold.push(await timeline(page, () => page.goto('/')));
      reload.push(await timeline(page, () => page.reload()));
    } finally {
      await browser.close();
    }
  }
  const report = `${table('new browser', cold)}\n\n${table('reload', reload)}`;
  console.log(report);
  testInfo.annotations.push({ type: 'preview start-up', description: report });
});
