// An indexed triangle mesh as loaded from a file (STL, PLY, OBJ, glTF), before any scene transform, with the
// optional shading data some formats carry: per-corner normals, texture coordinates and tangents, and (glTF) a
// material per triangle with the decoded images its textures use.
import type { DecodedImage } from '../texture/image.ts';
import type { GltfMaterial } from './gltf-material.ts';

export interface TriangleMesh {
  /** x, y, z per vertex. */
  readonly positions: Float32Array;
  /** 3 vertex indices per triangle, counter-clockwise seen from the front (normal = (b − a) × (c − a)). */
  readonly indices: Uint32Array;
  /** Shading data per triangle corner, in index order; absent for flat-shaded meshes (STL, PLY). */
  readonly corners?: CornerAttributes;
  /** Materials that come with the file (glTF); absent when the scene object names the material. */
  readonly surface?: MeshSurface;
  /** What the file asks for that the renderer does not do (unsupported glTF features), one line each, for the user. */
  readonly notes?: readonly string[];
}

/** Per-corner attributes: triangle t's corner k is element 3t + k. A zero normal or tangent means "none". */
export interface CornerAttributes {
  /** 9 floats per triangle. */
  readonly normals?: Float32Array;
  /** 6 floats per triangle (u, v). */
  readonly uvs?: Float32Array;
  /** 12 floats per triangle: x, y, z and the bitangent sign w (glTF TANGENT). */
  readonly tangents?: Float32Array;
}

export interface MeshSurface {
  /** Index into `materials` per triangle. */
  readonly triangleMaterials: Uint32Array;
  readonly materials: readonly GltfMaterial[];
  /** Images the materials' textures index. */
  readonly images: readonly DecodedImage[];
}

/** Meshes a scene refers to, by the `path` string written in the scene file. */
export type SceneMeshes = ReadonlyMap<string, TriangleMesh>;

/** The notes of all a scene's meshes: what their files ask for that the renderer does not do, one line each. */
export function sceneMeshNotes(meshes: SceneMeshes): string[] {
  return [...meshes.values()].flatMap((mesh) => mesh.notes ?? []);
}
