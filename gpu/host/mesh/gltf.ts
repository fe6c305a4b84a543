// glTF 2.0 reader (.gltf with external or data-URI resources, and .glb) on @gltf-transform/core. The scene's
// default scene is walked with node transforms applied (project decision 13): positions by the world matrix,
// normals by its inverse transpose, tangents by its linear part, and mirroring transforms flip the winding so
// the front face stays the front. TRIANGLES primitives, indexed or not; other modes are an error. The JSON is
// checked against its buffers (counts, offsets, lengths) before any accessor is read, so a hostile file is
// rejected with a message instead of reading out of range or allocating a claimed size; likewise texture images
// are sized from their headers and charged to the scene's texel budget before any is decoded (gltf-images.ts),
// each distinct image once. Extensions: the emissive strength of KHR_materials_emissive_strength and
// KHR_texture_transform (with texture coordinate sets: gltf-uv.ts) are honoured; a file that requires any other
// extension (mesh compression, say) is rejected by name, and features read but not rendered (optional
// extensions, texture slots that disagree) are listed in the mesh's notes.
import { Logger, PlatformIO, type Accessor, type Document, type Material, type Node, type Texture } from '@gltf-transform/core';
import { MAX_TRIANGLES } from '../../../src/lib/limits.ts';
import { TexelBudget, type ImageDecoder } from '../texture/image.ts';
import { MAX_VERTICES, MeshParseError } from './builder.ts';
import { GltfImages } from './gltf-images.ts';
import { DEFAULT_GLTF_MATERIAL, type GltfMaterial, type GltfTextureRef } from './gltf-material.ts';
import { IDENTITY_UV_MAPPING, mapUv, materialUvMapping, TEXTURE_TRANSFORM, type UvMapping } from './gltf-uv.ts';
import type { TriangleMesh } from './mesh.ts';

/** Reads an external resource named by a URI in the file (relative to the .gltf file's folder). */
export type ResourceResolver = (uri: string) => Promise<Uint8Array>;

export interface GltfLoadOptions {
  /** External `.bin` and image files; without it only self-contained files (GLB, data URIs) load. */
  readonly resolve?: ResourceResolver;
  /**
   * 'headers-only' sizes and budgets the images without decoding them (upload checks): the mesh's `images` then
   * stay empty, so such a mesh is for inspection, never for rendering.
   */
  readonly decodeImage: ImageDecoder | 'headers-only';
  /** The scene's texture budget, shared by its mesh files; a fresh MAX_TEXTURE_TEXELS one when absent. */
  readonly texelBudget?: TexelBudget;
}

const GLB_MAGIC = 0x46546c67;
const TRIANGLES = 4;
const MAX_NODE_DEPTH = 64;
/** Node visits (a node reached through several parents counts each time). */
const MAX_NODE_VISITS = 100_000;
/** The key @gltf-transform gives a GLB's binary chunk among the resources. */
const GLB_BUFFER = '@glb.bin';
/** The main file's name inside the I/O below (never a real URI: it cannot contain a NUL). */
const MAIN = '\0main';

export function isGlb(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && new DataView(bytes.buffer, bytes.byteOffset, 12).getUint32(0, true) === GLB_MAGIC;
}

/** An @gltf-transform I/O reading the main file from memory and every other URI through the caller's resolver. */
class ResolverIO extends PlatformIO {
  constructor(
    private readonly main: Uint8Array<ArrayBuffer>,
    private readonly fileName: string,
    private readonly resolver: ResourceResolver | undefined
  ) {
    super();
    this.setLogger(new Logger(Logger.Verbosity.SILENT));
  }

