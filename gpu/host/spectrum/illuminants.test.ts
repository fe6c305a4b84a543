import { describe, expect, it } from 'vitest';
import {
  ILLUMINANT_NAMES,
  ILLUMINANT_TABLE_LENGTH,
  illuminantEval,
  illuminantTable,
  packIlluminants
} from './illuminants.ts';

const mean380to779 = (t: Float32Array): number => t.subarray(0, 400).reduce((a, b) => a + b, 0) / 400;

describe('CIE illuminant tables', () => {
  it('has 401 entries (380..780 nm) for each of the 38 texture kinds', () => {
    expect(ILLUMINANT_NAMES).toHaveLength(38);
    for (const name of ILLUMINANT_NAMES) {
      const t = illuminantTable(name);
      expect(t).toHaveLength(ILLUMINANT_TABLE_LENGTH);
      expect(t.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
      expect(mean380to779(t)).toBeGreaterThan(0);
    }
  });

  it('keeps the stored scale: D65 = 100 at 560 nm, means ≈ 88 (D65) and ≈ 86 (D50)', () => {
    const d65 = illuminantTable('IlluminantD65');
    expect(d65[560 - 380]).toBeCloseTo(100, 4);
    expect(d65[0]).toBeCloseTo(49.9755, 3); // the CSV's 380 nm row, not its 300 nm row
    expect(Math.abs(mean380to779(d65) - 88)).toBeLessThan(1);
    expect(Math.abs(mean380to779(illuminantTable('IlluminantD50')) - 86)).toBeLessThan(1);
    expect(illuminantTable('IlluminantD50')[560 - 380]).toBeCloseTo(100, 1);
  });

  it('reads the FL and LED columns in the CSV order', () => {
    expect(illuminantTable('IlluminantFL1')[0]).toBeCloseTo(1.87, 5);
    expect(illuminantTable('IlluminantFL12')[0]).toBeCloseTo(0.96, 5);
    expect(illuminantTable('IlluminantFL3_1')[0]).toBeCloseTo(2.39, 5);
    expect(illuminantTable('IlluminantFL3_15')[0]).toBeCloseTo(300, 4);
    expect(illuminantTable('IlluminantLedB1')[0]).toBeCloseTo(0.00274889500126459, 8);
    expect(illuminantTable('IlluminantLedV2')[0]).toBeCloseTo(0.0130887918150576, 8);
    // Spec §1.6: FL3.x means 10–361, FL3_15 the largest; LED means ≈ 7–11.
    expect(mean380to779(illuminantTable('IlluminantFL3_15'))).toBeGreaterThan(300);
    for (const n of ['B1', 'B5', 'BH1', 'RGB1', 'V1', 'V2']) {
      const m = mean380to779(illuminantTable(`IlluminantLed${n}`));
      expect(m).toBeGreaterThan(6);
      expect(m).toBeLessThan(12);
    }
  });

  it('interpolates linearly and is 0 outside 380..780 nm', () => {
    const t = illuminantTable('IlluminantD65');
    expect(illuminantEval(t, 560)).toBeCloseTo(100, 4);
    expect(illuminantEval(t, 560.25)).toBeCloseTo(0.75 * t[180] + 0.25 * t[181], 4);
    expect(illuminantEval(t, 780)).toBeCloseTo(t[400], 6);
    expect(illuminantEval(t, 379.9)).toBe(0);
    expect(illuminantEval(t, 780.1)).toBe(0);
  });

  it('packs only the used tables, each once, and rejects unknown names', () => {
    const packed = packIlluminants(['IlluminantD50', 'IlluminantFL3_15', 'IlluminantD50']);
    expect(packed.data).toHaveLength(2 * ILLUMINANT_TABLE_LENGTH);
    expect(packed.offsetOf.get('IlluminantD50')).toBe(0);
    expect(packed.offsetOf.get('IlluminantFL3_15')).toBe(ILLUMINANT_TABLE_LENGTH);
    expect(packed.data[ILLUMINANT_TABLE_LENGTH]).toBeCloseTo(300, 4);
    expect(packIlluminants([]).data).toHaveLength(ILLUMINANT_TABLE_LENGTH);
    expect(() => illuminantTable('IlluminantD75')).toThrow(/unknown illuminant/);
  });
});
