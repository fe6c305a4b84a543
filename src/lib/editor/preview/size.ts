// Film sizes of the live preview: the longest side is the chosen quality, or the canvas' width in device pixels
// when that is smaller, with the aspect of the render options; while the camera moves, a quarter of each side.

export const QUALITIES = [128, 256, 512, 1024] as const;
export type Quality = (typeof QUALITIES)[number];

/** Side divisor of the passes rendered while the camera moves. */
export const MOVING_DIVISOR = 4;

export interface FilmSize {
  readonly width: number;
  readonly height: number;
}

export interface PreviewSizes {
  readonly full: FilmSize;
  readonly moving: FilmSize;
}

/** `available`: the display width in device pixels (0 when not laid out yet: no cap). */
export function previewSize(aspect: number, quality: number, available: number): PreviewSizes {
  const a = Number.isFinite(aspect) && aspect > 0 ? aspect : 1;
  // The width is what the panel limits; the height follows the aspect.
  const maxWidth = available > 0 ? Math.min(available, a >= 1 ? quality : quality * a) : a >= 1 ? quality : quality * a;
  const width = Math.max(1, Math.round(maxWidth));
  const height = Math.max(1, Math.round(width / a));
  const full = { width, height };
  const moving = { width: Math.max(1, Math.round(width / MOVING_DIVISOR)), height: Math.max(1, Math.round(height / MOVING_DIVISOR)) };
  return { full, moving };
}
