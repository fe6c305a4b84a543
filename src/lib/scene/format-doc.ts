// docs/scene-format.md, generated from the scene schema: fields, types, defaults and descriptions come from its JSON
// Schema (json-schema.ts), examples from the example scenes where they have one. `npm run docs:scene-format`
// (scripts/gen-scene-format.ts) writes the file; format-doc.test.ts fails when it is out of date.
import { EXAMPLES } from './examples/index.ts';
import { sceneJsonSchema } from './json-schema.ts';

type Json = Record<string, unknown>;

/** Where a doc example goes in a scene; the test wraps each example by the section it sits in. */
export type ExampleFamily = 'scene' | 'camera' | 'environment' | 'object' | 'material' | 'texture' | 'colour';

/** The doc's `##` sections and the family of their examples. */
export const SECTION_FAMILIES: Readonly<Record<string, ExampleFamily>> = {
  'Top level': 'scene',
  Camera: 'camera',
  Environment: 'environment',
  Objects: 'object',
  Materials: 'material',
  Textures: 'texture',
  Colours: 'colour'
};

/** Example scenes the doc draws from, in order: a fixed list, so a new example scene does not change the doc. */
const SOURCES = [
  'sky', 'studio', 'cornell_classic', 'cornell', 'smoke', 'nested', 'colorchecker', 'thin_film', 'cone_light', 'illuminants', 'boing',
  'teapot', 'dispersive', 'gltf', 'one_weekend'
];

/** Examples for what no example scene shows (keyed by kind, or by colour form). */
const HAND_WRITTEN: Readonly<Record<string, unknown>> = {
  Triangle: { kind: 'Triangle', q: [0, 0, 0], u: [1, 0, 0], v: [0, 1, 0], material: 'white' },
  ObjectList: {
    kind: 'ObjectList',
    priority: true,
    objects: [{ kind: 'Sphere', center: [-1, 1, 0], radius: 0.5 }, { kind: 'Sphere', center: [1, 1, 0], radius: 0.5 }]
  },
  PLY: { kind: 'PLY', path: 'models/bunny.ply', scale: 10, center: [0, 0, 0], rotation: [0, 90, 0], material: 'white' },
  Isotropic: { kind: 'Isotropic', albedo: { kind: 'SolidColor', color: { srgb: [0.9, 0.9, 0.9] } } },
  'thin film': { kind: 'Metal', albedo: { kind: 'SolidColor', color: [0.8, 0.8, 0.8] }, thin_film: { refractive_index: 1.33, thickness: 400 } },
  '{"red", "green", "blue"}': { red: 0.8, green: 0.2, blue: 0.1 },
  srgb: { srgb: { red: 0.8, green: 0.2, blue: 0.1 } },
  xyz_d65: { xyz_d65: [0.9505, 1, 1.089] },
  oklch: { oklch: [0.7, 0.15, 30] }
};

/** The top-level example: a whole small scene. */
const SCENE_EXAMPLE = {
  time_0: 0,
  time_1: 1,
  background_color: [0, 0, 0],
  camera: { look_from: [0, 1, -6], look_at: [0, 1, 0], up: [0, 1, 0], vertical_fov: 40, aperture: 0, focus_distance: 6 },
  objects: [
    { kind: 'Quad', q: [-5, 0, -5], u: [10, 0, 0], v: [0, 0, 10], material: 'white' },
    { kind: 'Sphere', center: [0, 1, 0], radius: 1, material: { kind: 'Metal', fuzz: 0.1 } },
    { kind: 'Quad', priority: true, q: [-1, 4, -1], u: [2, 0, 0], v: [0, 0, 2], material: 'lamp' }
  ],
  materials: [
    { name: 'white', kind: 'Lambertian', albedo: { kind: 'SolidColor', color: { hex: '#e0e0e0' } } },
    { name: 'lamp', kind: 'DiffuseLight', emit: { kind: 'IlluminantD65', intensity: 0.1 } }
  ]
};