  protected readURI(uri: string, type: 'view'): Promise<Uint8Array<ArrayBuffer>>;
  protected readURI(uri: string, type: 'text'): Promise<string>;
  protected async readURI(uri: string, type: 'view' | 'text'): Promise<Uint8Array<ArrayBuffer> | string> {
    let bytes: Uint8Array<ArrayBuffer>;
    if (uri === MAIN) bytes = this.main;
    else {
      if (!this.resolver) throw new MeshParseError(`${this.fileName}: glTF: external resource "${uri.slice(0, 200)}" (only self-contained files are accepted here: GLB or data URIs)`);
      let name: string;
      try {
        name = decodeURIComponent(uri);
      } catch {
        throw new MeshParseError(`${this.fileName}: glTF: resource URI "${uri.slice(0, 200)}" is not valid`);
      }
      bytes = new Uint8Array(await this.resolver(name));
    }
    return type === 'text' ? new TextDecoder().decode(bytes) : bytes;
  }

  protected resolve(_base: string, path: string): string {
    return path;
  }

  protected dirname(): string {
    return '';
  }
}

type Json = Record<string, unknown>;
const COMPONENT_BYTES: Record<number, number> = { 5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4 };
const TYPE_SIZE: Record<string, number> = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4, MAT2: 4, MAT3: 9, MAT4: 16 };

/** Extensions whose data the loader reads from the JSON itself (@gltf-transform drops unregistered ones). */
const EMISSIVE_STRENGTH = 'KHR_materials_emissive_strength';
const HONOURED_EXTENSIONS = new Set([EMISSIVE_STRENGTH, TEXTURE_TRANSFORM]);

/**
 * A file that requires an extension this loader does not read would be misread (compressed geometry, say):
 * reject it by name. Required extensions it does read are removed from the list, since @gltf-transform refuses
 * required extensions it has no handler for.
 */
function checkRequiredExtensions(json: Json, fail: (m: string) => never): void {
  const required = json.extensionsRequired;
  if (required === undefined) return;
  if (!Array.isArray(required) || !required.every((x) => typeof x === 'string')) fail('"extensionsRequired" is not a list of names');
  const unsupported = required.filter((name) => !HONOURED_EXTENSIONS.has(name));
  if (unsupported.length > 0) {
    fail(`the file requires ${unsupported.map((n) => `"${n.slice(0, 100)}"`).join(', ')}, which this renderer does not read (export the model without that extension, e.g. uncompressed)`);
  }
  delete json.extensionsRequired;
}

/** KHR_materials_emissive_strength's factor of a JSON material (1 without the extension). */
function emissiveStrength(material: Json | undefined): number {
  const extensions = material?.extensions as Json | undefined;
  const strength = (extensions?.[EMISSIVE_STRENGTH] as Json | undefined)?.emissiveStrength;
  return typeof strength === 'number' && Number.isFinite(strength) && strength >= 0 ? strength : 1;
}

