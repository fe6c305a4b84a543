// The toolbar, queue, gallery and viewer end to end: examples, export/import round trip, a real render on the
// in-process worker (lavapipe), the gallery and viewer, delete, save to the server, and the working copy and
// theme across reloads.
import { readFile, writeFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect, gotoHydrated, test } from './fixtures.ts';

const status = (page: Page) => page.locator('.toolbar + .status, p.status[role=status]').first();

async function loadExample(page: Page, name: string) {
  await expect(async () => {
    await page.locator('summary', { hasText: 'Examples' }).click();
    await page.getByRole('list', { name: 'Example scenes' }).getByRole('button', { name, exact: true }).click({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);
}

async function exportJson(page: Page): Promise<{ name: string; json: Record<string, unknown> }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  return { name: (download as Download).suggestedFilename(), json: JSON.parse(await readFile(await download.path(), 'utf8')) };
}

async function importFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import…' }).click()]);
  await chooser.setFiles(file);
}

test('example → export → import round trip → render → queue → gallery → viewer → delete', async ({ page }, testInfo) => {
  await gotoHydrated(page, '/');
  await loadExample(page, 'cornell_classic');
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveAttribute('title', /load example cornell_classic/);

  const exported = await exportJson(page);
  expect(exported.name).toBe('cornell_classic.json');
  expect(exported.json.render_options).toBeTruthy();
  const edited = {
    ...exported.json,
    x_e2e_note: { kept: ['unknown', 'keys'] },
    render_options: { ...(exported.json.render_options as object), width: 48, height: 48, samples: 4, max_depth: 8 }
  };
  const editedPath = testInfo.outputPath('e2e_round_trip.json');
  await writeFile(editedPath, JSON.stringify(edited, null, 2));

  // An invalid file changes nothing and says why.
  await importFile(page, { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"time_0": 0,,}') });
  await expect(status(page)).toContainText(/broken\.json is not a valid scene: invalid JSON at line 1, column \d+/);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('cornell_classic');

  await importFile(page, editedPath);
  await expect(status(page)).toContainText('Opened e2e_round_trip.json');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('e2e_round_trip');
  const again = await exportJson(page);
  expect(again.name).toBe('e2e_round_trip.json');
  expect(again.json).toEqual(edited);

  // Render: the queue shows it queued or running, then done.
  await page.getByRole('button', { name: 'Render', exact: true }).click();
  await expect(status(page)).toContainText('Queued 48×48, 4 spp');
  const job = page.getByRole('listitem', { name: /^e2e_round_trip, / }).first();
  await expect(job).toBeVisible();
  await expect(job).toHaveAttribute('data-status', /queued|running|done/);
  await expect(job).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
  await expect(job).toContainText('48×48 in');
  const viewHref = await job.getByRole('link', { name: 'View result' }).getAttribute('href');
  const id = viewHref?.split('/').pop() ?? '';
  expect(id).toMatch(/^[0-9a-f-]{36}$/);

  // Gallery: first card, thumbnail with scene name and size as alt text.
  await page.getByRole('link', { name: 'Gallery' }).click();
  await expect(page).toHaveURL(/\/renders$/);
  const first = page.getByRole('list', { name: 'Finished renders' }).getByRole('link').first();
  await expect(first).toHaveAttribute('href', `/renders/${id}`);
  const thumb = first.getByRole('img', { name: 'e2e_round_trip, 48×48' });
  await expect(thumb).toBeVisible();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  // Viewer: image and metadata.
  await first.click();
  await expect(page).toHaveURL(new RegExp(`/renders/${id}$`));
  await expect(page.getByRole('heading', { name: 'e2e_round_trip' })).toBeVisible();
  const image = page.getByRole('img', { name: 'e2e_round_trip, 48×48' });
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);
  const fact = (term: string) => page.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  await expect(fact('Scene')).toHaveText('e2e_round_trip');
  await expect(fact('Size')).toHaveText('48 × 48');
  await expect(fact('Samples per pixel')).toHaveText('4');
  await expect(fact('Max depth')).toHaveText('8');
  await expect(fact('Render time')).toHaveText(/\d+ (ms|s)/);
  await expect(fact('Adapter')).toHaveText(/\S/);
  await expect(fact('Sampler')).toHaveText('random');
  await expect(page.getByRole('link', { name: 'Download PNG' })).toHaveAttribute('href', `/api/renders/${id}/image.png`);
  await expect(page.getByRole('link', { name: 'Download EXR' })).toHaveAttribute('href', `/api/renders/${id}/image.exr`);

  // "Open scene in editor" brings back the scene and options it was rendered with.
  await page.getByRole('link', { name: 'Open scene in editor' }).click();
  await expect(status(page)).toContainText('Opened “e2e_round_trip” from its render');
  await expect(page).toHaveURL(/\/$/);
  const reopened = await exportJson(page);
  expect(reopened.json.x_e2e_note).toEqual(edited.x_e2e_note);
  expect(reopened.json.render_options).toMatchObject({ width: 48, height: 48, samples: 4, max_depth: 8 });

  // Delete (confirmed) removes it from the gallery and the API.
  await gotoHydrated(page, `/renders/${id}`);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete…' }).click();
  await expect(page).toHaveURL(/\/renders$/);
  await expect(page.locator(`a[href="/renders/${id}"]`)).toHaveCount(0);
  expect((await page.request.get(`/api/renders/${id}`)).status()).toBe(404);
});

test('save to the server, working copy and theme survive a reload, drop a file to open it', async ({ page }) => {
  await gotoHydrated(page, '/');
  await loadExample(page, 'furnace');
  await page.getByLabel('Name', { exact: true }).fill('e2e saved scene');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(status(page)).toContainText('Saved “e2e saved scene”.');

  await page.getByRole('button', { name: 'Toggle theme' }).click();
  const theme = await page.locator('html').getAttribute('data-theme');
  await page.waitForTimeout(500); // autosave runs 300 ms after the last change
  await page.reload();
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme ?? '');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('e2e saved scene');
  const restored = await exportJson(page);
  expect(restored.name).toBe('e2e saved scene.json');
  const furnace = JSON.parse(await readFile('src/lib/scene/examples/furnace.json', 'utf8'));
  const { render_options: _o, ...scene } = restored.json;
  expect(scene).toEqual(furnace);

  // Drop a scene file anywhere on the page.
  const dropped = JSON.stringify({ ...furnace, x_dropped: 1 });
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped scene.json', { type: 'application/json' }));
    return dt;
  }, dropped);
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(status(page)).toContainText('Opened dropped scene.json');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('dropped scene');

  // "My scenes" lists the saved one and opens it (with its id: Save updates it).
  // (The dev server may reload the page when files change: the menu is retried; the working copy survives.)
  await expect(async () => {
    await page.locator('summary', { hasText: 'My scenes' }).click();
    await page.getByRole('list', { name: 'Saved scenes' }).getByRole('button', { name: /e2e saved scene/ }).click({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('e2e saved scene');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(status(page)).toContainText('Saved “e2e saved scene”.');
  const list = (await (await page.request.get('/api/scenes')).json()) as { items: { id: string; name: string }[] };
  const saved = list.items.filter((s) => s.name === 'e2e saved scene');
  expect(saved).toHaveLength(1);

  // A link to a saved scene opens it, then leaves the working copy's address.
  await loadExample(page, 'smoke');
  await gotoHydrated(page, `/?scene=${saved[0].id}`);
  await expect(status(page)).toContainText('Opened “e2e saved scene”.');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('e2e saved scene');
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveAttribute('title', /open e2e saved scene/);
});

test('a long render shows live progress in the queue and the viewer, and can be cancelled, retried and deleted', async ({ page }) => {
  test.setTimeout(300_000);
  // The owner cookie first: the browser and this test's API requests must be one owner.
  await page.request.get('/api/session');
  await gotoHydrated(page, '/');
  const scene = JSON.parse(await readFile('src/lib/scene/examples/cornell.json', 'utf8'));
  const res = await page.request.post('/api/renders', {
    data: { scene, name: 'e2e long render', options: { width: 96, height: 96, samples: 100_000, max_depth: 8 } }
  });
  expect(res.status()).toBe(202);
  const { id } = (await res.json()) as { id: string };

  // The queue panel follows it live, then cancels and retries it.
  const job = page.getByRole('listitem', { name: /^e2e long render, / }).first();
  await expect(job).toHaveAttribute('data-status', 'running', { timeout: 90_000 });
  const bar = job.getByRole('progressbar', { name: 'Samples rendered' });
  await expect.poll(() => bar.evaluate((p: HTMLProgressElement) => p.value), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(job).toContainText(/\d+ \/ 100000 spp/);
  await job.getByRole('button', { name: 'Cancel' }).click();
  await expect(job).toHaveAttribute('data-status', 'cancelled');
  await job.getByRole('button', { name: 'Retry' }).click();
  await expect(job).toHaveAttribute('data-status', /queued|running/);

  // The viewer shows the retried render's progress moving, and deletes it (running) after confirmation.
  await gotoHydrated(page, `/renders/${id}`);
  await expect(page.getByText('Rendering…')).toBeVisible({ timeout: 60_000 });
  const viewerBar = page.getByRole('progressbar', { name: 'Samples rendered' });
  const before = await viewerBar.evaluate((p: HTMLProgressElement) => p.value);
  await expect.poll(() => viewerBar.evaluate((p: HTMLProgressElement) => p.value), { timeout: 60_000 }).toBeGreaterThan(before);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete…' }).click();
  await expect(page).toHaveURL(/\/renders$/);
  expect((await page.request.get(`/api/renders/${id}`)).status()).toBe(404);
});