// ---------------------------------------------------------------- examples from the example scenes

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys under which each family sits in raw scene JSON. */
const OBJECT_KEYS = new Set(['objects', 'object', 'boundary']);
const MATERIAL_KEYS = new Set(['materials', 'material']);
const TEXTURE_KEYS = new Set(['albedo', 'emit', 'texture']);
const COLOUR_KEYS = new Set(['color', 'even', 'odd']);

/** The colour form a ColorInit value is written in: `[r, g, b]`, `{"red", "green", "blue"}` or its tag. */
function colourForm(value: unknown): string | undefined {
  if (Array.isArray(value)) return '[r, g, b]';
  if (!isRecord(value)) return undefined;
  return 'red' in value ? '{"red", "green", "blue"}' : Object.keys(value)[0];
}

/** Every object, material, texture and colour of a raw scene by kind (or colour form), in document order. */
function collect(scene: unknown, into: Map<string, unknown[]>): void {
  const add = (key: string | undefined, value: unknown) => {
    if (key === undefined) return;
    const list = into.get(key) ?? [];
    list.push(value);
    into.set(key, list);
  };
  const visit = (value: unknown, under: string): void => {
    if (Array.isArray(value)) {
      if (!OBJECT_KEYS.has(under) && !MATERIAL_KEYS.has(under)) return;
      value.forEach((item) => visit(item, under));
      return;
    }
    if (!isRecord(value)) return;
    const kind = typeof value.kind === 'string' ? value.kind : undefined;
    if (OBJECT_KEYS.has(under) || MATERIAL_KEYS.has(under) || TEXTURE_KEYS.has(under) || under === 'environment') add(kind, value);
    // Only textures hold ColorInit colours (Dielectric's `color` is XYZ_E).
    const texture = TEXTURE_KEYS.has(under);
    for (const [key, child] of Object.entries(value)) {
      if (texture && COLOUR_KEYS.has(key)) add(colourForm(child), child);
      else visit(child, key);
    }
  };
  if (isRecord(scene)) for (const [key, child] of Object.entries(scene)) visit(child, key);
}

/** Drops `comment` (the intro explains it) and a shared material's `name` (examples are written inline). */
function cleaned(value: unknown, isMaterial: boolean): unknown {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (!isRecord(v)) return v;
    return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'comment').map(([k, c]) => [k, strip(c)]));
  };
  const out = strip(value);
  if (isMaterial && isRecord(out)) delete out.name;
  return out;
}

const MAX_EXAMPLE_CHARS = 260;

/** The example shown for a kind: the one with the most fields among the short ones, else the shortest. */
function pick(candidates: readonly unknown[]): unknown {
  const scored = candidates.map((value, order) => ({
    value,
    order,
    length: JSON.stringify(value).length,
    fields: isRecord(value) ? Object.keys(value).length : 0
  }));
  const short = scored.filter((c) => c.length <= MAX_EXAMPLE_CHARS);
  const pool = short.length > 0 ? short : scored;
  pool.sort((a, b) => (short.length > 0 ? b.fields - a.fields : 0) || a.length - b.length || a.order - b.order);
  return pool[0]?.value;
}

// ---------------------------------------------------------------- markdown

function flatJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flatJson).join(', ')}]`;
  if (isRecord(value)) return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${flatJson(v)}`).join(', ')}}`;
  return JSON.stringify(value);
}

/** JSON on one line when it fits, else one key (or item) per line. */
export function formatJson(value: unknown, indent = ''): string {
  const flat = flatJson(value);
  if (indent.length + flat.length <= 100 || typeof value !== 'object' || value === null) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + formatJson(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value as Json).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`);
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

/** How a `$defs` entry reads in a type column. */
const DEF_NAMES: Readonly<Record<string, string>> = {
  Vec3: '[x, y, z]',
  Hex: 'string',
  ColorInit: '[colour](#colours)',
  Texture: '[texture](#textures)',
  Material: '[material](#materials)',
  MaterialInit: 'name or [material](#materials)',
  SharedMaterial: '[material](#materials) with a name',
  SceneObject: '[object](#objects)',
  Camera: '[camera](#camera)',
  Environment: '[environment](#environment)',
  ThinFilm: '[thin film](#thin-film)'
};

