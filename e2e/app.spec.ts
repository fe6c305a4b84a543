import { expect, gotoHydrated, test } from './fixtures.ts';

test('the app shell hydrates, navigates and remembers the theme', async ({ page }) => {
  await gotoHydrated(page, '/');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const html = page.locator('html');
  const before = await html.getAttribute('data-theme');
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  const after = before === 'dark' ? 'light' : 'dark';
  await expect(html).toHaveAttribute('data-theme', after);
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', after);
  await page.getByRole('link', { name: 'Renders' }).click();
  await expect(page).toHaveURL(/\/renders$/);
});

for (const [label, width, height] of [['phone', 390, 844], ['wide screen', 2200, 1000]] as const) {
  test(`every page fits a ${label} (${width} px) without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    for (const path of ['/', '/renders', '/dev/shaders']) {
      await gotoHydrated(page, path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} is wider than the viewport`).toBeLessThanOrEqual(0);
    }
  });
}
