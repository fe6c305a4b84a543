// Scene forms and the JSON view in the real browser: add an object through the form, edit and break a field,
// undo, pick a material colour, and see JSON syntax and schema errors at their line.
import type { Page } from '@playwright/test';
import { UNDO_COALESCE_MS } from '../src/lib/editor/undo.ts';
import { expect, gotoHydrated, test } from './fixtures.ts';

// The Vite dev server (E2E_DEV=1) may re-optimise dependencies on the first page load and reload it, which the
// fixture would count as console errors: load the editor once outside the tests first.
test.beforeAll(async ({ browser }, testInfo) => {
  const page = await browser.newPage({ baseURL: testInfo.project.use.baseURL });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.goto('/');
      const hydrated = await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 }).then(() => true, () => false);
      if (hydrated) break;
    }
  } finally {
    await page.close();
  }
});

async function sceneJson(page: Page): Promise<Record<string, unknown>> {
  await page.getByRole('tab', { name: 'JSON' }).click();
  const text = await page.getByLabel('Scene file JSON').inputValue();
  await page.getByRole('tab', { name: 'Forms' }).click();
  return JSON.parse(text) as Record<string, unknown>;
}

test('forms: add a sphere, edit its radius, see an invalid radius rejected, undo, pick a colour', async ({ page }, testInfo) => {
  await gotoHydrated(page, '/');
  const objects = page.getByTestId('object-item');
  const before = await objects.count();
  expect(before).toBeGreaterThan(0);

  await page.getByLabel('new object').selectOption('Sphere');
  await page.getByRole('button', { name: 'Add object' }).click();
  await expect(objects).toHaveCount(before + 1);
  const sphere = objects.last();
  const radius = sphere.getByLabel('radius', { exact: true });
  await expect(radius).toBeVisible();
  await expect(radius).toHaveValue('1');

  await radius.fill('2.5');
  let scene = await sceneJson(page);
  expect((scene.objects as Record<string, unknown>[])[before]).toMatchObject({ kind: 'Sphere', radius: 2.5 });

  // Text that is not a number: an error next to the field, the input marked invalid, nothing written.
  await radius.fill('2.5x');
  await expect(radius).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await radius.getAttribute('aria-describedby')) ?? '';
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-parse'));
  expect(errorId).toBeDefined();
  await expect(page.locator(`[id="${errorId}"]`)).toHaveText(/not a number/);
  await expect(sphere.locator('.badge')).toHaveCount(0);
  scene = await sceneJson(page);
  expect((scene.objects as Record<string, unknown>[])[before]).toMatchObject({ radius: 2.5 });

  // A schema error (a missing required field) shows at the field, with the item's error badge. The clearing
  // comes after the undo coalescing window, so it is an undo step of its own.
  await page.waitForTimeout(UNDO_COALESCE_MS + 100);
  await radius.fill('');
  await expect(sphere.getByText('missing required field (a number)')).toBeVisible();
  await expect(sphere.locator('.badge')).toHaveText('1');

  // Ctrl+Z undoes the clearing (the error goes), then the first edit, back to the new sphere's default.
  await radius.press('Control+z');
  await expect(radius).toHaveValue('2.5');
  await expect(radius).toHaveAttribute('aria-invalid', 'false');
  await expect(sphere.locator('.badge')).toHaveCount(0);
  await radius.press('Control+z');
  await expect(radius).toHaveValue('1');
  scene = await sceneJson(page);
  expect((scene.objects as Record<string, unknown>[])[before]).toMatchObject({ radius: 1 });

  // The colour picker of the first shared material's albedo writes {"hex": …}.
  const material = page.getByTestId('material-item').first();
  await material.locator('summary').click();
  await material.getByLabel('color colour picker').fill('#3366cc');
  scene = await sceneJson(page);
  const albedo = (scene.materials as { albedo: { color: unknown } }[])[0].albedo;
  expect(albedo.color).toEqual({ hex: '#3366cc' });
  const shot = testInfo.outputPath('forms.png');
  await page.setViewportSize({ width: 1280, height: 4000 });
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('forms', { path: shot, contentType: 'image/png' });
});

