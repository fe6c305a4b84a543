// A glTF 2.0 metallic-roughness material as the loader hands it to the scene compiler: factors as the file gives
// them (linear, glTF spec §3.9), textures as indices into the mesh's decoded images.

/** A texture slot: which decoded image, sampled at the mesh's uvs (the material's set and transform: gltf-uv.ts). */
export interface GltfTextureRef {
  readonly image: number;
}

export interface GltfMaterial {
  readonly name: string;
  /** Linear RGBA; alpha is coverage, used as alphaMode says. */
  readonly baseColorFactor: readonly [number, number, number, number];
  /** OPAQUE ignores alpha; MASK is solid where alpha ≥ alphaCutoff; BLEND is solid with probability alpha. */
  readonly alphaMode: 'OPAQUE' | 'MASK' | 'BLEND';
  readonly alphaCutoff: number;
  readonly baseColorTexture?: GltfTextureRef;
  readonly metallicFactor: number;
  readonly roughnessFactor: number;
  /** G = roughness, B = metalness, linear. */
  readonly metallicRoughnessTexture?: GltfTextureRef;
  readonly normalTexture?: GltfTextureRef;
  readonly normalScale: number;
  /** R = occlusion, linear. */
  readonly occlusionTexture?: GltfTextureRef;
  readonly occlusionStrength: number;
  /** Linear RGB, all three used (project decision 13). */
  readonly emissiveFactor: readonly [number, number, number];
  readonly emissiveTexture?: GltfTextureRef;
}

/** The glTF spec's default material (no `material` on a primitive). */
export const DEFAULT_GLTF_MATERIAL: GltfMaterial = {
  name: '(default)',
  baseColorFactor: [1, 1, 1, 1],
  alphaMode: 'OPAQUE',
  alphaCutoff: 0.5,
  metallicFactor: 1,
  roughnessFactor: 1,
  normalScale: 1,
  occlusionStrength: 1,
  emissiveFactor: [0, 0, 0]
};
