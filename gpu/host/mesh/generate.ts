// Generated meshes and scenes for tests and benchmarks (nothing large is shipped): a geodesic sphere of any size,
// a grid of many instances of one small mesh, and a binary STL encoder to write them out.
import type { TriangleMesh } from './mesh.ts';

const PHI = (1 + Math.sqrt(5)) / 2;
const ICOSAHEDRON_VERTICES = [
  [-1, PHI, 0], [1, PHI, 0], [-1, -PHI, 0], [1, -PHI, 0],
  [0, -1, PHI], [0, 1, PHI], [0, -1, -PHI], [0, 1, -PHI],
  [PHI, 0, -1], [PHI, 0, 1], [-PHI, 0, -1], [-PHI, 0, 1]
];
/** Counter-clockwise seen from outside, so normals point out. */
const ICOSAHEDRON_FACES = [
  [0, 11, 5], [0, 5, 1], [0, 1, 7], [0, 7, 10], [0, 10, 11],
  [1, 5, 9], [5, 11, 4], [11, 10, 2], [10, 7, 6], [7, 1, 8],
  [3, 9, 4], [3, 4, 2], [3, 2, 6], [3, 6, 8], [3, 8, 9],
  [4, 9, 5], [2, 4, 11], [6, 2, 10], [8, 6, 7], [9, 8, 1]
];

/** Triangles of `icosphere(frequency)`: 20 · frequency². */
export const icosphereTriangles = (frequency: number) => 20 * frequency * frequency;

/** The smallest frequency whose icosphere has at least `triangles` triangles. */
export const icosphereFrequencyFor = (triangles: number) => Math.max(1, Math.ceil(Math.sqrt(triangles / 20)));

/**
 * A unit geodesic sphere: each icosahedron face split into frequency² triangles, vertices pushed onto the sphere.
 * Faces do not share vertices (simple, and flat shading does not care). 224 gives 1,003,520 triangles.
 */
export function icosphere(frequency: number, radius = 1): TriangleMesh {
  const k = Math.max(1, Math.floor(frequency));
  const perFace = ((k + 1) * (k + 2)) / 2;
  const positions = new Float32Array(20 * perFace * 3);
  const indices = new Uint32Array(20 * k * k * 3);
  let v = 0;
  let t = 0;
  // Row i of a face holds k + 1 − i vertices; index of (i, j) within the face.
  const at = (base: number, i: number, j: number) => base + (i * (2 * k + 3 - i)) / 2 + j;
  for (const [ia, ib, ic] of ICOSAHEDRON_FACES) {
    const [a, b, c] = [ICOSAHEDRON_VERTICES[ia], ICOSAHEDRON_VERTICES[ib], ICOSAHEDRON_VERTICES[ic]];
    const base = v;
    for (let i = 0; i <= k; i++) {
      for (let j = 0; j <= k - i; j++) {
        // Barycentric point a + (j/k)(b − a) + (i/k)(c − a), normalised onto the sphere.
        const x = a[0] + (j / k) * (b[0] - a[0]) + (i / k) * (c[0] - a[0]);
        const y = a[1] + (j / k) * (b[1] - a[1]) + (i / k) * (c[1] - a[1]);
        const z = a[2] + (j / k) * (b[2] - a[2]) + (i / k) * (c[2] - a[2]);
        const s = radius / Math.hypot(x, y, z);
        positions[3 * v] = x * s;
        positions[3 * v + 1] = y * s;
        positions[3 * v + 2] = z * s;
        v++;
      }
    }
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k - i; j++) {
        indices.set([at(base, i, j), at(base, i, j + 1), at(base, i + 1, j)], 3 * t++);
        if (j < k - i - 1) indices.set([at(base, i, j + 1), at(base, i + 1, j + 1), at(base, i + 1, j)], 3 * t++);
      }
    }
  }
  return { positions, indices };
}

/** The icosphere with a normal per triangle corner (the sphere's own), so it is smooth-shaded: one shading
 * record per triangle. */