const isCount = (x: unknown, max: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= max;

/**
 * Every buffer view and accessor must lie inside its buffer, with counts under the vertex limit: checked on the
 * JSON before @gltf-transform reads (and allocates) anything.
 */
function checkLayout(json: Json, resources: Record<string, Uint8Array | null>, fail: (m: string) => never): void {
  const list = (key: string): Json[] => {
    const value = json[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) fail(`"${key}" is not an array`);
    return value as Json[];
  };
  const bufferBytes = list('buffers').map((b, i) => {
    const data = typeof b.uri === 'string' ? resources[b.uri] : resources[GLB_BUFFER];
    if (!data) fail(`buffers[${i}] has no data`);
    if (!isCount(b.byteLength, data.length)) fail(`buffers[${i}].byteLength ${String(b.byteLength)} is more than its ${data.length} bytes of data`);
    return b.byteLength;
  });
  const views = list('bufferViews');
  views.forEach((v, i) => {
    if (!isCount(v.buffer, bufferBytes.length - 1)) fail(`bufferViews[${i}].buffer ${String(v.buffer)} does not exist`);
    const size = bufferBytes[v.buffer];
    const offset = v.byteOffset ?? 0;
    if (!isCount(offset, size) || !isCount(v.byteLength, size - offset)) {
      fail(`bufferViews[${i}] (offset ${String(offset)}, ${String(v.byteLength)} bytes) is outside buffers[${v.buffer}] (${size} bytes)`);
    }
    if (v.byteStride !== undefined && !(isCount(v.byteStride, 252) && v.byteStride >= 4)) fail(`bufferViews[${i}].byteStride ${String(v.byteStride)} is not valid`);
  });
  list('accessors').forEach((a, i) => {
    const where = `accessors[${i}]`;
    if (!isCount(a.count, MAX_VERTICES)) fail(`${where}.count ${String(a.count)} is not a count this renderer accepts (at most ${MAX_VERTICES.toLocaleString('en')})`);
    const component = COMPONENT_BYTES[a.componentType as number];
    const size = TYPE_SIZE[a.type as string];
    if (!component || !size) fail(`${where} has an unknown type (${String(a.type)}, componentType ${String(a.componentType)})`);
    const sparse = a.sparse as Json | undefined;
    if (sparse !== undefined && !isCount(sparse.count, a.count)) fail(`${where}.sparse.count ${String(sparse.count)} is more than the accessor's count`);
    if (a.bufferView === undefined) return;
    if (!isCount(a.bufferView, views.length - 1)) fail(`${where}.bufferView ${String(a.bufferView)} does not exist`);
    const view = views[a.bufferView];
    const element = component * size;
    const stride = (view.byteStride as number | undefined) ?? element;
    const offset = a.byteOffset ?? 0;
    const end = a.count === 0 ? 0 : (offset as number) + stride * (a.count - 1) + element;
    if (!isCount(offset, view.byteLength as number) || end > (view.byteLength as number)) {
      fail(`${where} (${a.count} × ${element} bytes at offset ${String(offset)}) reaches past the end of bufferViews[${a.bufferView}] (${String(view.byteLength)} bytes)`);
    }
  });
}

/** Column-major 4×4 world matrix → the maps for points, normals (cofactor, sign-corrected) and tangents. */
interface NodeMaps {
  readonly m: Float64Array;
  readonly normal: Float64Array;
  readonly mirrored: boolean;
}

function nodeMaps(world: ArrayLike<number>): NodeMaps {
  const m = Float64Array.from(world);
  // Linear part a[row][col] = m[col * 4 + row].
  const a = (r: number, c: number) => m[c * 4 + r];
  const det = a(0, 0) * (a(1, 1) * a(2, 2) - a(1, 2) * a(2, 1)) - a(0, 1) * (a(1, 0) * a(2, 2) - a(1, 2) * a(2, 0)) + a(0, 2) * (a(1, 0) * a(2, 1) - a(1, 1) * a(2, 0));
  // Inverse transpose up to the positive factor |det|: sign(det) · cofactor matrix (row-major 3×3).
  const s = det < 0 ? -1 : 1;
  const cof = (r: number, c: number) => {
    const r1 = (r + 1) % 3;
    const r2 = (r + 2) % 3;
    const c1 = (c + 1) % 3;
    const c2 = (c + 2) % 3;
    return s * (a(r1, c1) * a(r2, c2) - a(r1, c2) * a(r2, c1));
  };
  const normal = new Float64Array(9);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) normal[r * 3 + c] = cof(r, c);
  return { m, normal, mirrored: det < 0 };
}

interface PrimitiveJob {
  readonly maps: NodeMaps;
  readonly positions: Accessor;
  readonly indices: Accessor | null;
  readonly normals: Accessor | null;
  /** The TEXCOORD_n its material's textures use, mapped by `uvMapping`. */
  readonly uvs: Accessor | null;
  readonly uvMapping: UvMapping;
  readonly tangents: Accessor | null;
  readonly material: number;
  readonly triangles: number;
  readonly where: string;
}

