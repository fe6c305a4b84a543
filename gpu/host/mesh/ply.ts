// PLY reader (Turk's polygon file format): ASCII, binary little- and big-endian. Reads `vertex` x, y, z of any
// numeric type and the `face` list `vertex_indices` (or `vertex_index`) with any count and index types; other
// elements and properties are skipped in any order. Polygons are fan-triangulated. Every element count is checked
// against the bytes left in the file before anything is allocated for it.
import { MAX_TRIANGLES } from '../../../src/lib/limits.ts';
import { bytesToText, failer, type Fail, MAX_VERTICES, MeshBuilder } from './builder.ts';
import type { TriangleMesh } from './mesh.ts';

type Format = 'ascii' | 'binary_little_endian' | 'binary_big_endian';

interface ScalarType {
  readonly size: number;
  readonly integer: boolean;
  read(view: DataView, offset: number, little: boolean): number;
}

const TYPES: Record<string, ScalarType> = {};
const define = (names: string[], type: ScalarType) => names.forEach((n) => (TYPES[n] = type));
define(['char', 'int8'], { size: 1, integer: true, read: (v, o) => v.getInt8(o) });
define(['uchar', 'uint8'], { size: 1, integer: true, read: (v, o) => v.getUint8(o) });
define(['short', 'int16'], { size: 2, integer: true, read: (v, o, l) => v.getInt16(o, l) });
define(['ushort', 'uint16'], { size: 2, integer: true, read: (v, o, l) => v.getUint16(o, l) });
define(['int', 'int32'], { size: 4, integer: true, read: (v, o, l) => v.getInt32(o, l) });
define(['uint', 'uint32'], { size: 4, integer: true, read: (v, o, l) => v.getUint32(o, l) });
define(['float', 'float32'], { size: 4, integer: false, read: (v, o, l) => v.getFloat32(o, l) });
define(['double', 'float64'], { size: 8, integer: false, read: (v, o, l) => v.getFloat64(o, l) });

interface Property {
  readonly name: string;
  readonly type: ScalarType;
  /** Present for list properties: the type of the leading item count. */
  readonly countType?: ScalarType;
}

interface Element {
  readonly name: string;
  readonly count: number;
  readonly properties: Property[];
}

/** Longest header accepted; real headers are a few hundred bytes. */
const MAX_HEADER_BYTES = 64 * 1024;
/** Longest face list accepted (a polygon with more corners is almost certainly corrupt data). */
const MAX_FACE_CORNERS = 1024;

/** True when the bytes start with the PLY magic line. */
export function isPly(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x70 && bytes[1] === 0x6c && bytes[2] === 0x79 && (bytes[3] === 0x0a || bytes[3] === 0x0d);
}

export function parsePly(bytes: Uint8Array, fileName: string): TriangleMesh {
  const fail: Fail = failer(fileName, 'PLY');
  if (!isPly(bytes)) fail('the file does not start with "ply"');
  const { format, elements, dataStart } = parseHeader(bytes, fail);
  const vertexElement = elements.find((e) => e.name === 'vertex');
  const faceElement = elements.find((e) => e.name === 'face');
  if (!vertexElement || vertexElement.count === 0) fail('no vertices (element "vertex" is missing or empty)');
  if (!faceElement || faceElement.count === 0) fail('no faces (element "face" is missing or empty)');
  const coords = ['x', 'y', 'z'].map((axis) => {
    const p = vertexElement.properties.find((q) => q.name === axis);
    if (!p || p.countType) fail(`element "vertex" needs a scalar property "${axis}"`);
    return p;
  });
  const faceList = faceElement.properties.find((p) => p.name === 'vertex_indices' || p.name === 'vertex_index');
  if (!faceList || !faceList.countType) fail('element "face" needs a list property "vertex_indices"');
  if (vertexElement.count > MAX_VERTICES) fail(`the header claims ${vertexElement.count.toLocaleString('en')} vertices, more than the limit of ${MAX_VERTICES.toLocaleString('en')}`);
  if (faceElement.count > MAX_TRIANGLES) fail(`the header claims ${faceElement.count.toLocaleString('en')} faces, more than the limit of ${MAX_TRIANGLES.toLocaleString('en')} triangles`);

  const data = bytes.subarray(dataStart);
  const reader: ValueReader = format === 'ascii' ? new AsciiReader(data, fail) : new BinaryReader(data, format === 'binary_little_endian', fail);
  // Minimum bytes per row: binary, each scalar and each list count; ASCII, one character and a separator per value.
  let minimum = 0;
  for (const e of elements) {
    const row = e.properties.reduce((s, p) => s + (format === 'ascii' ? 2 : (p.countType ?? p.type).size), 0);
    minimum += e.count * row;
  }
  if (minimum > data.length + 1) {
    fail(`the header's element counts need at least ${minimum} bytes of data but the file has ${data.length} (wrong counts or truncated)`);
  }

  const mesh = new MeshBuilder(fail, vertexElement.count, faceElement.count);
  const corners = new Uint32Array(MAX_FACE_CORNERS);
  const xyz = [0, 0, 0];
  for (const element of elements) {
    for (let row = 0; row < element.count; row++) {
      const where = `element "${element.name}" row ${row}`;
      for (const p of element.properties) {
        if (!p.countType) {
          const value = reader.scalar(p.type, where);
          if (element === vertexElement) {
            const axis = coords.indexOf(p);
            if (axis >= 0) xyz[axis] = value;
          }
          continue;
        }
        const n = reader.scalar(p.countType, where);
        if (n < 0 || n > MAX_FACE_CORNERS) fail(`${where}: list "${p.name}" has ${n} items (at most ${MAX_FACE_CORNERS} accepted)`);
        const isCorners = element === faceElement && p === faceList;
        for (let k = 0; k < n; k++) {
          const value = reader.scalar(p.type, where);
          if (!isCorners) continue;
          if (!Number.isInteger(value) || value < 0) fail(`${where}: vertex index ${value} is not a non-negative integer`);
          if (value >= vertexElement.count) fail(`${where}: vertex index ${value} is out of range (${vertexElement.count} vertices)`);
          corners[k] = value;
        }
        if (isCorners) mesh.polygon(corners, n, where);
      }
      if (element === vertexElement) mesh.vertex(xyz[0], xyz[1], xyz[2], where);
    }
  }
  reader.end();
  return mesh.finish();
}

