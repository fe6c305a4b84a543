// Checks on an uploaded mesh before it is stored. The worker reads uploads without any resolver (it never opens
// another file for them), so a .gltf must be self-contained (every buffer and image a data: URI or a GLB chunk),
// and a .glb must carry the GLB header. Then the file is parsed by the worker's own loader with its limits and
// texture budget (images sized from their headers, not decoded), so a file that cannot render is refused now
// rather than failing its renders later. The owner's quotas bound what one owner keeps in storage.
import { loadMesh, MeshParseError } from '../../../../gpu/host/mesh/load.ts';
import type { ServiceConfig } from '../config.ts';
import { ApiError } from '../http/errors.ts';
import { uploadQuotaProblem } from './uploads.ts';

const GLB_MAGIC = 0x46546c67;

/** The reason the upload cannot be rendered, or undefined when it may be stored. */
export function gltfUploadProblem(bytes: Uint8Array, format: string): string | undefined {
  if (format === 'glb') {
    const ok = bytes.length >= 12 && new DataView(bytes.buffer, bytes.byteOffset, 12).getUint32(0, true) === GLB_MAGIC;
    return ok ? undefined : 'a .glb file must start with the GLB header ("glTF" magic)';
  }
  if (format !== 'gltf') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return 'a .gltf file must be UTF-8 JSON';
  }
  if (typeof json !== 'object' || json === null) return 'a .gltf file must be a JSON object';
  for (const key of ['buffers', 'images'] as const) {
    const list = (json as Record<string, unknown>)[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return `"${key}" must be an array`;
    for (const [i, item] of list.entries()) {
      const uri = (item as { uri?: unknown } | null)?.uri;
      if (uri !== undefined && !(typeof uri === 'string' && uri.startsWith('data:'))) {
        return `${key}[${i}] refers to an external file: an uploaded .gltf must embed its data (data: URIs), or upload a .glb`;
      }
    }
  }
  return undefined;
}

export interface UploadSummary {
  readonly triangles: number;
  /** Axis-aligned bounds of the vertices, in the file's own units and axes. */
  readonly bounds: { readonly min: readonly number[]; readonly max: readonly number[] };
}

/** Parses the upload as the worker will; a file it will not load is a 422 naming the file and the problem. */
export async function inspectUpload(bytes: Uint8Array, name: string): Promise<UploadSummary> {
  let positions: Float32Array;
  let triangles: number;
  try {
    const mesh = await loadMesh(bytes, name, { decodeImage: 'headers-only' });
    positions = mesh.positions;
    triangles = mesh.indices.length / 3;
  } catch (error) {
    if (error instanceof MeshParseError) throw new ApiError(422, `invalid body: ${error.message}`);
    throw error;
  }
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i++) {
    min[i % 3] = Math.min(min[i % 3], positions[i]);
    max[i % 3] = Math.max(max[i % 3], positions[i]);
  }
  return { triangles, bounds: { min, max } };
}

/** Why storing `size` more bytes would put the owner over a mesh quota (a 409), or undefined when it fits. */
export function meshQuotaProblem(usage: { count: number; bytes: number }, size: number, quota: Pick<ServiceConfig, 'maxMeshesPerOwner' | 'maxMeshStorageBytesPerOwner'>): string | undefined {
  return uploadQuotaProblem(usage, size, {
    maxCount: quota.maxMeshesPerOwner,
    maxBytes: quota.maxMeshStorageBytesPerOwner,
    countName: 'mesh quota',
    storageName: 'storage quota'
  });
}
