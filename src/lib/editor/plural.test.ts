import { describe, expect, it } from 'vitest';
import { countOf } from './plural.ts';

describe('countOf', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(countOf(1, 'render')).toBe('1 render');
    expect(countOf(0, 'render')).toBe('0 renders');
    expect(countOf(2, 'render')).toBe('2 renders');
    expect(countOf(1.5, 'sample')).toBe('1.5 samples');
    expect(countOf(21, 'error')).toBe('21 errors');
  });

  it('takes an irregular plural', () => {
    expect(countOf(1, 'match', 'matches')).toBe('1 match');
    expect(countOf(3, 'match', 'matches')).toBe('3 matches');
  });
});
