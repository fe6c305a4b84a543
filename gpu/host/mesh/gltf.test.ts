// glTF loader: node transforms, indexed and non-indexed primitives, materials and images, hostile files.
import { readFile } from 'node:fs/promises';
import { Document, NodeIO } from '@gltf-transform/core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImageNode } from '../../../worker/image-decoder.ts';
import { MeshParseError } from './builder.ts';
import { isGlb, loadGltf } from './gltf.ts';

const options = { decodeImage: decodeImageNode };

/** A document with one triangle mesh (indexed or not) under the given nodes. */
function triangleDoc(indexed: boolean) {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const positions = doc.createAccessor().setType('VEC3').setArray(new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0])).setBuffer(buffer);
  const normals = doc.createAccessor().setType('VEC3').setArray(new Float32Array([0, 0, 1, 0, 0, 1, 0, 0, 1])).setBuffer(buffer);
  const primitive = doc.createPrimitive().setAttribute('POSITION', positions).setAttribute('NORMAL', normals);
  if (indexed) primitive.setIndices(doc.createAccessor().setType('SCALAR').setArray(new Uint16Array([0, 1, 2])).setBuffer(buffer));
  const mesh = doc.createMesh('tri').addPrimitive(primitive);
  const scene = doc.createScene();
  return { doc, mesh, scene, primitive, buffer };
}

const glb = (doc: Document) => new NodeIO().writeBinary(doc);

/** The document as a self-contained .gltf (data URI buffers and images), its JSON edited first. */
async function gltfText(doc: Document, edit: (json: Record<string, unknown>) => void): Promise<Uint8Array> {
  const { json, resources } = await new NodeIO().writeJSON(doc, { basename: 'x' });
  const dataUri = (uri: string, type: string) => `data:${type};base64,${Buffer.from(resources[uri]).toString('base64')}`;
  for (const buffer of json.buffers ?? []) buffer.uri = dataUri(buffer.uri!, 'application/octet-stream');
  for (const image of json.images ?? []) if (image.uri) image.uri = dataUri(image.uri, image.mimeType ?? 'image/png');
  edit(json as unknown as Record<string, unknown>);
  return new TextEncoder().encode(JSON.stringify(json));
}
const round = (a: ArrayLike<number>) => Array.from(a, (x) => Math.round(x * 1e6) / 1e6 + 0);

