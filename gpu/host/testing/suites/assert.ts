// The assertions of the kernel suites: a small subset of vitest's `expect` with the same meaning (Object.is
// equality, recursive toEqual, toBeCloseTo's |a − b| < 10^−digits / 2), written here so that the same cases run
// in vitest and in the browser's shader harness page. A failure throws AssertionError with both values.

export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

const MAX_SHOWN = 12;

/** Short printable form of a value (long arrays are cut, -0 and NaN kept). */
export function show(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    const shown = items.slice(0, MAX_SHOWN).map(show).join(', ');
    return `[${shown}${items.length > MAX_SHOWN ? `, … (${items.length} items)` : ''}]`;
  }
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value && typeof value === 'object') {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${show(v)}`)
      .join(', ')} }`;
  }
  return String(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aList = Array.isArray(a) || ArrayBuffer.isView(a);
  const bList = Array.isArray(b) || ArrayBuffer.isView(b);
  if (aList !== bList) return false;
  if (aList) {
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!deepEqual(x[i], y[i])) return false;
    return true;
  }
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export interface Expectation {
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toBeLessThan(bound: number): void;
  toBeLessThanOrEqual(bound: number): void;
  toBeGreaterThan(bound: number): void;
  toBeGreaterThanOrEqual(bound: number): void;
  /** |actual − expected| < 10^−digits / 2 (vitest's rule; equal infinities pass). */
  toBeCloseTo(expected: number, digits?: number): void;
  toBeInstanceOf(type: abstract new (...args: never[]) => unknown): void;
  toContain(part: string): void;
  toMatch(pattern: RegExp): void;
  readonly not: Pick<Expectation, 'toBe' | 'toEqual'>;
}

/** `expect(actual, label)`: the label names the quantity in the failure message. */
export function expect(actual: unknown, label?: string): Expectation {
  const fail = (relation: string): never => {
    throw new AssertionError(`${label ? `${label}: ` : ''}expected ${show(actual)} ${relation}`);
  };
  const num = (relation: string): number => {
    if (typeof actual !== 'number') fail(`to be a number to compare (${relation})`);
    return actual as number;
  };
  return {
    toBe(expected) {
      if (!Object.is(actual, expected)) fail(`to be ${show(expected)}`);
    },
    toEqual(expected) {
      if (!deepEqual(actual, expected)) fail(`to equal ${show(expected)}`);
    },
    toBeLessThan(bound) {
      if (!(num('<') < bound)) fail(`to be less than ${show(bound)}`);
    },
    toBeLessThanOrEqual(bound) {
      if (!(num('<=') <= bound)) fail(`to be less than or equal to ${show(bound)}`);
    },
    toBeGreaterThan(bound) {
      if (!(num('>') > bound)) fail(`to be greater than ${show(bound)}`);
    },
    toBeGreaterThanOrEqual(bound) {
      if (!(num('>=') >= bound)) fail(`to be greater than or equal to ${show(bound)}`);
    },
    toBeCloseTo(expected, digits = 2) {
      const a = num('close to');
      if (a === Infinity && expected === Infinity) return;
      if (a === -Infinity && expected === -Infinity) return;
      if (!(Math.abs(expected - a) < 10 ** -digits / 2)) fail(`to be close to ${show(expected)} (${digits} digits)`);
    },
    toBeInstanceOf(type) {
      if (!(actual instanceof type)) fail(`to be an instance of ${type.name}`);
    },
    toContain(part) {
      if (typeof actual !== 'string' || !actual.includes(part)) fail(`to contain ${show(part)}`);
    },
    toMatch(pattern) {
      if (typeof actual !== 'string' || !pattern.test(actual)) fail(`to match ${show(pattern)}`);
    },
    not: {
      toBe(expected) {
        if (Object.is(actual, expected)) fail(`not to be ${show(expected)}`);
      },
      toEqual(expected) {
        if (deepEqual(actual, expected)) fail(`not to equal ${show(expected)}`);
      }
    }
  };
}
