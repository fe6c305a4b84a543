// sRGB transfer curves and hex parsing (IEC 61966-2-1). The curves are deliberately unclamped: legacy
// scene colours above 1 mean "gain", so [4,4,4] decodes to ≈25.31 as in the reference engine.

/** Non-linear (gamma-encoded) sRGB component → linear. */
export function srgbDecode(c: number): number {
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

/** Linear sRGB component → non-linear (gamma-encoded). Negative values stay on the linear segment. */
export function srgbEncode(c: number): number {
  return c <= 0.0031308 ? c * 12.92 : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
}

/** Thrown by `parseHex` for a malformed string; the scene schema turns it into an issue on the field. */
export class HexColorError extends Error {
  override readonly name = 'HexColorError';
  constructor(readonly input: string) {
    super(`invalid hex colour ${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)}: expected #rrggbb, rrggbb, #rgb or rgb`);
  }
}

/** The accepted hex syntax, also published in the scene's JSON Schema. */
export const HEX_PATTERN = '^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$';
const HEX = new RegExp(HEX_PATTERN);

/** `#rrggbb`, `rrggbb`, `#rgb` or `rgb` → non-linear sRGB in [0,1]. A short digit counts ×17, as in CSS. */
export function parseHex(text: string): [number, number, number] {
  const digits = HEX.exec(text)?.[1];
  if (digits === undefined) throw new HexColorError(text);
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  const byte = (i: number): number => parseInt(full.slice(2 * i, 2 * i + 2), 16) / 255;
  return [byte(0), byte(1), byte(2)];
}

/** Linear sRGB → `#rrggbb` (clamped to 8 bits); handy for editors and swatches. */
export function toHex(rgb: readonly [number, number, number]): string {
  const byte = (c: number): string => Math.round(Math.min(1, Math.max(0, c)) * 255).toString(16).padStart(2, '0');
  return `#${rgb.map((c) => byte(srgbEncode(c))).join('')}`;
}
