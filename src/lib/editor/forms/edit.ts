// The edits the scene forms make, as plain functions of the JSON (so tests run them without a browser): where a
// field reads and writes (a Binding), number text parsing, list edits, kind switches and material renames.
import type { Editor } from '../editor.svelte.ts';
import { RENDER_OPTIONS_KEY } from '../editor.svelte.ts';
import { editArrayAt, getAt, issuePath, moveItem, setAt, type JsonPath } from '../document.ts';
import { defaultItem, descriptorOf, type Family } from './descriptors.ts';

/** Where a form reads and writes its fields: the scene, or the render options. */
export interface Binding {
  read(path: JsonPath): unknown;
  write(path: JsonPath, value: unknown): void;
  /** Messages for exactly this path. */
  errors(path: JsonPath): string[];
  /** Messages at or below this path (a triple or colour shows its parts' errors). */
  errorsUnder(path: JsonPath): string[];
  /** Warnings for exactly this path (e.g. a material name that no shared material has). */
  warnings(path: JsonPath): string[];
  /** A DOM id for the field at this path (stable, unique within the page). */
  id(path: JsonPath): string;
}

function messagesUnder(map: ReadonlyMap<string, string[]>, prefix: string): string[] {
  const out: string[] = [];
  for (const [key, messages] of map) {
    if (key === prefix || key.startsWith(`${prefix}.`) || key.startsWith(`${prefix}[`)) out.push(...messages);
  }
  return out;
}

