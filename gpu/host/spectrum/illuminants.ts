// CIE illuminant spectra (cie/README.md credits the datasets) as 1-nm tables over 380..780 nm inclusive,
// values as stored (D65 = 100 at 560 nm), and the packer that puts the tables a scene uses into one storage
// buffer for gpu/shaders/spectrum/illuminant.wgsl.
import d50Csv from './cie/CIE_std_illum_D50.csv';
import d65Csv from './cie/CIE_std_illum_D65.csv';
import flCsv from './cie/CIE_illum_FLs_1nm.csv';
import ledCsv from './cie/CIE_illum_LEDs_1nm.csv';

/** First wavelength of every table, nm. */
export const ILLUMINANT_LAMBDA_MIN = 380;
/** Entries per table: 380..780 nm inclusive at 1 nm. */
export const ILLUMINANT_TABLE_LENGTH = 401;

const FL_NAMES = [
  ...Array.from({ length: 12 }, (_, i) => `IlluminantFL${i + 1}`),
  ...Array.from({ length: 15 }, (_, i) => `IlluminantFL3_${i + 1}`)
];
const LED_NAMES = ['B1', 'B2', 'B3', 'B4', 'B5', 'BH1', 'RGB1', 'V1', 'V2'].map((n) => `IlluminantLed${n}`);

/** Texture kind names of the illuminants, in the column order of their CSV files. */
export const ILLUMINANT_NAMES = ['IlluminantD50', 'IlluminantD65', ...LED_NAMES, ...FL_NAMES] as const;
export type IlluminantName = (typeof ILLUMINANT_NAMES)[number];

const SOURCES: readonly { readonly csv: string; readonly names: readonly string[] }[] = [
  { csv: d50Csv, names: ['IlluminantD50'] },
  { csv: d65Csv, names: ['IlluminantD65'] },
  { csv: ledCsv, names: LED_NAMES },
  { csv: flCsv, names: FL_NAMES }
];

/** Parses "λ, v1, v2, …" rows into one 1-nm table per column over 380..780. */
function parseColumns(csv: string, names: readonly string[]): Map<string, Float32Array> {
  const tables = names.map(() => new Float32Array(ILLUMINANT_TABLE_LENGTH));
  const seen = new Uint8Array(ILLUMINANT_TABLE_LENGTH);
  for (const line of csv.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const cells = line.split(',').map(Number);
    const i = cells[0] - ILLUMINANT_LAMBDA_MIN;
    if (!Number.isInteger(i) || i < 0 || i >= ILLUMINANT_TABLE_LENGTH) continue;
    if (cells.length !== names.length + 1 || cells.some((c) => !Number.isFinite(c))) {
      throw new Error(`illuminant table ${names[0]}…: malformed row "${line.slice(0, 60)}"`);
    }
    names.forEach((_, k) => (tables[k][i] = cells[k + 1]));
    seen[i] = 1;
  }
  if (seen.includes(0)) throw new Error(`illuminant table ${names[0]}…: does not cover 380..780 nm`);
  return new Map(names.map((n, k) => [n, tables[k]]));
}

let tables: Map<string, Float32Array> | undefined;

function allTables(): Map<string, Float32Array> {
  if (!tables) {
    tables = new Map();
    for (const { csv, names } of SOURCES) for (const [n, t] of parseColumns(csv, names)) tables.set(n, t);
  }
  return tables;
}

export function isIlluminantName(name: string): name is IlluminantName {
  return (ILLUMINANT_NAMES as readonly string[]).includes(name);
}

/** The 401-entry table (380..780 nm) of an illuminant texture kind; a copy, so callers may scale it. */
export function illuminantTable(name: string): Float32Array {
  const table = allTables().get(name);
  if (!table) throw new Error(`unknown illuminant "${name}"`);
  return table.slice();
}

/** Host twin of illuminant_eval: linear interpolation in the 1-nm table, 0 outside 380..780 nm. */
export function illuminantEval(table: Float32Array, lambda: number): number {
  const x = lambda - ILLUMINANT_LAMBDA_MIN;
  if (!(x >= 0 && x <= ILLUMINANT_TABLE_LENGTH - 1)) return 0;
  const i0 = Math.min(Math.floor(x), ILLUMINANT_TABLE_LENGTH - 2);
  const f = x - i0;
  return table[i0] * (1 - f) + table[i0 + 1] * f;
}

export interface PackedIlluminants {
  /** The used tables back to back, ILLUMINANT_TABLE_LENGTH floats each. */
  readonly data: Float32Array;
  /** Element offset of each illuminant's table in `data` (the `offset` argument of illuminant_eval). */
  readonly offsetOf: Map<string, number>;
}

/** Packs the tables of the named illuminants (each once, in first-use order) for a GPU storage buffer. */
export function packIlluminants(names: readonly string[]): PackedIlluminants {
  const unique = [...new Set(names)];
  // A storage binding may not be empty: an unused scene still gets one zero table.
  const data = new Float32Array(Math.max(1, unique.length) * ILLUMINANT_TABLE_LENGTH);
  const offsetOf = new Map<string, number>();
  unique.forEach((name, k) => {
    const offset = k * ILLUMINANT_TABLE_LENGTH;
    data.set(illuminantTable(name), offset);
    offsetOf.set(name, offset);
  });
  return { data, offsetOf };
}
