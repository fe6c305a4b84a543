// Pixel statistics of the Cornell box example as the preview shows it (canvas or image element).
import type { Locator } from '@playwright/test';
import { meanColor } from './fixtures.ts';

export type Rgb = [number, number, number];

/** Left and right edges of the image at mid height (the Cornell box's side walls). */
export async function walls(canvas: Locator): Promise<{ left: Rgb; right: Rgb; centre: Rgb; png: Buffer }> {
  const png = await canvas.screenshot();
  const box = (await canvas.boundingBox())!;
  const [w, h] = [Math.round(box.width), Math.round(box.height)];
  const band = (x0: number, x1: number) => meanColor(png, { x: Math.round(w * x0), y: Math.round(h * 0.3), w: Math.round(w * (x1 - x0)), h: Math.round(h * 0.4) });
  return { left: band(0.02, 0.15), right: band(0.85, 0.98), centre: band(0.4, 0.6), png };
}