function domId(prefix: string, path: JsonPath): string {
  return `${prefix}-${issuePath(path).replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function sceneBinding(editor: Editor): Binding {
  return {
    read: (path) => editor.get(path),
    write: (path, value) => editor.set(path, value),
    errors: (path) => editor.errorsAt(path),
    errorsUnder: (path) => messagesUnder(editor.errorsByPath, issuePath(path)),
    warnings: (path) => editor.warningsByPath.get(issuePath(path)) ?? [],
    id: (path) => domId('scene', path)
  };
}

/** Render options are flat: the path is `[key]`; their issues live under `render_options.<key>`. */
export function optionsBinding(editor: Editor): Binding {
  return {
    read: (path) => getAt(editor.options, path),
    write: (path, value) => editor.setOption(String(path[0]), value),
    errors: (path) => editor.errorsAt([RENDER_OPTIONS_KEY, ...path]),
    errorsUnder: (path) => messagesUnder(editor.errorsByPath, issuePath([RENDER_OPTIONS_KEY, ...path])),
    warnings: () => [],
    id: (path) => domId('options', path)
  };
}

// ---------------------------------------------------------------- numbers

export type NumberText = { ok: true; value: number } | { ok: false; message: string };

/** Parses what the user typed in a number field; never yields NaN or ±Infinity. Empty text is `empty`. */
export function parseNumberText(text: string, integer = false): NumberText | { ok: 'empty' } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: 'empty' };
  // Number() accepts "0x10", " 1 " and "1e3"; refuse hex/binary/octal prefixes, which nobody means here.
  const value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isFinite(value)) return { ok: false, message: `not a number: ${JSON.stringify(trimmed)}` };
  if (integer && !Number.isInteger(value)) return { ok: false, message: `expected a whole number, got ${trimmed}` };
  return { ok: true, value };
}

/** A positive value as photographic stops (log2) for a slider; `fallback` (the default) when it is not one. */
export function toStops(value: unknown, fallback: number): number {
  const v = typeof value === 'number' && value > 0 && Number.isFinite(value) ? value : fallback;
  return Math.log2(v);
}

/** Stops back to a value, to 4 significant digits (a slider step should not write 1.4142135623730951). */
export function fromStops(stops: number): number {
  return Number((2 ** stops).toPrecision(4));
}

/** How a number field shows a value (non-numbers show empty; the schema error explains them). */
export function formatNumber(value: unknown): string {
  return typeof value === 'number' ? String(value) : '';
}

// ---------------------------------------------------------------- lists

/** A list path's items (empty when absent or not an array). */
export function itemsAt(scene: unknown, path: JsonPath): unknown[] {
  const items = getAt(scene, path);
  return Array.isArray(items) ? items : [];
}

export type ListEdit =
  | { op: 'add'; item: unknown }
  | { op: 'duplicate'; index: number }
  | { op: 'delete'; index: number }
  | { op: 'move'; from: number; to: number };

/** Applies a list edit to the array at `path` (added items go to the end, duplicates right after the original). */
export function editList<T>(scene: T, path: JsonPath, edit: ListEdit): T {
  return editArrayAt(scene, path, (items) => {
    switch (edit.op) {
      case 'add':
        return [...items, edit.item];
      case 'duplicate':
        return [...items.slice(0, edit.index + 1), structuredClone(items[edit.index]), ...items.slice(edit.index + 1)];
      case 'delete':
        return items.filter((_, i) => i !== edit.index);
      case 'move':
        return moveItem(items, edit.from, edit.to);
    }
  });
}

/**
 * Where an item path of the list at `listPath` (e.g. an expanded item `objects[3]` or `objects[3].objects[0]`)
 * goes after a list edit, so expanded items follow their item; undefined when the item was deleted.
 */
export function pathAfterEdit(key: string, listPath: string, edit: ListEdit): string | undefined {
  if (!key.startsWith(`${listPath}[`)) return key;
  const match = /^\[(\d+)\](.*)$/.exec(key.slice(listPath.length));
  if (!match) return key;
  const index = Number(match[1]);
  let next = index;
  switch (edit.op) {
    case 'delete':
      if (index === edit.index) return undefined;
      if (index > edit.index) next = index - 1;
      break;
    case 'duplicate':
      if (index > edit.index) next = index + 1;
      break;
    case 'move':
      if (index === edit.from) next = edit.to;
      else if (edit.from < edit.to && index > edit.from && index <= edit.to) next = index - 1;
      else if (edit.from > edit.to && index >= edit.to && index < edit.from) next = index + 1;
      break;
    case 'add':
      break;
  }
  return `${listPath}[${next}]${match[2]}`;
}

// ---------------------------------------------------------------- kinds

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys an item keeps when its kind changes, besides the fields both kinds show. */
const KEPT_KEYS = ['comment', 'name'];

/**
 * The item as another kind: the new kind's defaults, with the values of fields both kinds show (centre,
 * material, priority, …) and the comment/name kept, so switching Sphere → MovingSphere keeps the material.
 */
export function switchKind(family: Family, current: unknown, kind: string): Record<string, unknown> {
  const next = defaultItem(family, kind);
  if (!isRecord(current)) return next;
  const descriptor = descriptorOf(family, kind);
  const keys = new Set([...(descriptor?.fields.map((f) => f.key) ?? []), ...KEPT_KEYS]);
  const oldDescriptor = descriptorOf(family, current.kind);
  for (const key of keys) {
    if (!(key in current)) continue;
    const before = oldDescriptor?.fields.find((f) => f.key === key)?.widget.type;
    const after = descriptor?.fields.find((f) => f.key === key)?.widget.type;
    if (KEPT_KEYS.includes(key) || before === after) next[key] = current[key];
  }
  return next;
}

/** Keys of an item that no descriptor field shows (kept as they are and shown read-only). */
export function unknownKeys(value: Record<string, unknown>, shown: readonly string[]): string[] {
  return Object.keys(value).filter((k) => k !== 'kind' && !shown.includes(k));
}

// ---------------------------------------------------------------- materials

/** Names of the shared materials, in list order (the first of equal names wins in the renderer). */
export function materialNames(scene: unknown): string[] {
  return itemsAt(scene, ['materials']).flatMap((m) => (isRecord(m) && typeof m.name === 'string' ? [m.name] : []));
}

/** Replaces `from` by `to` in every object's `material` name, nested objects included. */
function renameReferences(node: unknown, from: string, to: string): unknown {
  if (Array.isArray(node)) return node.map((child) => renameReferences(child, from, to));
  if (!isRecord(node)) return node;
  let out = node;
  const replace = (key: string, value: unknown) => {
    if (value !== node[key]) out = { ...out, [key]: value };
  };
  if (node.material === from) replace('material', to);
  for (const key of ['object', 'boundary', 'objects']) if (key in node) replace(key, renameReferences(node[key], from, to));
  return out;
}

/**
 * Renames shared material `index` and, automatically, the objects that referred to it by its old name — unless
 * another shared material has the old name too (then those references keep resolving to that one).
 */
export function renameMaterial<T>(scene: T, index: number, name: string): T {
  const materials = itemsAt(scene, ['materials']);
  const old = isRecord(materials[index]) ? materials[index].name : undefined;
  let next = setAt(scene, ['materials', index, 'name'], name);
  const stillNamed = materials.some((m, i) => i !== index && isRecord(m) && m.name === old);
  if (typeof old === 'string' && old !== name && !stillNamed) {
    next = setAt(next, ['objects'], renameReferences(getAt(next, ['objects']), old, name));
  }
  return next;
}

/** Number of objects (nested included) that refer to a material name. */
export function countReferences(scene: unknown, name: string): number {
  let count = 0;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isRecord(node)) {
      if (node.material === name) count++;
      for (const key of ['object', 'boundary', 'objects']) if (key in node) visit(node[key]);
    }
  };
  visit(getAt(scene, ['objects']));
  return count;
}

/** A name not used by any shared material yet (`base`, `base 2`, …). */
export function freshName(scene: unknown, base: string): string {
  const taken = new Set(materialNames(scene));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} ${i}`)) return `${base} ${i}`;
}

