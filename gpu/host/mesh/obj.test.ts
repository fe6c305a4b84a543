import { describe, expect, it } from 'vitest';
import { MeshParseError } from './builder.ts';
import { detectMeshFormat, parseMesh } from './load.ts';

const text = (s: string) => new TextEncoder().encode(s);
const parse = (s: string) => parseMesh(text(s), 'm.obj');

describe('OBJ', () => {
  it('reads v and f, past groups, materials and comments', () => {
    const mesh = parse('# cube corner\nmtllib a.mtl\no thing\nv 0 0 0\nv 1 0 0 1.0\nv 0 1 0 0.5 0.5 0.5\nvt 0 0\nvn 0 0 1\ng side\nusemtl red\ns off\nf 1 2 3 # a face\n');
    expect(Array.from(mesh.positions)).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0]);
    expect(Array.from(mesh.indices)).toEqual([0, 1, 2]);
  });

  it('reads the v/vt, v/vt/vn and v//vn corner forms', () => {
    const v = 'v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\nvn 0 0 1\n';
    expect(Array.from(parse(v + 'f 1/1 2/1 3/1\n').indices)).toEqual([0, 1, 2]);
    expect(Array.from(parse(v + 'f 1/1/1 2/1/1 3/1/1\n').indices)).toEqual([0, 1, 2]);
    expect(Array.from(parse(v + 'f 1//1 3//1 4//1\n').indices)).toEqual([0, 2, 3]);
  });

  it('keeps vertex normals and texture coordinates per triangle corner, fanned like the positions', () => {
    const quad = 'v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\nvt 1 0\nvt 1 1\nvt 0 1\nvn 0 0 1\nvn 0 1 0\n';
    const mesh = parse(quad + 'f 1/1/1 2/2/1 3/3/2 4/4/2\n');
    expect(Array.from(mesh.indices)).toEqual([0, 1, 2, 0, 2, 3]);
    expect(Array.from(mesh.corners!.uvs!)).toEqual([0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1]);
    expect(Array.from(mesh.corners!.normals!)).toEqual([0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0]);
    // Corners without a vn get a zero normal (flat shading there); files without vn/vt have no shading data.
    expect(Array.from(parse(quad + 'f 1/1 2/2 3/3\n').corners!.normals!)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parse('v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n').corners).toBeUndefined();
    // Faces before the first vn/vt get zeros, and so do faces without them after.
    const mixed = parse(quad + 'f 1 2 3\nf 1//2 3//2 4//2\nf 1 3 4\n');
    expect(Array.from(mixed.corners!.normals!)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(mixed.corners!.uvs!)).toEqual(new Array(18).fill(0));
    expect(() => parse(quad + 'f 1//3 2//1 3//1\n')).toThrow(/line 11: normal index 3 is out of range \(2 defined so far\)/);
    expect(() => parse('vn 0 nan 1\n')).toThrow(/"vn" needs 3 finite numbers/);
  });

  it('resolves negative indices against the vertices read so far', () => {
    const mesh = parse('v 0 0 0\nv 1 0 0\nv 1 1 0\nf -3 -2 -1\nv 0 1 0\nf -4 -2 -1\n');
    expect(Array.from(mesh.indices)).toEqual([0, 1, 2, 0, 2, 3]);
  });

  it('fan-triangulates polygons, keeping the winding', () => {
    const mesh = parse('v 0 0 0\nv 1 0 0\nv 2 1 0\nv 1 2 0\nv 0 1 0\nf 1 2 3 4 5\n');
    expect(Array.from(mesh.indices)).toEqual([0, 1, 2, 0, 2, 3, 0, 3, 4]);
  });

  it('handles CRLF line ends and is found by content without an extension', () => {
    const bytes = text('v 0 0 0\r\nv 1 0 0\r\nv 0 1 0\r\nf 1 2 3\r\n');
    expect(detectMeshFormat(bytes, 'upload')).toBe('obj');
    expect(parseMesh(bytes, 'upload').indices.length).toBe(3);
  });

  describe('rejects broken files with a message naming the line', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['an index past the end', 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 4\n', /line 4: vertex index 4 is out of range \(3 vertices/],
      ['a face before its vertices', 'f 1 2 3\nv 0 0 0\n', /line 1: vertex index 1 is out of range/],
      ['index 0', 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf 0 1 2\n', /vertex index 0 is out of range/],
      ['a negative index reaching before the first vertex', 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf -4 1 2\n', /vertex index -4 is out of range/],
      ['a non-numeric corner', 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 b 3\n', /"b" is not a face corner/],
      ['a NaN vertex', 'v 0 nan 0\n', /line 1: vertex .* not finite/],
      ['an infinite vertex', 'v 1e400 0 0\n', /not finite/],
      ['a vertex with two coordinates', 'v 0 0\n', /needs 3 coordinates/],
      ['a face with two corners', 'v 0 0 0\nv 1 0 0\nf 1 2\n', /at least 3 vertices, got 2/],
      ['an unknown statement', 'v 0 0 0\nbogus 1 2\n', /line 2: unknown statement "bogus"/],
      ['no faces', 'v 0 0 0\nv 1 0 0\nv 0 1 0\n', /no triangles/]
    ];
    for (const [name, source, message] of cases) {
      it(name, () => {
        expect(() => parse(source)).toThrow(MeshParseError);
        expect(() => parse(source)).toThrow(message);
      });
    }
  });
});

const PLY_HEADER = text(
  'ply\nformat binary_little_endian 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n'
);

describe('parseMesh', () => {
  it('rejects empty and unrecognisable files', () => {
    expect(() => parseMesh(new Uint8Array(), 'x.stl')).toThrow(/x.stl: the file is empty/);
    expect(() => parseMesh(text('hello'), 'notes.txt')).toThrow(/not a mesh file this renderer reads/);
    expect(() => parseMesh(new Uint8Array(30).fill(7), 'blob')).toThrow(MeshParseError);
  });

  it('lets content win over a wrong extension for PLY and exact-size binary STL', () => {
    expect(detectMeshFormat(text('ply\nformat ascii 1.0\n'), 'model.stl')).toBe('ply');
    const stl = new Uint8Array(84 + 50);
    new DataView(stl.buffer).setUint32(80, 1, true);
    expect(detectMeshFormat(stl, 'model.obj')).toBe('stl');
  });

  it('never throws anything but MeshParseError on random bytes', () => {
    let seed = 12345;
    const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let i = 0; i < 300; i++) {
      const noise = new Uint8Array(1 + (i * 37) % 700).map(next);
      const name = ['a.stl', 'a.ply', 'a.obj', 'blob'][i % 4];
      // Every fourth run keeps a valid PLY header so the data checks are exercised too.
      const bytes = i % 4 === 1 ? new Uint8Array([...PLY_HEADER, ...noise]) : noise;
      try {
        parseMesh(bytes, name);
      } catch (error) {
        expect(error).toBeInstanceOf(MeshParseError);
      }
    }
  });
});
