import { describe, expect, it } from 'vitest';
import { MeshParseError } from './builder.ts';
import { parseMesh } from './load.ts';

type Format = 'ascii' | 'binary_little_endian' | 'binary_big_endian';
type Prop = { name: string; type: string; list?: string };
type Row = Array<number | number[]>;

const SIZE: Record<string, number> = { char: 1, uchar: 1, short: 2, ushort: 2, int: 4, uint: 4, float: 4, double: 8, int8: 1, uint8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, float32: 4, float64: 8 };
const SETTER: Record<string, string> = { char: 'setInt8', uchar: 'setUint8', short: 'setInt16', ushort: 'setUint16', int: 'setInt32', uint: 'setUint32', float: 'setFloat32', double: 'setFloat64' };
const CANONICAL: Record<string, string> = { int8: 'char', uint8: 'uchar', int16: 'short', uint16: 'ushort', int32: 'int', uint32: 'uint', float32: 'float', float64: 'double' };

/** Writes a PLY file with the given elements (rows in property order); `counts` overrides header counts. */
function ply(format: Format, elements: Array<{ name: string; props: Prop[]; rows: Row[]; count?: number }>, extraHeader = ''): Uint8Array {
  const header = ['ply', `format ${format} 1.0`, 'comment written by ply.test.ts'];
  if (extraHeader) header.push(extraHeader);
  for (const e of elements) {
    header.push(`element ${e.name} ${e.count ?? e.rows.length}`);
    for (const p of e.props) header.push(p.list ? `property list ${p.list} ${p.type} ${p.name}` : `property ${p.type} ${p.name}`);
  }
  header.push('end_header', '');
  const head = new TextEncoder().encode(header.join('\n'));
  if (format === 'ascii') {
    const body = elements.flatMap((e) => e.rows.map((r) => r.map((v) => (Array.isArray(v) ? [v.length, ...v].join(' ') : String(v))).join(' '))).join('\n') + '\n';
    return concat(head, new TextEncoder().encode(body));
  }
  const little = format === 'binary_little_endian';
  const chunks: number[] = [];
  const view = new DataView(new ArrayBuffer(8));
  const put = (type: string, v: number) => {
    const t = CANONICAL[type] ?? type;
    (view as unknown as Record<string, (o: number, v: number, l: boolean) => void>)[SETTER[t]](0, v, little);
    for (let i = 0; i < SIZE[t]; i++) chunks.push(view.getUint8(i));
  };
  for (const e of elements) {
    for (const row of e.rows) {
      row.forEach((v, i) => {
        const p = e.props[i];
        if (Array.isArray(v)) {
          put(p.list!, v.length);
          v.forEach((x) => put(p.type, x));
        } else put(p.type, v);
      });
    }
  }
  return concat(head, new Uint8Array(chunks));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const XYZ = (type: string): Prop[] => ['x', 'y', 'z'].map((name) => ({ name, type }));
const SQUARE: Row[] = [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0]];
const FACES = (rows: number[][], list = 'uchar', type = 'int'): { name: string; props: Prop[]; rows: Row[] } => ({
  name: 'face',
  props: [{ name: 'vertex_indices', type, list }],
  rows: rows.map((r) => [r])
});

