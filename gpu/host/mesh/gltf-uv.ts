// How a glTF material's textures address its surface. glTF lets each texture slot choose a texture coordinate set
// (`texCoord`) and, with KHR_texture_transform, an offset, rotation and scale. The renderer keeps one uv pair per
// triangle corner, so each material gets one mapping, baked into the corners' uvs when the mesh is loaded: the
// set and transform its slots share. Slots that disagree are sampled like the first one (base colour first), with
// a note. The JSON is read directly, since @gltf-transform drops extensions it has no handler for.

export const TEXTURE_TRANSFORM = 'KHR_texture_transform';

export interface UvMapping {
  /** The TEXCOORD_n attribute the uvs come from. */
  readonly texCoord: number;
  /** u' = a·u + b·v + c, v' = d·u + e·v + f, as [a, b, c, d, e, f]; undefined for the identity. */
  readonly matrix?: readonly [number, number, number, number, number, number];
}

export const IDENTITY_UV_MAPPING: UvMapping = { texCoord: 0 };

/** Highest TEXCOORD_n read (glTF requires readers to support at least two sets). */
const MAX_TEXCOORD = 7;

type Json = Record<string, unknown>;
const object = (x: unknown): Json | undefined => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Json) : undefined);
const finiteList = (x: unknown, length: number): number[] | undefined =>
  Array.isArray(x) && x.length === length && x.every((v) => typeof v === 'number' && Number.isFinite(v)) ? (x as number[]) : undefined;

/** The texture slots of a material, in the order that decides a disagreement. */
function slots(material: Json): Array<[string, Json]> {
  const pbr = object(material.pbrMetallicRoughness) ?? {};
  const named: Array<[string, unknown]> = [
    ['baseColorTexture', pbr.baseColorTexture],
    ['metallicRoughnessTexture', pbr.metallicRoughnessTexture],
    ['normalTexture', material.normalTexture],
    ['occlusionTexture', material.occlusionTexture],
    ['emissiveTexture', material.emissiveTexture]
  ];
  return named.flatMap(([name, info]) => (object(info) ? [[name, object(info)!] as [string, Json]] : []));
}

/** One slot's mapping (the extension's texCoord overrides the slot's, as the extension specifies). */
function slotMapping(info: Json, where: string, notes: Set<string>): UvMapping {
  const transform = object(object(info.extensions)?.[TEXTURE_TRANSFORM]);
  const set = transform?.texCoord ?? info.texCoord ?? 0;
  let texCoord = 0;
  if (typeof set === 'number' && Number.isInteger(set) && set >= 0 && set <= MAX_TEXCOORD) texCoord = set;
  else notes.add(`${where}: texCoord ${String(set).slice(0, 20)} is not valid (TEXCOORD_0 used)`);
  if (!transform) return { texCoord };
  const offset = transform.offset === undefined ? [0, 0] : finiteList(transform.offset, 2);
  const scale = transform.scale === undefined ? [1, 1] : finiteList(transform.scale, 2);
  const rotation = transform.rotation ?? 0;
  if (!offset || !scale || typeof rotation !== 'number' || !Number.isFinite(rotation)) {
    notes.add(`${where}: ${TEXTURE_TRANSFORM} is not valid (ignored)`);
    return { texCoord };
  }
  // translation · rotation · scale, the extension's order; the rotation turns uv (1, 0) toward (0, −1), as the
  // extension's example (the lower-left quadrant, turned clockwise) requires.
  const [cos, sin] = [Math.cos(rotation), Math.sin(rotation)];
  return { texCoord, matrix: [cos * scale[0], sin * scale[1], offset[0], -sin * scale[0], cos * scale[1], offset[1]] };
}

/** The mapping of JSON material `material` (named `name` in notes). */
export function materialUvMapping(material: unknown, name: string, notes: Set<string>): UvMapping {
  const json = object(material);
  if (!json) return IDENTITY_UV_MAPPING;
  const mappings = slots(json).map(([slot, info]) => [slot, slotMapping(info, `${name}: ${slot}`, notes)] as const);
  if (mappings.length === 0) return IDENTITY_UV_MAPPING;
  const [first, chosen] = mappings[0];
  const key = (m: UvMapping) => JSON.stringify(m);
  const others = mappings.filter(([, m]) => key(m) !== key(chosen)).map(([slot]) => slot);
  if (others.length > 0) notes.add(`${name}: ${others.join(', ')} use other texture coordinates than ${first}, which is not supported (sampled like ${first})`);
  return chosen;
}

/** Writes the mapped (u, v) at out[at], out[at + 1]. */
export function mapUv(mapping: UvMapping, u: number, v: number, out: Float32Array, at: number): void {
  const m = mapping.matrix;
  out[at] = m ? m[0] * u + m[1] * v + m[2] : u;
  out[at + 1] = m ? m[3] * u + m[4] * v + m[5] : v;
}
