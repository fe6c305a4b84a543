// Generator matrices of the first four Sobol dimensions (Joe & Kuo 2008 direction numbers; dimension 0 is the
// van der Corput sequence). Column b of dimension d is the value XORed in when bit b of the index is set. The
// shader reads them column by column as vec4u (all four dimensions at once), from the frame uniforms.

/** Joe–Kuo parameters (degree s, polynomial coefficients a, initial m) of Sobol dimensions 2..4. */
const JOE_KUO: ReadonlyArray<{ s: number; a: number; m: readonly number[] }> = [
  { s: 1, a: 0, m: [1] },
  { s: 2, a: 1, m: [1, 3] },
  { s: 3, a: 1, m: [1, 3, 1] }
];

export const SOBOL_DIMENSIONS = 4;
export const SOBOL_BITS = 32;

function directionNumbers(s: number, a: number, m: readonly number[]): number[] {
  const v: number[] = [0];
  for (let i = 1; i <= SOBOL_BITS; i++) {
    if (i <= s) {
      v.push((m[i - 1] << (SOBOL_BITS - i)) >>> 0);
      continue;
    }
    let x = (v[i - s] ^ (v[i - s] >>> s)) >>> 0;
    for (let k = 1; k < s; k++) if ((a >>> (s - 1 - k)) & 1) x = (x ^ v[i - k]) >>> 0;
    v.push(x);
  }
  return v.slice(1);
}

/** columns[b][d]: the generator column of dimension d for index bit b. */
export function sobolColumns(): number[][] {
  const dims = [
    Array.from({ length: SOBOL_BITS }, (_, b) => (1 << (SOBOL_BITS - 1 - b)) >>> 0),
    ...JOE_KUO.map(({ s, a, m }) => directionNumbers(s, a, m))
  ];
  return Array.from({ length: SOBOL_BITS }, (_, b) => dims.map((d) => d[b]));
}

/** The unscrambled Sobol point `index` in dimension `dim`, as a 32-bit fixed-point value (host reference). */
export function sobolSample(index: number, dim: number): number {
  const columns = sobolColumns();
  let x = 0;
  for (let b = 0; index !== 0; b++, index >>>= 1) if (index & 1) x = (x ^ columns[b][dim]) >>> 0;
  return x;
}
