import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { MAX_TRIANGLES } from '../../../src/lib/limits.ts';
import { MeshParseError } from './builder.ts';
import { encodeBinaryStl } from './generate.ts';
import { parseMesh } from './load.ts';
import { parseStl } from './stl.ts';

const TRIANGLE = { positions: new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0]), indices: new Uint32Array([0, 1, 2]) };
const text = (s: string) => new TextEncoder().encode(s);

/** A binary STL whose 80-byte header says `header`, with `count` written in the header (default: the real one). */
function binary(header: string, count?: number, mesh = TRIANGLE): Uint8Array {
  const bytes = encodeBinaryStl(mesh, header);
  if (count !== undefined) new DataView(bytes.buffer).setUint32(80, count, true);
  return bytes;
}

const ASCII_QUAD = `solid quad
  facet normal 0 0 1
    outer loop
      vertex 0 0 0
      vertex 1 0 0
      vertex 1 1 0
    endloop
  endfacet
  facet normal 0 0 1
    outer loop
      vertex 0 0 0
      vertex 1 1 0
      vertex 0 1 0
    endloop
  endfacet
endsolid quad
`;

describe('STL', () => {
  it('reads binary STL (normals ignored, winding kept)', () => {
    const mesh = parseStl(binary('plain header'), 't.stl');
    expect(Array.from(mesh.positions)).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0]);
    expect(Array.from(mesh.indices)).toEqual([0, 1, 2]);
  });

  it('detects a binary STL whose header starts with "solid" by its size', () => {
    const mesh = parseMesh(binary('solid pretending to be ASCII'), 't.stl');
    expect(mesh.indices.length).toBe(3);
  });

  it('reads ASCII STL, with CRLF line ends and any case', () => {
    const mesh = parseMesh(text(ASCII_QUAD.replace(/\n/g, '\r\n').replace('endsolid', 'ENDSOLID')), 'q.stl');
    expect(mesh.indices.length / 3).toBe(2);
    expect(Array.from(mesh.positions.slice(6, 9))).toEqual([1, 1, 0]);
  });

  it('fan-triangulates an ASCII facet with more than three vertices', () => {
    const quad = 'solid q\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 1 1 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid\n';
    const mesh = parseMesh(text(quad), 'q.stl');
    expect(Array.from(mesh.indices)).toEqual([0, 1, 2, 0, 2, 3]);
  });

  it('parses the bundled teapot (9,438 triangles) and prism (8)', () => {
    const teapot = parseMesh(new Uint8Array(readFileSync(new URL('../../../static/models/teapot.stl', import.meta.url))), 'teapot.stl');
    const prism = parseMesh(new Uint8Array(readFileSync(new URL('../../../static/models/prism.stl', import.meta.url))), 'prism.stl');
    expect(teapot.indices.length / 3).toBe(9438);
    expect(prism.indices.length / 3).toBe(8);
  });

  describe('rejects hostile or broken files with a message', () => {
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['a 2 GB triangle count claim', binary('x', 40_000_000), /claims 40,000,000 triangles, more than the limit/],
      ['a count just over the limit', binary('x', MAX_TRIANGLES + 1), /more than the limit/],
      ['a count larger than the data', binary('x', 1000), /claims 1,000 triangles .*truncated/],
      ['a zero count', binary('x', 0), /no triangles/],
      ['a truncated binary file with a "solid" header', binary('solid x', 3).subarray(0, 100), /binary STL: .*truncated/],
      ['a NaN vertex', (() => { const b = binary('x'); new DataView(b.buffer).setFloat32(84 + 12 + 4, NaN, true); return b; })(), /not finite/],
      ['an infinite vertex', (() => { const b = binary('x'); new DataView(b.buffer).setFloat32(84 + 12, Infinity, true); return b; })(), /not finite/],
      ['a header shorter than 84 bytes', new Uint8Array(40), /shorter than the 84-byte header/],
      ['ASCII with a NaN coordinate', text(ASCII_QUAD.replace('vertex 1 1 0', 'vertex nan 1 0')), /line 6: vertex .* not finite/],
      ['ASCII vertex with two coordinates', text(ASCII_QUAD.replace('vertex 1 1 0', 'vertex 1 1')), /needs 3 coordinates/],
      ['ASCII truncated inside a facet', text(ASCII_QUAD.slice(0, ASCII_QUAD.indexOf('vertex 1 1 0'))), /ends inside a facet \(truncated\?\)/],
      ['ASCII facet with two vertices', text('solid a\nfacet\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nendloop\nendfacet\nendsolid\n'), /at least 3 vertices/],
      ['ASCII garbage', text('solid a\nhello world\n'), /unexpected "hello"/],
      ['ASCII with no facets', text('solid empty\nendsolid empty\n'), /no triangles/]
    ];
    for (const [name, bytes, message] of cases) {
      it(name, () => {
        expect(() => parseMesh(bytes, 'bad.stl')).toThrow(MeshParseError);
        expect(() => parseMesh(bytes, 'bad.stl')).toThrow(message);
      });
    }
  });
});
