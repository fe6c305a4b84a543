// An indexed triangle mesh as loaded from a file (STL, PLY, OBJ, ...), before any scene transform.

export interface TriangleMesh {
  /** x, y, z per vertex. */
  readonly positions: Float32Array;
  /** 3 vertex indices per triangle, counter-clockwise seen from the front (normal = (b − a) × (c − a)). */
  readonly indices: Uint32Array;
}

/** Meshes a scene refers to, by the `path` string written in the scene file. */
export type SceneMeshes = ReadonlyMap<string, TriangleMesh>;