function parseHeader(bytes: Uint8Array, fail: Fail): { format: Format; elements: Element[]; dataStart: number } {
  const head = bytesToText(bytes.subarray(0, MAX_HEADER_BYTES));
  const match = /(^|\n)end_header[ \t]*\r?\n/.exec(head);
  if (!match) fail(`no "end_header" line in the first ${MAX_HEADER_BYTES} bytes`);
  // The header is ASCII, so its character count is its byte count.
  const dataStart = match.index + match[0].length;
  if (/[^\x00-\x7f]/.test(head.slice(0, dataStart))) fail('the header contains non-ASCII characters');
  const lines = head.slice(0, match.index).split('\n').map((l) => l.trim());
  let format: Format | undefined;
  const elements: Element[] = [];
  lines.forEach((line, i) => {
    const words = line.split(/\s+/);
    const where = `header line ${i + 1}`;
    switch (words[0]) {
      case 'ply':
        if (i !== 0) fail(`${where}: unexpected "ply"`);
        break;
      case 'format':
        if (words[1] !== 'ascii' && words[1] !== 'binary_little_endian' && words[1] !== 'binary_big_endian') {
          fail(`${where}: unknown format "${(words[1] ?? '').slice(0, 40)}"`);
        }
        if (words[2] !== '1.0') fail(`${where}: unsupported version "${(words[2] ?? '').slice(0, 40)}"`);
        format = words[1];
        break;
      case 'element': {
        if (words.length !== 3 || !/^\d+$/.test(words[2])) fail(`${where}: expected "element <name> <count>"`);
        const count = Number(words[2]);
        if (!Number.isSafeInteger(count)) fail(`${where}: element count ${words[2].slice(0, 40)} is too large`);
        if (elements.some((e) => e.name === words[1])) fail(`${where}: element "${words[1]}" declared twice`);
        elements.push({ name: words[1], count, properties: [] });
        break;
      }
      case 'property': {
        const element = elements[elements.length - 1];
        if (!element) fail(`${where}: "property" before any "element"`);
        const list = words[1] === 'list';
        const typeName = list ? words[3] : words[1];
        const name = list ? words[4] : words[2];
        if (words.length !== (list ? 5 : 3)) fail(`${where}: malformed property`);
        const type = TYPES[typeName];
        if (!type) fail(`${where}: unknown type "${typeName.slice(0, 40)}"`);
        let countType: ScalarType | undefined;
        if (list) {
          countType = TYPES[words[2]];
          if (!countType || !countType.integer) fail(`${where}: list count type "${words[2].slice(0, 40)}" is not an integer type`);
        }
        element.properties.push({ name, type, countType });
        break;
      }
      case 'comment':
      case 'obj_info':
      case '':
        break;
      default:
        fail(`${where}: unexpected "${words[0].slice(0, 40)}"`);
    }
  });
  if (!format) fail('no "format" line');
  for (const e of elements) {
    if (e.count > 0 && e.properties.length === 0) fail(`element "${e.name}" has no properties`);
  }
  return { format, elements, dataStart };
}

interface ValueReader {
  scalar(type: ScalarType, where: string): number;
  /** Called after the last element: rejects leftover ASCII values (a sign of wrong counts). */
  end(): void;
}

class BinaryReader implements ValueReader {
  private readonly view: DataView;
  private offset = 0;

  constructor(
    private readonly data: Uint8Array,
    private readonly little: boolean,
    private readonly fail: Fail
  ) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  scalar(type: ScalarType, where: string): number {
    if (this.offset + type.size > this.data.length) this.fail(`${where}: the file ends early (truncated?)`);
    const value = type.read(this.view, this.offset, this.little);
    this.offset += type.size;
    return value;
  }

  end(): void {}
}

class AsciiReader implements ValueReader {
  private readonly text: string;
  private position = 0;

  constructor(
    data: Uint8Array,
    private readonly fail: Fail
  ) {
    this.text = bytesToText(data);
  }

  private token(): string | undefined {
    const t = this.text;
    let i = this.position;
    while (i < t.length && isBlank(t.charCodeAt(i))) i++;
    if (i === t.length) return undefined;
    let j = i;
    while (j < t.length && !isBlank(t.charCodeAt(j))) j++;
    this.position = j;
    return t.slice(i, j);
  }

  scalar(type: ScalarType, where: string): number {
    const token = this.token();
    if (token === undefined) this.fail(`${where}: the file ends early (truncated?)`);
    const value = Number(token);
    if (!Number.isFinite(value) || (type.integer && !Number.isInteger(value))) {
      this.fail(`${where}: "${token.slice(0, 40)}" is not a valid ${type.integer ? 'integer' : 'number'}`);
    }
    return value;
  }

  end(): void {
    const extra = this.token();
    if (extra !== undefined) this.fail(`unexpected data after the last element ("${extra.slice(0, 40)}"): wrong element counts?`);
  }
}

const isBlank = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
