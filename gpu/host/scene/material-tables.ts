// Material and texture tables of a compiled scene: each texture becomes a Texture record whose colours are sigmoid
// spectra fitted once per distinct colour, each material a Material record; named materials are resolved as the
// reference does and compiled once. Mean emitted power per material feeds the light selection.
import { colorInitToXyzE, dielectricColorToXyzE } from '../../../src/lib/color/convert.ts';
import { resolveMaterial, type Material, type MaterialInit, type SceneFile, type Texture } from '../../../src/lib/scene/index.ts';
import { fitSigmoidSpectrum, sigmoidSpectrumEval, type SigmoidCoefficients } from '../spectrum/sigmoid.ts';
import { illuminantTable, packIlluminants } from '../spectrum/illuminants.ts';
import { packArray, type StructValues } from '../shader/struct-layout.ts';
import type { V3 } from '../math/vec3.ts';
import { MATERIAL_FLAG, MATERIAL_KIND, NO_TEXTURE, TEXTURE_FLAG, TEXTURE_KIND } from './kinds.ts';
import type { GltfMaterial, GltfTextureRef } from '../mesh/gltf-material.ts';
import type { DecodedImage } from '../texture/image.ts';
import { packAtlas, type TextureAtlas } from '../texture/atlas.ts';
import { rgbSpectrum } from '../texture/rgb-basis.ts';
import { srgbDecode } from '../../../src/lib/color/srgb.ts';
import { MATERIAL_RECORD, TEXTURE_RECORD } from './records.ts';

/** A scene material's kind, or 'glTF' for a material that came with a glTF file. */
export type MaterialKindName = Material['kind'] | 'glTF';

export const EMITTER_KINDS: ReadonlySet<MaterialKindName> = new Set(['DiffuseLight', 'ConeLight']);

/** Wavelengths (nm) at which mean powers are estimated. */
const NM = Array.from({ length: 40 }, (_, i) => 385 + i * 10);

function meanOf(f: (lambda: number) => number): number {
  let s = 0;
  for (const l of NM) s += f(l);
  return s / NM.length;
}

export interface PackedTables {
  readonly materials: ArrayBuffer;
  readonly textures: ArrayBuffer;
  readonly illuminants: Float32Array;
  readonly atlas: TextureAtlas;
}

export class MaterialTables {
  readonly materialRecords: StructValues[] = [];
  readonly materialKinds: MaterialKindName[] = [];
  /** Mean emitted radiance of each material (0 for non-emitters; glTF: see gltfEmissivePower). */
  readonly materialPower: number[] = [];
  readonly textureRecords: StructValues[] = [];
  readonly texturePower: number[] = [];
  private readonly textureIndex = new Map<string, number>();
  private readonly namedMaterialIndex = new Map<string, number>();
  /** Texture index → illuminant name; table offsets are known once every illuminant is (see pack). */
  private readonly pendingIlluminant = new Map<number, string>();
  private readonly spectrumCache = new Map<string, SigmoidCoefficients>();
  /** Images of glTF textures, packed into the atlas by pack(). */
  readonly images: DecodedImage[] = [];
  /** Texture index → image index; atlas rectangles are known once every image is (see pack). */
  private readonly pendingImage = new Map<number, number>();
  /** Image index → mean linear RGB of its sRGB-decoded texels. */
  private readonly imageMean = new Map<number, V3>();

  constructor(readonly scene: SceneFile) {}

  spectrum(xyz: V3): SigmoidCoefficients {
    const key = xyz.join(',');
    let c = this.spectrumCache.get(key);
    if (!c) {
      c = fitSigmoidSpectrum(xyz);
      this.spectrumCache.set(key, c);
    }
    return c;
  }

