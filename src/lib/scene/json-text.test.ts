import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from './json-text.ts';

describe('findJsonSyntaxError', () => {
  it('accepts valid JSON', () => {
    for (const text of ['{}', '[]', ' 1 ', '"a\\u00e9\\n"', '{"a": [1, -2.5e3, true, false, null, {"b": {}}]}', '\n[\n]\n']) {
      expect(findJsonSyntaxError(text), text).toBeUndefined();
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });
  const cases: [string, number, number, RegExp][] = [
    ['', 1, 1, /end of input/],
    ['{"a": 1,}', 1, 9, /property name/],
    ['[1, 2,]', 1, 7, /expected a value/],
    ['{"a" 1}', 1, 6, /expected ':'/],
    ['{\n  "a": tru\n}', 2, 8, /expected a value/],
    ['[1 2]', 1, 4, /expected ',' or '\]'/],
    ['{"a": "x\ny"}', 1, 9, /control character/],
    ['{"a": "\\x"}', 1, 8, /invalid escape/],
    ['{"a": 1} x', 1, 10, /after the JSON value/],
    ['{"a": [1, 2}', 1, 12, /expected ',' or '\]'/],
    ['{"a": "open', 1, 12, /unterminated string/],
    ["{'a': 1}", 1, 2, /double quotes/],
    ['[01]', 1, 3, /expected ','/]
  ];
  for (const [text, line, column, message] of cases) {
    it(`locates the error in ${JSON.stringify(text)}`, () => {
      expect(() => JSON.parse(text)).toThrow();
      const error = findJsonSyntaxError(text);
      expect(error).toMatchObject({ line, column });
      expect(error?.message).toMatch(message);
    });
  }
  it('handles deep nesting without recursion', () => {
    expect(findJsonSyntaxError('['.repeat(200_000) + ']'.repeat(200_000))).toBeUndefined();
    expect(findJsonSyntaxError('['.repeat(200_000))?.message).toMatch(/end of input/);
  });
});