/** Parses a .gltf or .glb file into a world-space mesh with per-corner shading data and its materials. */
export async function loadGltf(bytes: Uint8Array, fileName: string, options: GltfLoadOptions): Promise<TriangleMesh> {
  const fail = (message: string): never => {
    throw new MeshParseError(`${fileName}: glTF: ${message}`);
  };
  const io = new ResolverIO(new Uint8Array(bytes), fileName, options.resolve);
  let document: Document;
  let json: Json;
  try {
    const jsonDoc = await io.readAsJSON(MAIN);
    if (typeof jsonDoc.json !== 'object' || jsonDoc.json === null || Array.isArray(jsonDoc.json)) fail('the JSON is not an object');
    json = jsonDoc.json as unknown as Json;
    checkLayout(json, jsonDoc.resources, fail);
    checkRequiredExtensions(json, fail);
    document = await io.readJSON(jsonDoc);
  } catch (error) {
    if (error instanceof MeshParseError) throw error;
    return fail(`cannot be read (${(error as Error).message})`);
  }
  const root = document.getRoot();
  const scene = root.getDefaultScene() ?? root.listScenes()[0];
  if (!scene) fail('the file has no scene');

  const notes = new Set<string>();
  const used = json.extensionsUsed;
  if (Array.isArray(used)) {
    for (const name of used) if (typeof name === 'string' && !HONOURED_EXTENSIONS.has(name)) notes.add(`extension "${name.slice(0, 100)}" is not supported (ignored)`);
  }
  const documentMaterials = root.listMaterials();
  const jsonMaterial = (m: Material): Json | undefined => (Array.isArray(json.materials) ? (json.materials[documentMaterials.indexOf(m)] as Json | undefined) : undefined);

  // Walk the node tree once to list the primitives, checking modes, attributes and the triangle limit.
  const materials: GltfMaterial[] = [];
  /** Per entry of `materials`: how its textures address the surface (gltf-uv.ts). */
  const uvMappings: UvMapping[] = [];
  const materialIndex = new Map<Material | null, number>();
  const images = new GltfImages(root.listTextures(), fail);
  const jobs: PrimitiveJob[] = [];
  let triangles = 0;
  let visits = 0;
  const textureRef = (texture: Texture | null): GltfTextureRef | undefined => (texture ? { image: images.indexOf(texture) } : undefined);
  const material = (m: Material | null): number => {
    let index = materialIndex.get(m);
    if (index === undefined) {
      index = materials.length;
      materialIndex.set(m, index);
      const label = m ? `material "${m.getName().slice(0, 100)}"` : '';
      materials.push(m ? readMaterial(m, label, textureRef, emissiveStrength(jsonMaterial(m)), notes) : DEFAULT_GLTF_MATERIAL);
      uvMappings.push(m ? materialUvMapping(jsonMaterial(m), label, notes) : IDENTITY_UV_MAPPING);
    }
    return index;
  };
  const visit = (node: Node, depth: number, where: string) => {
    if (depth > MAX_NODE_DEPTH) fail(`${where}: nodes nested more than ${MAX_NODE_DEPTH} deep`);
    if (++visits > MAX_NODE_VISITS) fail(`more than ${MAX_NODE_VISITS.toLocaleString('en')} node instances`);
    const mesh = node.getMesh();
    if (mesh) {
      const maps = nodeMaps(node.getWorldMatrix());
      if (!Array.from(maps.m).every(Number.isFinite)) fail(`${where} "${node.getName()}": the transform is not finite`);
      mesh.listPrimitives().forEach((p, k) => {
        const at = `${where} mesh "${mesh.getName()}" primitive ${k}`;
        if (p.getMode() !== TRIANGLES) fail(`${at}: mode ${p.getMode()} is not TRIANGLES (4), the only mode this renderer reads`);
        const positions = p.getAttribute('POSITION');
        if (!positions) return fail(`${at}: no POSITION attribute`);
        if (positions.getElementSize() !== 3) fail(`${at}: POSITION is not VEC3`);
        const indices = p.getIndices();
        const corners = indices ? indices.getCount() : positions.getCount();
        if (corners % 3 !== 0) fail(`${at}: ${corners} ${indices ? 'indices' : 'vertices'} is not a whole number of triangles`);
        triangles += corners / 3;
        if (triangles > MAX_TRIANGLES) fail(`more than ${MAX_TRIANGLES.toLocaleString('en')} triangles (the limit per scene)`);
        const attribute = (name: string, size: number) => {
          const a = p.getAttribute(name);
          if (a && a.getElementSize() !== size) fail(`${at}: ${name} must have ${size} components`);
          if (a && a.getCount() !== positions.getCount()) fail(`${at}: ${name} has ${a.getCount()} elements, POSITION ${positions.getCount()}`);
          return a;
        };
        const materialIndex = material(p.getMaterial());
        const uvMapping = uvMappings[materialIndex];
        jobs.push({
          maps,
          positions,
          indices,
          normals: attribute('NORMAL', 3),
          uvs: attribute(`TEXCOORD_${uvMapping.texCoord}`, 2),
          uvMapping,
          tangents: attribute('TANGENT', 4),
          material: materialIndex,
          triangles: corners / 3,
          where: at
        });
      });
    }
    node.listChildren().forEach((child, i) => visit(child, depth + 1, `${where}.children[${i}]`));
  };
  scene.listChildren().forEach((node, i) => visit(node, 0, `scene node ${i}`));
  if (triangles === 0) fail('the scene has no triangles');
  // Sized from the headers, before the geometry's arrays or any decoded pixels are allocated.
  images.charge(options.texelBudget ?? new TexelBudget());

  const hasNormals = jobs.some((j) => j.normals);
  const hasUvs = jobs.some((j) => j.uvs);
  const hasTangents = jobs.some((j) => j.tangents);
  const positionsOut = new Float32Array(9 * triangles);
  const indicesOut = new Uint32Array(3 * triangles);
  const normalsOut = hasNormals ? new Float32Array(9 * triangles) : undefined;
  const uvsOut = hasUvs ? new Float32Array(6 * triangles) : undefined;
  const tangentsOut = hasTangents ? new Float32Array(12 * triangles) : undefined;
  const triangleMaterials = new Uint32Array(triangles);
  let t = 0;
  const e: number[] = [];
  for (const job of jobs) {
    const { m, normal, mirrored } = job.maps;
    const linear = [m[0], m[4], m[8], m[1], m[5], m[9], m[2], m[6], m[10]];
    const count = job.positions.getCount();
    for (let k = 0; k < 3 * job.triangles; k++) {
      // Mirrored nodes swap corners 1 and 2 of each triangle to keep the front face.
      const corner = mirrored && k % 3 !== 0 ? k + (k % 3 === 1 ? 1 : -1) : k;
      const vertex = job.indices ? job.indices.getScalar(corner) : corner;
      if (!(Number.isInteger(vertex) && vertex >= 0 && vertex < count)) {
        fail(`${job.where}: index ${vertex} (at ${corner}) is out of range (${count} vertices)`);
      }
      const out = 3 * t + k;
      job.positions.getElement(vertex, e);
      const [x, y, z] = [e[0], e[1], e[2]];
      for (let r = 0; r < 3; r++) {
        const w = m[r] * x + m[4 + r] * y + m[8 + r] * z + m[12 + r];
        positionsOut[3 * out + r] = w;
        if (!Number.isFinite(positionsOut[3 * out + r])) fail(`${job.where}: vertex ${vertex} (${x}, ${y}, ${z}) is not finite in 32-bit floats`);
      }
      indicesOut[out] = out;
      if (normalsOut && job.normals) {
        job.normals.getElement(vertex, e);
        transformDirection(normal, e, normalsOut, 3 * out, () => fail(`${job.where}: NORMAL ${vertex} is not finite`));
      }
      if (uvsOut && job.uvs) {
        job.uvs.getElement(vertex, e);
        if (!Number.isFinite(e[0]) || !Number.isFinite(e[1])) fail(`${job.where}: TEXCOORD_${job.uvMapping.texCoord} ${vertex} is not finite`);
        mapUv(job.uvMapping, e[0], e[1], uvsOut, 2 * out);
      }
      if (tangentsOut && job.tangents) {
        job.tangents.getElement(vertex, e);
        // Tangents follow the linear part; the bitangent sign flips with a mirror.
        transformDirection(linear, e, tangentsOut, 4 * out, () => fail(`${job.where}: TANGENT ${vertex} is not finite`));
        tangentsOut[4 * out + 3] = (e[3] < 0 ? -1 : 1) * (mirrored ? -1 : 1);
      }
    }
    triangleMaterials.fill(job.material, t, t + job.triangles);
    t += job.triangles;
  }

  const decoded = options.decodeImage === 'headers-only' ? [] : await images.decode(options.decodeImage, fileName);

  return {
    positions: positionsOut,
    indices: indicesOut,
    corners: { normals: normalsOut, uvs: uvsOut, tangents: tangentsOut },
    surface: { triangleMaterials, materials, images: decoded },
    ...(notes.size > 0 ? { notes: [...notes].map((note) => `${fileName}: ${note}`) } : {})
  };
}