  texture(tex: Texture, path: string): number {
    const key = JSON.stringify(tex);
    const known = this.textureIndex.get(key);
    if (known !== undefined) return known;
    let record: StructValues;
    let power: number;
    switch (tex.kind) {
      case 'SolidColor': {
        const even = this.spectrum(colorInitToXyzE(tex.color));
        record = { kind: TEXTURE_KIND.solid, even };
        power = meanOf((l) => sigmoidSpectrumEval(even, l));
        break;
      }
      case 'SpatialChecker':
      case 'SurfaceChecker': {
        const even = this.spectrum(colorInitToXyzE(tex.even));
        const odd = this.spectrum(colorInitToXyzE(tex.odd));
        record = {
          kind: tex.kind === 'SpatialChecker' ? TEXTURE_KIND.spatialChecker : TEXTURE_KIND.surfaceChecker,
          even,
          odd,
          params: [tex.density, 0, 0, 0]
        };
        power = 0.5 * (meanOf((l) => sigmoidSpectrumEval(even, l)) + meanOf((l) => sigmoidSpectrumEval(odd, l)));
        break;
      }
      default: {
        const table = illuminantTable(tex.kind);
        record = { kind: TEXTURE_KIND.illuminant, params: [0, tex.intensity, 0, 0] };
        power = tex.intensity * meanOf((l) => table[Math.round(l) - 380]);
        this.pendingIlluminant.set(this.textureRecords.length, tex.kind);
      }
    }
    const index = this.textureRecords.length;
    this.textureRecords.push(record);
    this.texturePower.push(power);
    this.textureIndex.set(key, index);
    return index;
  }

  material(init: MaterialInit, path: string): number {
    const named = typeof init === 'string' ? init : undefined;
    if (named !== undefined) {
      const known = this.namedMaterialIndex.get(named);
      if (known !== undefined) return known;
    }
    const mat = resolveMaterial(this.scene, init);
    const matPath = named !== undefined ? `materials[${JSON.stringify(named)}]` : `${path}.material`;
    let texture = 0;
    let params: [number, number, number, number] = [0, 0, 0, 0];
    let kind: number;
    switch (mat.kind) {
      case 'Lambertian':
        kind = MATERIAL_KIND.lambertian;
        texture = this.texture(mat.albedo, `${matPath}.albedo`);
        break;
      case 'Metal':
        kind = MATERIAL_KIND.metal;
        texture = this.texture(mat.albedo, `${matPath}.albedo`);
        params = [Math.min(Math.max(mat.fuzz, 0), 1), 0, 0, 0];
        break;
      case 'Dielectric':
        kind = MATERIAL_KIND.dielectric;
        texture = this.texture({ kind: 'SolidColor', color: { xyz_e: dielectricColorToXyzE(mat.color) } }, `${matPath}.color`);
        params = [mat.refractive_index, 0, 0, 0];
        break;
      case 'Dispersive':
        kind = MATERIAL_KIND.dispersive;
        texture = this.texture({ kind: 'SolidColor', color: { xyz_e: [1, 1, 1] } }, matPath);
        params = [mat.cauchy_a, mat.cauchy_b, 0, 0];
        break;
      case 'DiffuseLight':
        kind = MATERIAL_KIND.diffuseLight;
        texture = this.texture(mat.emit, `${matPath}.emit`);
        break;
      case 'ConeLight':
        kind = MATERIAL_KIND.coneLight;
        texture = this.texture(mat.emit, `${matPath}.emit`);
        params = [mat.spread, 0, 0, 0];
        break;
      case 'Isotropic':
        kind = MATERIAL_KIND.isotropic;
        texture = this.texture(mat.albedo, `${matPath}.albedo`);
        break;
    }
    const film = mat.thin_film;
    const index = this.materialRecords.length;
    this.materialRecords.push({
      kind,
      texture,
      flags: film ? MATERIAL_FLAG.thinFilm : 0,
      params,
      film: film ? [film.refractive_index, film.thickness, 0, 0] : [0, 0, 0, 0]
    });
    this.materialKinds.push(mat.kind);
    this.materialPower.push(EMITTER_KINDS.has(mat.kind) ? this.texturePower[texture] : 0);
    if (named !== undefined) this.namedMaterialIndex.set(named, index);
    return index;
  }

  /** Adds a glTF file's images; returns the index its first image gets. */
  addImages(images: readonly DecodedImage[]): number {
    const base = this.images.length;
    this.images.push(...images);
    return base;
  }