test('JSON view: syntax and schema errors at their line, applied edits reach the forms', async ({ page }, testInfo) => {
  await gotoHydrated(page, '/');
  await page.getByRole('tab', { name: 'JSON' }).click();
  const textarea = page.getByLabel('Scene file JSON');
  const original = await textarea.inputValue();
  expect(JSON.parse(original)).toHaveProperty('render_options');

  await textarea.fill('{\n  "time_0": 0,\n  "time_1": 1,\n  "camera": oops\n}\n');
  const problem = page.locator('.problem');
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveAttribute('data-line', '4');
  await expect(problem).toContainText('line 4, column 13');

  // Valid JSON with a schema error: the message sits at the line of the offending key.
  const scene = JSON.parse(original) as { objects: Record<string, unknown>[] };
  scene.objects[1] = { ...scene.objects[1], kind: 'Sphere', center: [0, 0, 0], radius: 'big' };
  const text = JSON.stringify(scene, null, 2);
  const radiusLine = text.split('\n').findIndex((l) => l.includes('"radius": "big"')) + 1;
  await textarea.fill(text);
  await textarea.blur();
  await expect(page.locator(`.problem[data-line="${radiusLine}"]`)).toContainText('objects[1].radius: expected a number');
  await page.locator('.problem button').first().click();
  await page.screenshot({ path: testInfo.outputPath('json-view.png') });

  // The applied edit is in the forms too, with the error next to the field.
  await page.getByRole('tab', { name: 'Forms' }).click();
  const item = page.getByTestId('object-item').nth(1);
  await item.locator('summary').click();
  await expect(item.getByText('expected a number, got a string ("big")')).toBeVisible();
});

test('forms: a mesh from the library, reordering, and renaming a shared material renames its uses', async ({ page }) => {
  await gotoHydrated(page, '/');
  const objects = page.getByTestId('object-item');
  const count = await objects.count();

  await page.getByLabel('new object').selectOption('STL');
  await page.getByRole('button', { name: 'Add object' }).click();
  const stl = objects.last();
  await expect(stl.getByLabel('path', { exact: true })).toHaveValue('teapot');
  await expect(stl.getByLabel('scale', { exact: true })).toHaveValue('1');
  // Uploading a mesh (POST /api/meshes) selects it as the object's path.
  await stl.locator('input[type=file]').setInputFiles('static/models/prism.stl');
  await expect(stl.getByLabel('path', { exact: true })).toHaveValue(/^upload:[0-9a-f-]{36}$/);
  await expect(stl.getByLabel('path', { exact: true }).locator('option:checked')).toHaveText('prism.stl');

  await stl.getByRole('button', { name: /^Move .* up$/ }).click();
  await expect(objects.nth(count - 1).locator('summary')).toContainText('STL');

  const red = page.getByTestId('material-item').filter({ has: page.locator('summary', { hasText: /^red/ }) });
  await red.locator('summary').click();
  await red.getByLabel('name', { exact: true }).fill('brick');
  await red.getByLabel('name', { exact: true }).press('Enter');
  await page.getByRole('tab', { name: 'JSON' }).click();
  const scene = JSON.parse(await page.getByLabel('Scene file JSON').inputValue()) as {
    objects: { material?: unknown }[];
    materials: { name: string }[];
  };
  expect(scene.materials.map((m) => m.name)).toContain('brick');
  expect(scene.materials.map((m) => m.name)).not.toContain('red');
  expect(scene.objects.filter((o) => o.material === 'brick').length).toBeGreaterThan(0);
  expect(scene.objects.filter((o) => o.material === 'red')).toEqual([]);
  expect(scene.objects[count - 1]).toMatchObject({ kind: 'STL', path: expect.stringMatching(/^upload:/) });

  // An inline material instead of a shared one, then another kind for it.
  await page.getByRole('tab', { name: 'Forms' }).click();
  const moved = objects.nth(count - 1);
  await moved.getByLabel('material', { exact: true }).selectOption({ label: 'inline material…' });
  const inline = moved.locator('.inline-material');
  await expect(inline.getByLabel('material kind', { exact: true })).toHaveValue('Lambertian');
  await inline.getByLabel('material kind', { exact: true }).selectOption('Metal');
  await expect(inline.getByLabel('fuzz', { exact: true })).toHaveValue('0');
  await page.getByRole('tab', { name: 'JSON' }).click();
  const after = JSON.parse(await page.getByLabel('Scene file JSON').inputValue()) as { objects: { material?: unknown }[] };
  expect(after.objects[count - 1].material).toMatchObject({ kind: 'Metal', fuzz: 0 });
});

test('JSON view: an unknown key is a warning at its line with a suggestion, and the scene stays valid', async ({ page }) => {
  await gotoHydrated(page, '/');
  await page.getByRole('tab', { name: 'JSON' }).click();
  const textarea = page.getByLabel('Scene file JSON');
  const scene = JSON.parse(await textarea.inputValue()) as { camera: Record<string, unknown> };
  scene.camera = { ...scene.camera, look_form: [1, 2, 3] };
  const text = JSON.stringify(scene, null, 2);
  const typoLine = text.split('\n').findIndex((l) => l.includes('"look_form"')) + 1;
  await textarea.fill(text);
  await textarea.blur();
  await expect(page.locator(`.warning[data-line="${typoLine}"]`)).toContainText('camera.look_form');
  await expect(page.locator('.warning')).toContainText('did you mean "look_from"?');
  await expect(page.locator('.problem')).toHaveCount(0);
  await expect(page.locator('.json-view [role="status"]')).toContainText('valid scene, 1 warning');
});