/** out[at..at+2] = normalize(M · v) for a row-major 3×3 M (a zero vector stays zero); non-finite input fails. */
function transformDirection(mat: ArrayLike<number>, v: readonly number[], out: Float32Array, at: number, fail: () => never): void {
  if (!Number.isFinite(v[0]) || !Number.isFinite(v[1]) || !Number.isFinite(v[2])) fail();
  const x = mat[0] * v[0] + mat[1] * v[1] + mat[2] * v[2];
  const y = mat[3] * v[0] + mat[4] * v[1] + mat[5] * v[2];
  const z = mat[6] * v[0] + mat[7] * v[1] + mat[8] * v[2];
  const len = Math.hypot(x, y, z);
  const s = len > 0 && Number.isFinite(len) ? 1 / len : 0;
  out[at] = x * s;
  out[at + 1] = y * s;
  out[at + 2] = z * s;
}

/** The material as the renderer uses it (`label` names it in notes); what it cannot render as asked goes into `notes`. */
function readMaterial(m: Material, label: string, textureRef: (t: Texture | null) => GltfTextureRef | undefined, strength: number, notes: Set<string>): GltfMaterial {
  const finite = (x: number, fallback: number) => (Number.isFinite(x) ? x : fallback);
  const base = m.getBaseColorFactor();
  // Emission is linear radiance scale: the strength multiplies the factor (it may exceed 1).
  const emissive = m.getEmissiveFactor().map((x) => finite(x, 0) * strength);
  return {
    name: m.getName(),
    baseColorFactor: [finite(base[0], 1), finite(base[1], 1), finite(base[2], 1), finite(base[3], 1)],
    baseColorTexture: textureRef(m.getBaseColorTexture()),
    alphaMode: m.getAlphaMode(),
    alphaCutoff: finite(m.getAlphaCutoff(), 0.5),
    metallicFactor: finite(m.getMetallicFactor(), 1),
    roughnessFactor: finite(m.getRoughnessFactor(), 1),
    metallicRoughnessTexture: textureRef(m.getMetallicRoughnessTexture()),
    normalTexture: textureRef(m.getNormalTexture()),
    normalScale: finite(m.getNormalScale(), 1),
    occlusionTexture: textureRef(m.getOcclusionTexture()),
    occlusionStrength: finite(m.getOcclusionStrength(), 1),
    emissiveFactor: [emissive[0], emissive[1], emissive[2]],
    emissiveTexture: textureRef(m.getEmissiveTexture())
  };
}
