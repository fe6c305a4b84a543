// Writes static/models/gltf-sample.glb, the bundled textured glTF example (our own work, CC0): a panel whose base
// colour texture is red on the left half and blue on the right, a metal-and-plastic cube under a two-level node
// hierarchy (translation, then rotation and scale) with metallic-roughness and normal textures and no indices,
// and an emissive sign placed by a matrix. Images are made with sharp. Run:
//   node --import ./scripts/register.mjs scripts/make-gltf-sample.ts [out.glb]
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Document, NodeIO, type Material, type Texture } from '@gltf-transform/core';
import sharp from 'sharp';

type Rgba = readonly [number, number, number, number];

/** A PNG of size×size pixels coloured by `texel(x, y)` (y = 0 is the top row, as glTF images are). */
async function png(size: number, texel: (x: number, y: number) => Rgba): Promise<Uint8Array> {
  const raw = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) raw.set(texel(x, y), 4 * (y * size + x));
  return new Uint8Array(await sharp(raw, { raw: { width: size, height: size, channels: 4 } }).png().toBuffer());
}

interface Geometry {
  positions: number[];
  normals: number[];
  uvs: number[];
  tangents: number[];
  indices?: number[];
}

/** A unit quad in the x-y plane facing +z, u to the right and v down (glTF uv origin is the image's top left). */
function quad(width: number, height: number): Geometry {
  const [w, h] = [width / 2, height / 2];
  return {
    positions: [-w, -h, 0, w, -h, 0, w, h, 0, -w, h, 0],
    normals: [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1],
    uvs: [0, 1, 1, 1, 1, 0, 0, 0],
    tangents: [1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1],
    indices: [0, 1, 2, 0, 2, 3]
  };
}

/** A cube of side 1 as 12 separate triangles (no indices), one flat normal and tangent frame per face. */
function cube(): Geometry {
  const g: Geometry = { positions: [], normals: [], uvs: [], tangents: [] };
  const faces: Array<[number[], number[], number[]]> = [
    [[0, 0, 1], [1, 0, 0], [0, 1, 0]],
    [[0, 0, -1], [-1, 0, 0], [0, 1, 0]],
    [[1, 0, 0], [0, 0, -1], [0, 1, 0]],
    [[-1, 0, 0], [0, 0, 1], [0, 1, 0]],
    [[0, 1, 0], [1, 0, 0], [0, 0, -1]],
    [[0, -1, 0], [1, 0, 0], [0, 0, 1]]
  ];
  for (const [n, t, b] of faces) {
    const corner = (s: number, r: number) => [0, 1, 2].map((k) => 0.5 * n[k] + 0.5 * s * t[k] + 0.5 * r * b[k]);
    const quadCorners = [corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, -1), corner(1, 1), corner(-1, 1)];
    const quadUvs = [[0, 1], [1, 1], [1, 0], [0, 1], [1, 0], [0, 0]];
    quadCorners.forEach((p, i) => {
      g.positions.push(...p);
      g.normals.push(...n);
      g.uvs.push(...quadUvs[i]);
      g.tangents.push(...t, 1);
    });
  }
  return g;
}

export async function makeGltfSample(): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const scene = doc.createScene('sample');
  doc.getRoot().setDefaultScene(scene);
  const accessor = (type: 'VEC2' | 'VEC3' | 'VEC4' | 'SCALAR', data: number[]) =>
    doc.createAccessor().setType(type).setArray(type === 'SCALAR' ? new Uint16Array(data) : new Float32Array(data)).setBuffer(buffer);
  const mesh = (name: string, g: Geometry, material: Material) => {
    const primitive = doc
      .createPrimitive()
      .setAttribute('POSITION', accessor('VEC3', g.positions))
      .setAttribute('NORMAL', accessor('VEC3', g.normals))
      .setAttribute('TEXCOORD_0', accessor('VEC2', g.uvs))
      .setAttribute('TANGENT', accessor('VEC4', g.tangents))
      .setMaterial(material);
    if (g.indices) primitive.setIndices(accessor('SCALAR', g.indices));
    return doc.createMesh(name).addPrimitive(primitive);
  };
  const texture = async (name: string, size: number, texel: (x: number, y: number) => Rgba): Promise<Texture> =>
    doc.createTexture(name).setMimeType('image/png').setImage(await png(size, texel));

  // Panel: left half red, right half blue (sRGB 8-bit), rough plastic.
  const halves = await texture('red-blue', 16, (x) => (x < 8 ? [230, 20, 20, 255] : [20, 40, 230, 255]));
  const panel = doc.createMaterial('panel').setBaseColorTexture(halves).setMetallicFactor(0).setRoughnessFactor(1);

  // Cube: stripes of metal (B = 255, G = roughness 0.3) and rough plastic, with a bumpy normal map.
  const metalRough = await texture('metal-stripes', 16, (x) => (Math.floor(x / 4) % 2 === 0 ? [0, 77, 255, 255] : [0, 230, 0, 255]));
  const bumps = await texture('bumps', 16, (x, y) => {
    const nx = 0.5 * Math.sin((2 * Math.PI * x) / 8);
    const ny = 0.5 * Math.sin((2 * Math.PI * y) / 8);
    const nz = Math.sqrt(Math.max(0, 1 - nx * nx - ny * ny));
    return [Math.round((nx * 0.5 + 0.5) * 255), Math.round((ny * 0.5 + 0.5) * 255), Math.round((nz * 0.5 + 0.5) * 255), 255];
  });
  const cubeMaterial = doc
    .createMaterial('striped metal')
    .setBaseColorFactor([0.9, 0.75, 0.4, 1])
    .setMetallicFactor(1)
    .setRoughnessFactor(1)
    .setMetallicRoughnessTexture(metalRough)
    .setNormalTexture(bumps);

  // Sign: an emissive texture (warm bars) scaled by all three emissive factors.
  const glow = await texture('glow', 16, (_x, y) => (Math.floor(y / 4) % 2 === 0 ? [255, 220, 120, 255] : [40, 40, 40, 255]));
  const sign = doc.createMaterial('sign').setBaseColorFactor([0.1, 0.1, 0.1, 1]).setMetallicFactor(0).setEmissiveTexture(glow).setEmissiveFactor([4, 3, 2]);

  scene.addChild(doc.createNode('panel').setMesh(mesh('panel', quad(1.5, 1.5), panel)).setTranslation([-0.85, 0.95, 0]));
  const parent = doc.createNode('cube base').setTranslation([0.9, 0.35, 0.2]);
  const c = Math.cos(Math.PI / 6);
  const s = Math.sin(Math.PI / 6);
  parent.addChild(doc.createNode('cube').setMesh(mesh('cube', cube(), cubeMaterial)).setRotation([0, Math.sin(Math.PI / 12), 0, Math.cos(Math.PI / 12)]).setScale([0.6, 0.6, 0.6]));
  scene.addChild(parent);
  // Column-major matrix: rotate -30° about x (tilt toward the camera), scale (1, 0.5, 1), translate.
  scene.addChild(doc.createNode('sign').setMesh(mesh('sign', quad(1.2, 0.6), sign)).setMatrix([1, 0, 0, 0, 0, 0.5 * c, -0.5 * s, 0, 0, s, c, 0, 0.9, 1.45, 0, 1]));
  return new NodeIO().writeBinary(doc);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? fileURLToPath(new URL('../static/models/gltf-sample.glb', import.meta.url));
  const bytes = await makeGltfSample();
  await writeFile(out, bytes);
  console.log(`wrote ${out} (${bytes.length} bytes)`);
}