export function smoothIcosphere(frequency: number, radius = 1): TriangleMesh {
  const sphere = icosphere(frequency, radius);
  const normals = new Float32Array(3 * sphere.indices.length);
  sphere.indices.forEach((v, corner) => {
    for (let k = 0; k < 3; k++) normals[3 * corner + k] = sphere.positions[3 * v + k] / radius;
  });
  return { ...sphere, corners: { normals } };
}

/** A binary STL file of the mesh (zero normals: readers recompute them from the winding). */
export function encodeBinaryStl(mesh: TriangleMesh, header = 'clovers generated mesh'): Uint8Array {
  const count = mesh.indices.length / 3;
  const bytes = new Uint8Array(84 + 50 * count);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(header.slice(0, 80)));
  view.setUint32(80, count, true);
  for (let t = 0; t < count; t++) {
    for (let corner = 0; corner < 3; corner++) {
      const vi = mesh.indices[3 * t + corner];
      for (let k = 0; k < 3; k++) view.setFloat32(84 + 50 * t + 12 + 12 * corner + 4 * k, mesh.positions[3 * vi + k], true);
    }
  }
  return bytes;
}

/** A scene JSON object: the mesh at `path` (unit size, at the origin) under a square priority lamp. */
export function singleMeshScene(path: string): Record<string, unknown> {
  return {
    time_0: 0,
    time_1: 1,
    background_color: [0.2, 0.2, 0.25],
    camera: { look_from: [0, 1, -4], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 40, aperture: 0, focus_distance: 4 },
    objects: [
      { kind: 'STL', path, scale: 1, center: [0, 0, 0], rotation: [0, 0, 0], material: 'white' },
      { kind: 'Quad', priority: true, q: [-1, 3, -1], u: [2, 0, 0], v: [0, 0, 2], material: 'lamp' }
    ],
    materials: [
      { name: 'white', kind: 'Lambertian', albedo: { kind: 'SolidColor', color: [0.8, 0.8, 0.8] } },
      { name: 'lamp', kind: 'DiffuseLight', emit: { kind: 'SolidColor', color: [4, 4, 4] } }
    ]
  };
}

/**
 * A scene JSON object: `count` STL instances of the mesh at `path` on a square grid in the x-z plane (spacing 3,
 * unit scale, yaw varying), a floor and a priority lamp. Render it with `path` mapped to a small mesh.
 */
export function instanceGridScene(count: number, path: string): Record<string, unknown> {
  const side = Math.ceil(Math.sqrt(count));
  const extent = side * 3;
  const objects: unknown[] = [
    { kind: 'Quad', q: [-extent, -1, -extent], u: [0, 0, 2 * extent], v: [2 * extent, 0, 0], material: 'floor' },
    { kind: 'Quad', priority: true, q: [-extent / 2, extent, -extent / 2], u: [extent, 0, 0], v: [0, 0, extent], material: 'lamp' }
  ];
  for (let i = 0; i < count; i++) {
    const [gx, gz] = [i % side, Math.floor(i / side)];
    objects.push({
      kind: 'STL',
      path,
      scale: 1,
      center: [3 * gx - 1.5 * side, 0, 3 * gz - 1.5 * side],
      rotation: [0, (i * 37) % 360, 0],
      material: 'white'
    });
  }
  return {
    time_0: 0,
    time_1: 1,
    background_color: [0.1, 0.1, 0.1],
    camera: { look_from: [0, extent * 0.8, -extent * 1.6], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 50, aperture: 0, focus_distance: 10 },
    objects,
    materials: [
      { name: 'floor', kind: 'Lambertian', albedo: { kind: 'SolidColor', color: [0.5, 0.5, 0.5] } },
      { name: 'white', kind: 'Lambertian', albedo: { kind: 'SolidColor', color: [0.8, 0.8, 0.8] } },
      { name: 'lamp', kind: 'DiffuseLight', emit: { kind: 'SolidColor', color: [3, 3, 3] } }
    ]
  };
}