function typeOf(node: Json): string {
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/$defs/', '');
    return DEF_NAMES[name] ?? name;
  }
  if (Array.isArray(node.anyOf)) return (node.anyOf as Json[]).map(typeOf).join(' or ');
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (Array.isArray(node.enum)) return 'one of the names below';
  if (node.type === 'array') return isRecord(node.items) ? `array of ${typeOf(node.items)}` : 'array';
  if (isRecord(node.properties)) return `{${Object.keys(node.properties).map((k) => JSON.stringify(k)).join(', ')}}`;
  return typeof node.type === 'string' ? node.type : 'any';
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The field table of an object schema (`kind` left out: the heading names it). */
function fieldTable(node: Json): string[] {
  const properties = (node.properties ?? {}) as Record<string, Json>;
  const required = new Set((node.required ?? []) as string[]);
  const rows = Object.entries(properties)
    .filter(([key]) => key !== 'kind')
    .map(([key, field]) => {
      const fallback = field.default !== undefined ? `\`${JSON.stringify(field.default)}\`` : required.has(key) ? 'required' : 'none';
      return `| \`${key}\` | ${cell(typeOf(field))} | ${cell(fallback)} | ${cell(String(field.description ?? ''))} |`;
    });
  return rows.length === 0 ? [] : ['| Field | Type | Default | Description |', '| --- | --- | --- | --- |', ...rows];
}

const sentence = (text: unknown) => (typeof text === 'string' && text !== '' ? `${text.replace(/\.?$/, '.')}` : '');
const jsonBlock = (value: unknown) => ['```json', formatJson(value), '```'];

function kindOf(option: Json): string {
  const kind = ((option.properties ?? {}) as Record<string, Json>).kind;
  return typeof kind?.const === 'string' ? kind.const : 'CIE illuminants';
}

