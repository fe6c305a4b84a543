// The triangle shading table (TriangleShading records, read by gpu/shaders/shapes/shading.wgsl): per mesh triangle
// the placed corner normals, texture coordinates and tangents. Triangles whose file has normals and UVs but no
// tangents get the face tangent of their UV mapping (so normal maps work without TANGENT).
import type { V3 } from '../math/vec3.ts';
import type { TriangleMesh } from '../mesh/mesh.ts';
import { TRIANGLE_SHADING_RECORD } from './records.ts';

const FLOATS = TRIANGLE_SHADING_RECORD.size / 4;
const offset = (name: string) => TRIANGLE_SHADING_RECORD.fields.find((f) => f.name === name)!.offset / 4;
const N = [offset('n0'), offset('n1'), offset('n2')];
const T = [offset('t0'), offset('t1'), offset('t2')];
const V = offset('v');

export class ShadingTable {
  private data = new Float32Array(FLOATS * 64);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /**
   * Adds triangle `t` of the mesh placed by the row-major linear map `m` (rotation and uniform scale: normals and
   * tangents are mapped by it and renormalised), with world edges u = b − a and v = c − a. Returns the record's
   * index + 1 (Primitive.a.w), or 0 when the mesh has no shading data.
   */
  add(mesh: TriangleMesh, t: number, m: readonly number[], u: V3, v: V3): number {
    const corners = mesh.corners;
    if (!corners || (!corners.normals && !corners.uvs && !corners.tangents)) return 0;
    if (FLOATS * (this.count + 1) > this.data.length) {
      const next = new Float32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    const base = FLOATS * this.count++;
    const d = this.data;
    const put = (at: number, src: Float32Array, from: number) => {
      const x = m[0] * src[from] + m[1] * src[from + 1] + m[2] * src[from + 2];
      const y = m[3] * src[from] + m[4] * src[from + 1] + m[5] * src[from + 2];
      const z = m[6] * src[from] + m[7] * src[from + 1] + m[8] * src[from + 2];
      const len = Math.hypot(x, y, z);
      const s = len > 0 ? 1 / len : 0;
      d[at] = x * s;
      d[at + 1] = y * s;
      d[at + 2] = z * s;
    };
    for (let k = 0; k < 3; k++) {
      const corner = 3 * t + k;
      if (corners.normals) put(base + N[k], corners.normals, 3 * corner);
      if (corners.uvs) {
        d[base + N[k] + 3] = corners.uvs[2 * corner];
        d[base + V + k] = corners.uvs[2 * corner + 1];
      }
      if (corners.tangents) {
        put(base + T[k], corners.tangents, 4 * corner);
        d[base + T[k] + 3] = corners.tangents[4 * corner + 3];
      }
    }
    const hasTangent = T.some((o) => d[base + o] !== 0 || d[base + o + 1] !== 0 || d[base + o + 2] !== 0);
    if (!hasTangent && corners.uvs) this.faceTangent(base, u, v);
    return this.count;
  }

  /**
   * Tangent along increasing u of the face's UV mapping; the sign makes the bitangent cross(n, t)·w point along
   * decreasing v, the glTF convention (v runs down the image, the normal map's +Y up it).
   */
  private faceTangent(base: number, u: V3, v: V3): void {
    const d = this.data;
    const du1 = d[base + N[1] + 3] - d[base + N[0] + 3];
    const dv1 = d[base + V + 1] - d[base + V];
    const du2 = d[base + N[2] + 3] - d[base + N[0] + 3];
    const dv2 = d[base + V + 2] - d[base + V];
    const r = du1 * dv2 - du2 * dv1;
    if (!(Math.abs(r) > 0)) return;
    const t: V3 = [(u[0] * dv2 - v[0] * dv1) / r, (u[1] * dv2 - v[1] * dv1) / r, (u[2] * dv2 - v[2] * dv1) / r];
    const b: V3 = [(v[0] * du1 - u[0] * du2) / r, (v[1] * du1 - u[1] * du2) / r, (v[2] * du1 - u[2] * du2) / r];
    const len = Math.hypot(t[0], t[1], t[2]);
    if (!(len > 0) || !Number.isFinite(len)) return;
    // Face normal u × v; w = −sign(dot(n × t, b)) with b along increasing v.
    const n: V3 = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
    const nt: V3 = [n[1] * t[2] - n[2] * t[1], n[2] * t[0] - n[0] * t[2], n[0] * t[1] - n[1] * t[0]];
    const w = nt[0] * b[0] + nt[1] * b[1] + nt[2] * b[2] < 0 ? 1 : -1;
    for (const o of T) {
      d[base + o] = t[0] / len;
      d[base + o + 1] = t[1] / len;
      d[base + o + 2] = t[2] / len;
      d[base + o + 3] = w;
    }
  }

  /** The records (one zero record when there are none: a binding cannot be empty). */
  pack(): ArrayBuffer {
    const bytes = Math.max(this.count, 1) * TRIANGLE_SHADING_RECORD.size;
    return this.data.buffer.slice(0, bytes) as ArrayBuffer;
  }
}
