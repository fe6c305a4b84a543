import { describe, expect, it } from 'vitest';
import { locateJsonPath, parseIssuePath } from './json-locator.ts';

const TEXT = `{
  "camera": {"look_from": [0, 1, 2], "aperture": 0},
  "objects": [
    {"kind": "Sphere", "center": [0, 0, 0], "radius": 1},
    {
      "kind": "Quad",
      "q": [0, "x", 0],
      "odd \\"key\\"": {"a]": [1, {"b": 2}]}
    }
  ]
}
`;

describe('JSON path locator', () => {
  it('parses issue paths', () => {
    expect(parseIssuePath('objects[2].radius')).toEqual(['objects', 2, 'radius']);
    expect(parseIssuePath('a["odd key"][0].b')).toEqual(['a', 'odd key', 0, 'b']);
    expect(parseIssuePath('')).toEqual([]);
  });

  it('finds keys and elements at their line', () => {
    expect(locateJsonPath(TEXT, [])).toMatchObject({ line: 1, column: 1, exact: true });
    expect(locateJsonPath(TEXT, ['camera', 'aperture'])).toMatchObject({ line: 2, column: 38, exact: true });
    expect(locateJsonPath(TEXT, ['objects', 0, 'radius'])).toMatchObject({ line: 4, exact: true });
    expect(locateJsonPath(TEXT, ['objects', 1, 'kind'])).toMatchObject({ line: 6, column: 7, exact: true });
    expect(locateJsonPath(TEXT, ['objects', 1, 'q', 1])).toMatchObject({ line: 7, column: 16, exact: true });
    expect(locateJsonPath(TEXT, ['objects', 1, 'odd "key"', 'a]', 1, 'b'])).toMatchObject({ line: 8, exact: true });
  });

  it('falls back to the deepest existing ancestor for a missing path', () => {
    expect(locateJsonPath(TEXT, ['objects', 1, 'u'])).toMatchObject({ line: 5, exact: false });
    expect(locateJsonPath(TEXT, ['objects', 7, 'radius'])).toMatchObject({ line: 3, exact: false });
    expect(locateJsonPath(TEXT, ['camera', 'aperture', 0])).toMatchObject({ line: 2, exact: false });
  });
});
