// Checks on an uploaded glTF before it is stored: the worker reads uploads without any resolver (it never opens
// another file for them), so a .gltf must be self-contained (every buffer and image a data: URI or a GLB chunk),
// and a .glb must carry the GLB header. Full parsing (and the triangle limit) happens in the worker's loader.

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
