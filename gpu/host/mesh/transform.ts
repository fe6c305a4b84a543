// Placing an STL/PLY mesh in the world as the reference does (spec §1.9): each vertex is rotated by
// Rz(yaw)·Ry(pitch)·Rx(roll) (`rotation` = [roll, pitch, yaw] in degrees, as nalgebra's from_euler_angles),
// scaled uniformly, translated by `center`, then moved by the enclosing Translate/RotateY transforms. Each face
// becomes a triangle q = a, u = b − a, v = c − a, so the normal follows the file's winding.
import { IDENTITY, transformPoint, type Rigid, type V3 } from '../math/vec3.ts';
import type { TriangleMesh } from './mesh.ts';

export interface MeshPlacement {
  readonly scale: number;
  readonly center: V3;
  /** Degrees: roll about X, pitch about Y, yaw about Z. */
  readonly rotation: V3;
}

/** An affine map p ↦ M·p + t, M row-major 3×3 (not necessarily rigid). */
export interface Affine {
  readonly m: readonly number[];
  readonly t: V3;
}

const RAD = Math.PI / 180;

/** Rz(yaw)·Ry(pitch)·Rx(roll), row-major: roll is applied first. */
export function eulerRotation(rotation: V3): number[] {
  const [cr, sr] = [Math.cos(rotation[0] * RAD), Math.sin(rotation[0] * RAD)];
  const [cp, sp] = [Math.cos(rotation[1] * RAD), Math.sin(rotation[1] * RAD)];
  const [cy, sy] = [Math.cos(rotation[2] * RAD), Math.sin(rotation[2] * RAD)];
  return [
    cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr,
    sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr,
    -sp, cp * sr, cp * cr
  ];
}

/** The whole placement as one affine map: to ∘ translate(center) ∘ scale ∘ rotate. */
export function placementTransform(placement: MeshPlacement, to: Rigid = IDENTITY): Affine {
  const r = eulerRotation(placement.rotation);
  const a = to.r;
  const m: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      m.push(placement.scale * (a[i * 3] * r[j] + a[i * 3 + 1] * r[3 + j] + a[i * 3 + 2] * r[6 + j]));
    }
  }
  return { m, t: transformPoint(to, placement.center) };
}

/** World-space positions (f64, x y z per vertex). */
export function placeVertices(positions: Float32Array, transform: Affine): Float64Array {
  const { m, t } = transform;
  const out = new Float64Array(positions.length);
  for (let i = 0; i < positions.length; i += 3) {
    const x = positions[i];
    const y = positions[i + 1];
    const z = positions[i + 2];
    out[i] = m[0] * x + m[1] * y + m[2] * z + t[0];
    out[i + 1] = m[3] * x + m[4] * y + m[5] * z + t[1];
    out[i + 2] = m[6] * x + m[7] * y + m[8] * z + t[2];
  }
  return out;
}

export interface PlacedMeshStats {
  readonly triangles: number;
  /** Triangles skipped because their area is zero in the 32-bit floats the GPU sees. */
  readonly degenerate: number;
  /** Triangles whose world coordinates overflow 32-bit floats (an error for the caller to report). */
  readonly nonFinite: number;
}

/** Calls `emit(q, u, v, triangle)` for every non-degenerate triangle of the mesh in world space. */
export function forEachPlacedTriangle(
  mesh: TriangleMesh,
  transform: Affine,
  emit: (q: V3, u: V3, v: V3, triangle: number) => void
): PlacedMeshStats {
  const p = placeVertices(mesh.positions, transform);
  const idx = mesh.indices;
  let degenerate = 0;
  let nonFinite = 0;
  for (let i = 0; i < idx.length; i += 3) {
    const a = 3 * idx[i];
    const b = 3 * idx[i + 1];
    const c = 3 * idx[i + 2];
    const q: V3 = [p[a], p[a + 1], p[a + 2]];
    const u: V3 = [p[b] - q[0], p[b + 1] - q[1], p[b + 2] - q[2]];
    const v: V3 = [p[c] - q[0], p[c + 1] - q[1], p[c + 2] - q[2]];
    if (!finiteF32(q) || !finiteF32(u) || !finiteF32(v)) {
      nonFinite++;
      continue;
    }
    if (f32Area2(u, v) === 0) {
      degenerate++;
      continue;
    }
    emit(q, u, v, i / 3);
  }
  return { triangles: idx.length / 3 - degenerate - nonFinite, degenerate, nonFinite };
}

const finiteF32 = (a: V3) => Number.isFinite(Math.fround(a[0])) && Number.isFinite(Math.fround(a[1])) && Number.isFinite(Math.fround(a[2]));

/** Twice the area of the triangle with the edges as the GPU stores them (f32). */
function f32Area2(u: V3, v: V3): number {
  const [ux, uy, uz] = [Math.fround(u[0]), Math.fround(u[1]), Math.fround(u[2])];
  const [vx, vy, vz] = [Math.fround(v[0]), Math.fround(v[1]), Math.fround(v[2])];
  return Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
}
