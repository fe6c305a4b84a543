// GPU record kind tags, listed once here and emitted as WGSL constants (module 'generated/scene_kinds').

export const MATERIAL_KIND = {
  lambertian: 0,
  metal: 1,
  dielectric: 2,
  dispersive: 3,
  diffuseLight: 4,
  coneLight: 5,
  isotropic: 6,
  /** glTF metallic-roughness (materials/gltf). */
  gltf: 7
} as const;

export const TEXTURE_KIND = {
  solid: 0,
  spatialChecker: 1,
  surfaceChecker: 2,
  illuminant: 3,
  /** A rectangle of the image atlas times an RGBA factor (textures/image). */
  image: 4
} as const;

/** Texture flag bits (Texture.flags). */
export const TEXTURE_FLAG = {
  /** The image's texels are sRGB-encoded (colour textures); otherwise linear (data textures). */
  srgb: 1
} as const;

/** A glTF material's missing texture slot (Material.maps). */
export const NO_TEXTURE = 0xffffffff;

/** Material flag bits (Material.flags). */
export const MATERIAL_FLAG = {
  thinFilm: 1,
  /** glTF alphaMode MASK: solid where the base colour's alpha reaches the cutoff (Material.film.z). */
  alphaMask: 2,
  /** glTF alphaMode BLEND: solid with probability alpha (stochastic transparency). */
  alphaBlend: 4
} as const;

export const RENDER_MODE_ID = {
  'path-tracing': 0,
  'normal-map': 1,
  'bvh-test-count': 2,
  'primitive-test-count': 3
} as const;

export const SAMPLER_ID = {
  random: 0,
  sobol: 1,
  blue: 2
} as const;

/**
 * ConstantMedium objects per scene (decision 17). Their records live in the frame uniforms, since the eight storage
 * buffers every device grants are all taken: 1024 × 16 bytes keeps the frame well inside the 64 KiB uniform
 * binding every device grants. Every ray segment tests every medium's boundary (media are not in the BVH).
 */
export const MAX_MEDIA = 1024;

function constants(prefix: string, table: Record<string, number>): string {
  return Object.entries(table)
    .map(([name, value]) => {
      const snake = name
        .replace(/[^A-Za-z0-9]+/g, '_')
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .toUpperCase();
      return `const ${prefix}_${snake}: u32 = ${value}u;`;
    })
    .join('\n');
}

export function sceneKindsWgsl(): string {
  return [
    '// Generated from gpu/host/scene/kinds.ts.',
    constants('MATERIAL', MATERIAL_KIND),
    constants('TEXTURE', TEXTURE_KIND),
    constants('MATERIAL_FLAG', MATERIAL_FLAG),
    constants('TEXTURE_FLAG', TEXTURE_FLAG),
    `const NO_TEXTURE: u32 = ${NO_TEXTURE}u;`,
    constants('MODE', RENDER_MODE_ID),
    constants('SAMPLER', SAMPLER_ID),
    `const MAX_MEDIA: u32 = ${MAX_MEDIA}u;`,
    ''
  ].join('\n');
}