describe('loadGltf', () => {
  it('applies the node hierarchy: parent translation, child rotation and non-uniform scale', async () => {
    const { doc, mesh, scene } = triangleDoc(true);
    const child = doc.createNode('child').setMesh(mesh).setScale([2, 3, 1]).setRotation([0, 0, Math.SQRT1_2, Math.SQRT1_2]);
    scene.addChild(doc.createNode('parent').setTranslation([10, 0, 0]).addChild(child));
    const m = await loadGltf(await glb(doc), 't.glb', options);
    // Scale then rotate +90° about z: (1,0,0) → (2,0,0) → (0,2,0); (0,1,0) → (0,3,0) → (−3,0,0); then +10 x.
    expect(round(m.positions)).toEqual([10, 0, 0, 10, 2, 0, 7, 0, 0]);
    expect(Array.from(m.indices)).toEqual([0, 1, 2]);
    // The normal +z stays +z (rotation about z), unit length.
    expect(round(m.corners!.normals!)).toEqual([0, 0, 1, 0, 0, 1, 0, 0, 1]);
    expect(m.surface!.materials).toHaveLength(1);
    expect(m.surface!.materials[0].metallicFactor).toBe(1);
  });

  it('transforms normals by the inverse transpose and keeps the front face under a mirror', async () => {
    const { doc, mesh, scene } = triangleDoc(false);
    // Normal (0,0,1) under scale (1, 1, 4): stays (0,0,1); a mirror in z flips winding and normal together.
    scene.addChild(doc.createNode('mirror').setMesh(mesh).setScale([1, 1, -4]));
    const m = await loadGltf(await glb(doc), 't.glb', options);
    const p = m.positions;
    const [a, b, c] = [0, 1, 2].map((k) => [p[3 * k], p[3 * k + 1], p[3 * k + 2]]);
    const u = b.map((x, i) => x - a[i]);
    const v = c.map((x, i) => x - a[i]);
    const geometric = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
    const n = m.corners!.normals!;
    expect(round(n.subarray(0, 3))).toEqual([0, 0, -1]);
    // Geometric normal from the (swapped) winding agrees with the shading normal.
    expect(geometric[2] * n[2]).toBeGreaterThan(0);
  });

  it('reads non-indexed triangles and a mesh instanced by two nodes', async () => {
    const { doc, mesh, scene } = triangleDoc(false);
    scene.addChild(doc.createNode('a').setMesh(mesh));
    scene.addChild(doc.createNode('b').setMesh(mesh).setTranslation([0, 0, 5]));
    const m = await loadGltf(await glb(doc), 't.glb', options);
    expect(m.indices.length).toBe(6);
    expect(m.positions[3 * 3 + 2]).toBe(5);
  });

  it('reads the bundled sample: materials, decoded images, per-corner uvs and tangents', async () => {
    const bytes = new Uint8Array(await readFile(new URL('../../../static/models/gltf-sample.glb', import.meta.url)));
    expect(isGlb(bytes)).toBe(true);
    const started = performance.now();
    const m = await loadGltf(bytes, 'gltf-sample.glb', options);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(5000);
    expect(m.indices.length / 3).toBe(2 + 12 + 2);
    const s = m.surface!;
    expect(s.materials.map((x) => x.name)).toEqual(['panel', 'striped metal', 'sign']);
    expect(s.images.map((i) => [i.width, i.height])).toEqual([[16, 16], [16, 16], [16, 16], [16, 16]]);
    // The red-blue image: left texel red, right texel blue, as written.
    const red = s.images[s.materials[0].baseColorTexture!.image];
    expect(Array.from(red.data.subarray(0, 4))).toEqual([230, 20, 20, 255]);
    expect(Array.from(red.data.subarray(4 * 15, 4 * 16))).toEqual([20, 40, 230, 255]);
    expect(s.materials[2].emissiveFactor).toEqual([4, 3, 2]);
    expect(m.corners!.uvs!.length).toBe(6 * 16);
    expect(m.corners!.tangents!.length).toBe(12 * 16);
  });

  it('resolves external .bin and images through the caller, and refuses them without a resolver', async () => {
    const { doc, mesh, scene } = triangleDoc(true);
    scene.addChild(doc.createNode().setMesh(mesh));
    const { json, resources } = await new NodeIO().writeJSON(doc, { basename: 'scene' });
    const text = new TextEncoder().encode(JSON.stringify(json));
    const asked: string[] = [];
    const m = await loadGltf(text, 'scene.gltf', {
      ...options,
      resolve: async (uri) => {
        asked.push(uri);
        return resources[uri];
      }
    });
    expect(asked).toEqual(['scene.bin']);
    expect(m.indices.length).toBe(3);
    await expect(loadGltf(text, 'scene.gltf', options)).rejects.toThrow(/scene.gltf: glTF: external resource "scene.bin"/);
  });

  describe('rejects hostile files with a clear message', () => {
    /** The parts of the glTF JSON the cases edit. */
    interface GltfJson {
      accessors: Array<Record<string, number>>;
      bufferViews: Array<Record<string, number>>;
      buffers: Array<{ uri: string; byteLength: number }>;
      meshes: Array<{ primitives: Array<{ indices: number; mode?: number; attributes: Record<string, number> }> }>;
      scenes?: unknown;
      scene?: unknown;
      extensionsRequired?: unknown;
    }
    async function jsonWith(edit: (json: GltfJson) => void): Promise<Uint8Array> {
      const { doc, mesh, scene } = triangleDoc(true);
      scene.addChild(doc.createNode().setMesh(mesh));
      return gltfText(doc, (json) => edit(json as unknown as GltfJson));
    }
    const indexAccessor = (json: GltfJson) => json.accessors[json.meshes[0].primitives[0].indices];
    const cases: Array<[string, (json: GltfJson) => void, RegExp]> = [
      ['an index out of range', (j) => {
        // Rewrite the index buffer's bytes: the data URI holds positions, normals, then indices.
        const acc = indexAccessor(j);
        const view = j.bufferViews[acc.bufferView];
        const bytes = Buffer.from(j.buffers[0].uri.split(',')[1], 'base64');
        bytes.writeUInt16LE(7, (view.byteOffset ?? 0) + (acc.byteOffset ?? 0));
        j.buffers[0].uri = `data:application/octet-stream;base64,${bytes.toString('base64')}`;
      }, /index 7 \(at 0\) is out of range \(3 vertices\)/],
      ['a NaN vertex', (j) => {
        const acc = j.accessors[j.meshes[0].primitives[0].attributes.POSITION];
        const view = j.bufferViews[acc.bufferView];
        const bytes = Buffer.from(j.buffers[0].uri.split(',')[1], 'base64');
        bytes.writeFloatLE(NaN, (view.byteOffset ?? 0) + (acc.byteOffset ?? 0) + 4);
        j.buffers[0].uri = `data:application/octet-stream;base64,${bytes.toString('base64')}`;
      }, /vertex 0 \(0, NaN, 0\) is not finite/],
      ['an accessor past its buffer view', (j) => (indexAccessor(j).count = 300), /accessors\[\d\] \(300 × 2 bytes at offset 0\) reaches past the end of bufferViews/],
      ['a huge count', (j) => (indexAccessor(j).count = 2 ** 31), /count 2147483648 is not a count this renderer accepts/],
      ['a buffer view outside its buffer', (j) => (j.bufferViews[0].byteLength = 1e9), /bufferViews\[0\] .* is outside buffers\[0\]/],
      ['a buffer longer than its data', (j) => (j.buffers[0].byteLength = 1e9), /buffers\[0\].byteLength 1000000000 is more than its \d+ bytes of data/],
      ['a mode other than triangles', (j) => (j.meshes[0].primitives[0].mode = 1), /mode 1 is not TRIANGLES/],
      ['indices that are not whole triangles', (j) => (indexAccessor(j).count = 2), /2 indices is not a whole number of triangles/],
      ['a missing bufferView', (j) => (indexAccessor(j).bufferView = 42), /bufferView 42 does not exist/],
      ['no scene', (j) => { delete j.scenes; delete j.scene; }, /no scene/],
      ['a required extension it cannot read', (j) => (j.extensionsRequired = ['KHR_draco_mesh_compression']), /requires "KHR_draco_mesh_compression", which this renderer does not read/],
      ['a malformed extensionsRequired', (j) => (j.extensionsRequired = 'KHR_draco_mesh_compression'), /"extensionsRequired" is not a list of names/]
    ];
    for (const [name, edit, message] of cases) {
      it(name, async () => {
        const bytes = await jsonWith(edit);
        await expect(loadGltf(bytes, 'bad.gltf', options)).rejects.toThrow(MeshParseError);
        await expect(loadGltf(bytes, 'bad.gltf', options)).rejects.toThrow(message);
      });
    }
    it('truncated or garbage bytes', async () => {
      const good = await glb(triangleDoc(true).doc);
      await expect(loadGltf(good.subarray(0, 30), 'cut.glb', options)).rejects.toThrow(/cut.glb: glTF: cannot be read/);
      await expect(loadGltf(new TextEncoder().encode('{not json'), 'x.gltf', options)).rejects.toThrow(/x.gltf: glTF: cannot be read/);
    });
  });

  describe('extensions, texture coordinates and features it does not render', () => {
    const UV0 = [0, 0, 1, 0, 0, 1];
    const UV1 = [0.5, 0.5, 0.75, 0.5, 0.5, 0.75];
    /** A triangle with one material (emissive, with a base colour texture) and two uv sets, as a .gltf. */
    async function materialDoc(edit: (json: MaterialJson) => void) {
      const { doc, mesh, scene, primitive } = triangleDoc(true);
      const buffer = doc.getRoot().listBuffers()[0];
      primitive.setAttribute('TEXCOORD_0', doc.createAccessor().setType('VEC2').setArray(new Float32Array(UV0)).setBuffer(buffer));
      primitive.setAttribute('TEXCOORD_1', doc.createAccessor().setType('VEC2').setArray(new Float32Array(UV1)).setBuffer(buffer));
      const png = await sharp({ create: { width: 1, height: 1, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 1 } } }).png().toBuffer();
      const texture = doc.createTexture('red').setImage(new Uint8Array(png)).setMimeType('image/png');
      primitive.setMaterial(doc.createMaterial('lamp').setEmissiveFactor([1, 0.5, 0]).setBaseColorTexture(texture).setEmissiveTexture(texture));
      scene.addChild(doc.createNode().setMesh(mesh));
      return loadGltf(await gltfText(doc, (json) => edit(json as unknown as MaterialJson)), 'lamp.gltf', options);
    }
    interface TextureInfoJson {
      texCoord?: number;
      extensions?: Record<string, unknown>;
    }
    interface MaterialJson {
      materials: Array<{ pbrMetallicRoughness: { baseColorTexture: TextureInfoJson }; emissiveTexture: TextureInfoJson } & Record<string, unknown>>;
      extensionsUsed?: string[];
      extensionsRequired?: string[];
    }
    const uvs = (m: Awaited<ReturnType<typeof materialDoc>>) => round(m.corners!.uvs!);

    it('KHR_materials_emissive_strength multiplies the emissive factor, even when required', async () => {
      const m = await materialDoc((j) => {
        j.materials[0].extensions = { KHR_materials_emissive_strength: { emissiveStrength: 8 } };
        j.extensionsUsed = ['KHR_materials_emissive_strength'];
        j.extensionsRequired = ['KHR_materials_emissive_strength'];
      });
      expect(m.surface!.materials[0].emissiveFactor).toEqual([8, 4, 0]);
      expect(m.notes).toBeUndefined();
      expect(uvs(m)).toEqual(UV0);
    });

    it("bakes KHR_texture_transform into the uvs: the extension's own example maps onto the lower-left quadrant", async () => {
      // "utilizes only the lower left quadrant of the source image, rotated clockwise 90°" (KHR_texture_transform).
      const transform = { KHR_texture_transform: { offset: [0, 1], rotation: Math.PI / 2, scale: [0.5, 0.5] } };
      const m = await materialDoc((j) => {
        j.materials[0].pbrMetallicRoughness.baseColorTexture.extensions = transform;
        j.materials[0].emissiveTexture.extensions = transform;
        j.extensionsUsed = ['KHR_texture_transform'];
      });
      expect(m.notes).toBeUndefined();
      // (0, 0), (1, 0), (0, 1) → (0, 1), (0, 0.5), (0.5, 1): u ∈ [0, 0.5], v ∈ [0.5, 1] (v points down the image).
      expect(uvs(m)).toEqual([0, 1, 0, 0.5, 0.5, 1]);
    });

    it("reads the texture coordinate set its textures name (TEXCOORD_1), or the extension's override", async () => {
      const set1 = await materialDoc((j) => {
        j.materials[0].pbrMetallicRoughness.baseColorTexture.texCoord = 1;
        j.materials[0].emissiveTexture.texCoord = 1;
      });
      expect(uvs(set1)).toEqual(UV1);
      const override = await materialDoc((j) => {
        for (const info of [j.materials[0].pbrMetallicRoughness.baseColorTexture, j.materials[0].emissiveTexture]) {
          info.extensions = { KHR_texture_transform: { texCoord: 1 } };
        }
      });
      expect(uvs(override)).toEqual(UV1);
    });

    it('lists what it reads but does not render: slots that disagree, optional extensions; reads the alpha mode', async () => {
      const m = await materialDoc((j) => {
        j.materials[0].alphaMode = 'MASK';
        j.materials[0].emissiveTexture.texCoord = 1;
        j.extensionsUsed = ['KHR_materials_clearcoat'];
      });
      expect(m.notes).toEqual([
        'lamp.gltf: extension "KHR_materials_clearcoat" is not supported (ignored)',
        'lamp.gltf: material "lamp": emissiveTexture use other texture coordinates than baseColorTexture, which is not supported (sampled like baseColorTexture)'
      ]);
      // Everything else still loads, sampled with the base colour's set.
      expect(m.surface!.materials[0]).toMatchObject({ alphaMode: 'MASK', alphaCutoff: 0.5, emissiveFactor: [1, 0.5, 0] });
      expect(m.surface!.images).toHaveLength(1);
      expect(uvs(m)).toEqual(UV0);
    });
  });
});