/** A new shared material of a kind with a fresh name. */
export function newSharedMaterial(scene: unknown, kind: string): Record<string, unknown> {
  return { name: freshName(scene, kind.toLowerCase()), ...defaultItem('material', kind) };
}

/** An inline copy of the shared material called `name` (without its name), or a default Lambertian. */
export function inlineMaterial(scene: unknown, name: unknown): Record<string, unknown> {
  const shared = itemsAt(scene, ['materials']).find((m) => isRecord(m) && m.name === name);
  if (isRecord(shared)) {
    const { name: _name, ...material } = structuredClone(shared);
    return material;
  }
  return defaultItem('material', 'Lambertian');
}

// ---------------------------------------------------------------- render options

export interface WorkEstimate {
  /** width × height × samples */
  readonly pixelSamples: number;
  /**
   * Upper bound on rays: at most max_depth bounces per sample, each tracing a continuation ray and a shadow ray to
   * a light (next-event estimation); one ray per sample in the debug modes. Paths usually end much earlier.
   */
  readonly rays: number;
}

/** The reference's "estimated upper bound for rays", from the draft options; undefined if they are not numbers. */
export function workEstimate(options: Record<string, unknown>, defaults: Record<string, unknown>): WorkEstimate | undefined {
  const num = (key: string): number | undefined => {
    const value = options[key] ?? defaults[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  };
  const [width, height, samples, depth] = [num('width'), num('height'), num('samples'), num('max_depth')];
  if (width === undefined || height === undefined || samples === undefined || depth === undefined) return undefined;
  const pixelSamples = width * height * samples;
  const mode = options.mode ?? defaults.mode;
  const rays = mode === 'path-tracing' ? pixelSamples * Math.max(1, depth) * 2 : pixelSamples;
  return { pixelSamples, rays };
}

/** 1234567 → "1.23 M" (plain below a thousand). */
export function formatCount(n: number): string {
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (const [scale, unit] of units) if (n >= scale) return `${(n / scale).toPrecision(3)} ${unit}`;
  return String(n);
}