/** One `###` section per kind of a union `$defs` entry. */
function kindSections(schema: Json, def: string, examples: Map<string, unknown[]>, isMaterial = false): string[] {
  const options = ((schema.$defs as Record<string, Json>)[def].oneOf ?? []) as Json[];
  return options.flatMap((option) => {
    const kind = kindOf(option);
    const names = ((option.properties as Record<string, Json>).kind.enum ?? []) as string[];
    const found = names.length > 0 ? names.flatMap((n) => examples.get(n) ?? []) : examples.get(kind) ?? [];
    const example = HAND_WRITTEN[kind] ?? pick(found.map((e) => cleaned(e, isMaterial)));
    return [
      `### ${kind}`,
      '',
      sentence(option.description),
      ...(names.length > 0 ? ['', `Kinds: ${names.map((n) => `\`${n}\``).join(', ')}.`] : []),
      '',
      ...fieldTable(option),
      ...(example === undefined ? [] : ['', ...jsonBlock(example)]),
      ''
    ];
  });
}

/** A tagged colour's value type, its positional form named after its fields: `[l, chroma, hue] or {…}`. */
function valueType(node: Json): string {
  const named = ((node.anyOf ?? []) as Json[]).find((option) => isRecord(option.properties));
  const names = named ? Object.keys(named.properties as Json) : [];
  return typeOf(node).replace('[x, y, z]', names.length === 3 ? `[${names.join(', ')}]` : '[x, y, z]');
}

/** One `###` section per colour form of ColorInit. */
function colourSections(schema: Json, examples: Map<string, unknown[]>): string[] {
  const options = ((schema.$defs as Record<string, Json>).ColorInit.anyOf ?? []) as Json[];
  return options.flatMap((option) => {
    const properties = (option.properties ?? {}) as Record<string, Json>;
    const tags = Object.keys(properties);
    const form = option.$ref !== undefined ? '[r, g, b]' : 'red' in properties ? '{"red", "green", "blue"}' : tags[0];
    const tagged = option.$ref === undefined && !('red' in properties);
    const description = tagged ? properties[form].description : option.description;
    // Colours: the first one written that way (the shortest would be a light's [4, 4, 4]).
    const example = HAND_WRITTEN[form] ?? examples.get(form)?.[0];
    const fields = tagged ? valueType(properties[form]) : undefined;
    return [
      `### \`${tagged ? `{"${form}": …}` : form}\``,
      '',
      sentence(description),
      ...(fields ? ['', `Value: ${fields}.`] : []),
      ...(example === undefined ? [] : ['', ...jsonBlock(example)]),
      ''
    ];
  });
}

/** The whole of docs/scene-format.md. */
export function sceneFormatMarkdown(): string {
  const schema = sceneJsonSchema();
  const defs = schema.$defs as Record<string, Json>;
  const examples = new Map<string, unknown[]>();
  for (const name of SOURCES) if (EXAMPLES[name] !== undefined) collect(EXAMPLES[name], examples);
  const lines = [
    '# Scene format',
    '',
    '<!-- Generated by `npm run docs:scene-format` (scripts/gen-scene-format.ts) from the scene schema',
    '     (src/lib/scene/schema.ts); edit the descriptions there, not here. -->',
    '',
    "A scene is one JSON object in the reference engine's format. Lengths are in world units (any unit, used",
    'consistently), angles in degrees. Every object, material and texture names its `kind`; fields with a default',
    'may be left out. Keys the format does not define are ignored, with a warning (and a "did you mean" for a',
    "close match) from `clovers validate`, `clovers render` and the editor; `comment` is welcome on any object, and",
    "the editor keeps its render options under a top-level `render_options`. The same schema as JSON Schema, for",
    'editors: `node bin/clovers.js schema > scene.schema.json`. Example scenes: `src/lib/scene/examples/`.',
    '',
    ...Object.keys(SECTION_FAMILIES).map((s) => `- [${s}](#${s.toLowerCase().replace(/ /g, '-')})`),
    '',
    '## Top level',
    '',
    ...fieldTable(schema),
    '',
    ...jsonBlock(SCENE_EXAMPLE),
    '',
    '## Camera',
    '',
    sentence((schema.properties as Record<string, Json>).camera.description),
    '',
    ...fieldTable(defs.Camera),
    '',
    ...jsonBlock(SCENE_EXAMPLE.camera),
    '',
    '## Environment',
    '',
    sentence((schema.properties as Record<string, Json>).environment.description),
    'A map is turned into spectra as other RGB emission is; next-event estimation samples it in proportion to its',
    'luminance (so a small bright sun is found), combined with BSDF sampling by MIS. A map whose radiance is',
    'L everywhere lights a scene exactly as `background_color` L does. Bundled maps: `studio` and `dusk`',
    '(`static/environments/`); the CLI also takes a file path, the service an upload (`upload:<id>`).',
    '',
    ...kindSections(schema, 'Environment', examples),
    '## Objects',
    '',
    'Objects sit in `objects`, and inside ObjectList, Translate, RotateY (`object`) and ConstantMedium',
    '(`boundary`).',
    '',
    ...kindSections(schema, 'SceneObject', examples),
    '## Materials',
    '',
    "An object's `material` is either the name of an entry of the top-level `materials` list (the same fields plus",
    '`name`) or a material written inline, as in the examples below. Every kind takes an optional',
    '[`thin_film`](#thin-film).',
    '',
    ...kindSections(schema, 'Material', examples, true),
    '### Thin film',
    '',
    sentence(((defs.Material.oneOf as Json[])[0].properties as Record<string, Json>).thin_film.description),
    '',
    ...fieldTable(defs.ThinFilm),
    '',
    ...jsonBlock(HAND_WRITTEN['thin film']),
    '',
    '## Textures',
    '',
    'Textures give materials their colour (`albedo`, `emit`) and media their albedo (`texture`).',
    '',
    ...kindSections(schema, 'Texture', examples),
    '## Colours',
    '',
    'A colour (in textures) may be written in any of these forms; in the `emit` of a light it is radiance and may',
    'exceed 1 in any form. `background_color` is plain non-linear sRGB (`[r, g, b]` or `{"red", "green", "blue"}`),',
    'and Dielectric `color` is XYZ_E (see Dielectric).',
    '',
    ...colourSections(schema, examples)
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