  /** An image texture (or a factor alone): factor × texel, sRGB-decoded for colour textures. */
  private imageTexture(factor: readonly number[], ref: GltfTextureRef | undefined, imageBase: number, srgb: boolean): number {
    const image = ref ? imageBase + ref.image : -1;
    const key = JSON.stringify({ image: { factor, image, srgb } });
    const known = this.textureIndex.get(key);
    if (known !== undefined) return known;
    const index = this.textureRecords.length;
    this.textureRecords.push({ kind: TEXTURE_KIND.image, flags: srgb ? TEXTURE_FLAG.srgb : 0, even: factor });
    this.texturePower.push(0);
    this.textureIndex.set(key, index);
    if (image >= 0) this.pendingImage.set(index, image);
    return index;
  }

  /** A glTF metallic-roughness material (materials/gltf.wgsl); its images were added at `imageBase`. */
  gltfMaterial(m: GltfMaterial, imageBase: number): number {
    const texture = this.imageTexture(m.baseColorFactor, m.baseColorTexture, imageBase, true);
    const metalRough = this.imageTexture([1, m.roughnessFactor, m.metallicFactor, 1], m.metallicRoughnessTexture, imageBase, false);
    const normal = m.normalTexture ? this.imageTexture([1, 1, 1, 1], m.normalTexture, imageBase, false) : NO_TEXTURE;
    const occlusion = m.occlusionTexture ? this.imageTexture([1, 1, 1, 1], m.occlusionTexture, imageBase, false) : NO_TEXTURE;
    const emission = this.imageTexture([...m.emissiveFactor, 1], m.emissiveTexture, imageBase, true);
    const index = this.materialRecords.length;
    this.materialRecords.push({
      kind: MATERIAL_KIND.gltf,
      texture,
      flags: m.alphaMode === 'MASK' ? MATERIAL_FLAG.alphaMask : m.alphaMode === 'BLEND' ? MATERIAL_FLAG.alphaBlend : 0,
      film: [m.normalScale, m.occlusionStrength, m.alphaCutoff, 0],
      maps: [metalRough, normal, occlusion, emission]
    });
    this.materialKinds.push('glTF');
    this.materialPower.push(this.gltfEmissivePower(m, imageBase));
    return index;
  }

  /**
   * Mean emitted radiance of a glTF material, for light selection: the spectrum of emissive factor × the
   * emissive image's mean linear texel (the whole image, not each triangle's part of it). It only steers how
   * often a triangle is chosen, so it need not bound anything; it is > 0 whenever the material can emit at all,
   * which is what keeps next-event estimation unbiased.
   */
  private gltfEmissivePower(m: GltfMaterial, imageBase: number): number {
    const texel = m.emissiveTexture ? this.meanTexel(imageBase + m.emissiveTexture.image) : [1, 1, 1];
    const rgb = m.emissiveFactor.map((f, k) => Math.max(f, 0) * texel[k]) as [number, number, number];
    if (!rgb.some((c) => c > 0)) return 0;
    return meanOf((l) => rgbSpectrum(rgb, l, false));
  }

  /** Mean linear RGB of an sRGB-encoded image (emissive textures are colour textures). */
  private meanTexel(image: number): V3 {
    let mean = this.imageMean.get(image);
    if (!mean) {
      const { data } = this.images[image];
      const decode = Array.from({ length: 256 }, (_, i) => srgbDecode(i / 255));
      const sum = [0, 0, 0];
      for (let i = 0; i < data.length; i += 4) for (let k = 0; k < 3; k++) sum[k] += decode[data[i + k]];
      const n = data.length / 4;
      mean = [sum[0] / n, sum[1] / n, sum[2] / n];
      this.imageMean.set(image, mean);
    }
    return mean;
  }

  /** Packs the records; illuminant tables go into one buffer, each used table once, and images into the atlas. */
  pack(): PackedTables {
    const illuminants = packIlluminants([...this.pendingIlluminant.values()]);
    const atlas = packAtlas(this.images);
    const textures = this.textureRecords.map((record, index) => {
      const name = this.pendingIlluminant.get(index);
      if (name !== undefined) return { ...record, table_offset: illuminants.offsetOf.get(name)! };
      const image = this.pendingImage.get(index);
      if (image === undefined) return record;
      const r = atlas.rects[image];
      return { ...record, params: [r.x, r.y, r.width, r.height] };
    });
    return {
      materials: packArray(MATERIAL_RECORD, this.materialRecords),
      textures: packArray(TEXTURE_RECORD, textures),
      illuminants: illuminants.data,
      atlas
    };
  }
}