describe('PLY', () => {
  const formats: Format[] = ['ascii', 'binary_little_endian', 'binary_big_endian'];
  for (const format of formats) {
    for (const type of ['char', 'uchar', 'short', 'ushort', 'int', 'uint', 'float', 'double', 'float32', 'uint8']) {
      it(`${format}: vertex coordinates of type ${type}`, () => {
        const mesh = parseMesh(ply(format, [{ name: 'vertex', props: XYZ(type), rows: SQUARE }, FACES([[0, 1, 2]])]), 'v.ply');
        expect(Array.from(mesh.positions)).toEqual(SQUARE.flat());
        expect(Array.from(mesh.indices)).toEqual([0, 1, 2]);
      });
    }
    for (const [list, type] of [['uchar', 'int'], ['ushort', 'uint'], ['int', 'int'], ['uint8', 'uint32'], ['char', 'short'], ['uchar', 'ushort']]) {
      it(`${format}: face list ${list} count, ${type} indices; quads fan-triangulated`, () => {
        const mesh = parseMesh(ply(format, [{ name: 'vertex', props: XYZ('float'), rows: SQUARE }, FACES([[0, 1, 2, 3]], list, type)]), 'f.ply');
        expect(Array.from(mesh.indices)).toEqual([0, 1, 2, 0, 2, 3]);
      });
    }
  }

  it('reads properties in any order, skips unknown properties, lists and elements, and faces before vertices', () => {
    const file = ply('binary_big_endian', [
      { name: 'material', props: [{ name: 'name_bytes', type: 'uchar', list: 'uchar' }, { name: 'shine', type: 'double' }], rows: [[[1, 2, 3], 0.5]] },
      {
        name: 'face',
        props: [{ name: 'flags', type: 'uchar' }, { name: 'texcoord', type: 'float', list: 'uchar' }, { name: 'vertex_indices', type: 'uint', list: 'ushort' }, { name: 'quality', type: 'double' }],
        rows: [[7, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [0, 1, 2, 3, 4], 1.5]]
      },
      {
        name: 'vertex',
        props: [{ name: 'confidence', type: 'float' }, { name: 'z', type: 'double' }, { name: 'nx', type: 'float' }, { name: 'y', type: 'short' }, { name: 'x', type: 'uint' }],
        rows: [[1, 0, 0, 0, 0], [1, 0, 0, 0, 2], [1, 0, 0, 1, 2], [1, 0, 0, 2, 1], [1, 5, 0, 1, 0]]
      }
    ]);
    const mesh = parseMesh(file, 'odd.ply');
    expect(Array.from(mesh.positions)).toEqual([0, 0, 0, 2, 0, 0, 2, 1, 0, 1, 2, 0, 0, 1, 5]);
    expect(Array.from(mesh.indices)).toEqual([0, 1, 2, 0, 2, 3, 0, 3, 4]);
  });

  it('accepts the vertex_index spelling and a file without a final newline (ASCII)', () => {
    const bytes = ply('ascii', [{ name: 'vertex', props: XYZ('float'), rows: SQUARE }, { name: 'face', props: [{ name: 'vertex_index', type: 'int', list: 'uchar' }], rows: [[[3, 2, 1]]] }]);
    const mesh = parseMesh(bytes.subarray(0, bytes.length - 1), 'a.ply');
    expect(Array.from(mesh.indices)).toEqual([3, 2, 1]);
  });

  it('sniffs PLY content whatever the extension', () => {
    const mesh = parseMesh(ply('ascii', [{ name: 'vertex', props: XYZ('float'), rows: SQUARE }, FACES([[0, 1, 2]])]), 'upload-1234');
    expect(mesh.indices.length).toBe(3);
  });

  describe('rejects hostile or broken files with a message', () => {
    const vertices = { name: 'vertex', props: XYZ('float'), rows: SQUARE };
    const good = (format: Format) => ply(format, [vertices, FACES([[0, 1, 2]])]);
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['a 2 GB vertex count claim', ply('binary_little_endian', [{ ...vertices, count: 2_000_000_000 }, FACES([[0, 1, 2]])]), /claims 2,000,000,000 vertices, more than the limit/],
      ['a face count larger than the data', ply('binary_little_endian', [vertices, { ...FACES([[0, 1, 2]]), count: 1_000_000 }]), /need at least \d+ bytes of data but the file has \d+/],
      ['an ASCII vertex count larger than the data', ply('ascii', [{ ...vertices, count: 100_000 }, FACES([[0, 1, 2]])]), /need at least/],
      ['a huge element count that is not a safe integer', ply('ascii', [{ ...vertices, count: 1e20 }, FACES([[0, 1, 2]])]), /too large|more than the limit/],
      ['truncated binary data', good('binary_little_endian').subarray(0, good('binary_little_endian').length - 3), /ends early \(truncated\?\)|need at least/],
      ['truncated ASCII data', (() => { const b = good('ascii'); return b.subarray(0, b.length - 6); })(), /ends early \(truncated\?\)/],
      ['an out-of-range index', ply('binary_little_endian', [vertices, FACES([[0, 1, 4]])]), /vertex index 4 is out of range \(4 vertices\)/],
      ['a negative index', ply('ascii', [vertices, FACES([[0, -1, 2]])]), /vertex index -1 is not a non-negative integer/],
      ['a NaN vertex (binary)', ply('binary_little_endian', [{ ...vertices, rows: [[0, NaN, 0], ...SQUARE.slice(1)] }, FACES([[0, 1, 2]])]), /not finite/],
      ['an infinite vertex (ASCII)', new TextEncoder().encode(new TextDecoder().decode(good('ascii')).replace('1 1 0', 'inf 1 0')), /"inf" is not a valid number/],
      ['a double vertex outside the f32 range', ply('binary_little_endian', [{ name: 'vertex', props: XYZ('double'), rows: [[1e300, 0, 0], ...SQUARE.slice(1)] }, FACES([[0, 1, 2]])]), /outside the 32-bit float range/],
      ['a face with two corners', ply('ascii', [vertices, FACES([[0, 1]])]), /at least 3 vertices, got 2/],
      ['a huge list count', ply('binary_little_endian', [vertices, FACES([[0, 1, 2]], 'int')]).map((b, i, a) => (i === a.length - 16 ? 0xff : b)), /ends early|has \d+ items|at most/],
      ['no faces', ply('ascii', [vertices]), /no faces/],
      ['no vertices', ply('ascii', [FACES([[0, 1, 2]])]), /no vertices/],
      ['a missing z property', ply('ascii', [{ name: 'vertex', props: XYZ('float').slice(0, 2), rows: [[0, 0], [1, 0], [0, 1]] }, FACES([[0, 1, 2]])]), /needs a scalar property "z"/],
      ['an unknown type', ply('ascii', [{ name: 'vertex', props: XYZ('float16'), rows: SQUARE }, FACES([[0, 1, 2]])]), /unknown type "float16"/],
      ['a float list count type', ply('ascii', [vertices, FACES([[0, 1, 2]], 'float')]), /not an integer type/],
      ['an unknown format', new TextEncoder().encode('ply\nformat binary_middle_endian 1.0\nend_header\n'), /unknown format/],
      ['no end_header', new TextEncoder().encode('ply\nformat ascii 1.0\nelement vertex 3\n'), /no "end_header"/],
      ['a header line it does not know', ply('ascii', [vertices, FACES([[0, 1, 2]])], 'bogus line'), /unexpected "bogus"/],
      ['an element with no properties', ply('ascii', [{ name: 'empty', props: [], rows: [], count: 4_000_000_000 }, vertices, FACES([[0, 1, 2]])]), /has no properties/],
      ['extra values after the last element', concat(good('ascii'), new TextEncoder().encode('0 1 2\n')), /unexpected data after the last element/]
    ];
    for (const [name, bytes, message] of cases) {
      it(name, () => {
        expect(() => parseMesh(bytes, 'bad.ply')).toThrow(MeshParseError);
        expect(() => parseMesh(bytes, 'bad.ply')).toThrow(message);
      });
    }
  });
});
