// Unknown keys of a scene: the reference engine ignores them (serde without deny_unknown_fields), so a typo such as
// `look_form` silently drops the value. This walk follows the raw input alongside the zod schema, so the known keys
// are always the schema's own, and reports each key no object shape declares, with the closest known key.
import { z } from 'zod';
import { formatPath, type SceneIssue } from './issues.ts';
import { sceneFileSchema } from './schema.ts';

type PathKey = string | number;

/** Keys that are no field of the format but are written on purpose; neither renderer nor reference reads them. */
const IGNORED_ANYWHERE: ReadonlySet<string> = new Set(['comment']);
/** The editor saves its render options in the scene file under this key (src/lib/editor/editor.svelte.ts). */
const IGNORED_AT_ROOT: ReadonlySet<string> = new Set(['render_options']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Optimal-string-alignment distance (Levenshtein plus transposition of neighbours, each edit counted once),
 * case-insensitive: `look_form` is 1 from `look_from`, `Radius` 0 from `radius`.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  // Three rolling rows: the transposition looks two rows back.
  let before = new Array<number>(t.length + 1).fill(0);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[t.length];
}

/** The known key closest to `key`, if close enough to be a likely typo (≤ 2 edits, ≤ 1 for keys of 2–3 letters). */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const limit = Math.min(2, Math.floor(Math.max(key.length, candidate.length) / 2));
    const d = editDistance(key, candidate);
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function unknownKeyIssue(path: readonly PathKey[], key: string, known: readonly string[]): SceneIssue {
  const suggestion = closestKey(key, known);
  const hint = suggestion === undefined ? '' : ` (did you mean ${JSON.stringify(suggestion)}?)`;
  return { path: formatPath([...path, key]), message: `unknown key ${JSON.stringify(key)} is ignored${hint}` };
}

/** The schema under defaults, optionals and lazy references. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodOptional) current = current.unwrap();
    else if (current instanceof z.ZodLazy) current = current.unwrap();
    else return current;
  }
}

/** Options of a discriminated union by discriminator value (built once per union). */
const byDiscriminator = new WeakMap<z.ZodDiscriminatedUnion, Map<unknown, z.core.$ZodType>>();

function discriminated(union: z.ZodDiscriminatedUnion, value: Record<string, unknown>): z.core.$ZodType | undefined {
  const key = union._zod.def.discriminator;
  let options = byDiscriminator.get(union);
  if (!options) {
    options = new Map();
    for (const option of union.options as readonly z.core.$ZodType[]) {
      for (const tag of option._zod.propValues?.[key] ?? []) options.set(tag, option);
    }
    byDiscriminator.set(union, options);
  }
  return options.get(value[key]);
}

/** The options of a plain union that take JSON objects, with the keys each requires (built once per union). */
const objectOptionsOf = new WeakMap<z.ZodUnion, { option: z.core.$ZodType; required?: string[] }[]>();

function objectOptions(union: z.ZodUnion): { option: z.core.$ZodType; required?: string[] }[] {
  let options = objectOptionsOf.get(union);
  if (!options) {
    options = [];
    for (const option of (union.options as readonly z.core.$ZodType[]).map(unwrap)) {
      if (option instanceof z.ZodObject) {
        const shape = option.shape as Record<string, z.core.$ZodType>;
        const required = Object.keys(shape).filter((k) => !(shape[k] instanceof z.ZodOptional || shape[k] instanceof z.ZodDefault));
        options.push({ option, required });
      } else if (option instanceof z.ZodUnion) options.push({ option });
    }
    objectOptionsOf.set(union, options);
  }
  return options;
}

/**
 * The option of a union a JSON object belongs to: the discriminator's, else the first object option whose required
 * keys are all there, else (an invalid value, reported by the schema) the only option that takes objects at all.
 * Only objects matter: arrays in unions here (vectors) hold no keys.
 */
function unionOption(union: z.ZodUnion, value: Record<string, unknown>): z.core.$ZodType | undefined {
  if (union instanceof z.ZodDiscriminatedUnion) return discriminated(union, value);
  const options = objectOptions(union);
  const complete = options.find(({ required }) => required?.every((key) => key in value));
  return (complete ?? (options.length === 1 ? options[0] : undefined))?.option;
}

/** Walks `value` along `schema`; `path` is a shared stack (pushed and popped), copied only into issues. */
function walk(schema: z.core.$ZodType, value: unknown, path: PathKey[], out: SceneIssue[]): void {
  if (typeof value !== 'object' || value === null) return; // scalars hold no keys
  const inner = unwrap(schema);
  if (inner instanceof z.ZodUnion) {
    const option = isRecord(value) ? unionOption(inner, value) : undefined;
    if (option) walk(option, value, path, out);
  } else if (inner instanceof z.ZodArray && Array.isArray(value)) {
    value.forEach((item, i) => {
      path.push(i);
      walk(inner.element, item, path, out);
      path.pop();
    });
  } else if (inner instanceof z.ZodObject && isRecord(value)) {
    const shape = inner.shape as Record<string, z.core.$ZodType>;
    // Strict objects (the tagged colours) already fail on extra keys; a warning would repeat the error.
    const strict = inner._zod.def.catchall instanceof z.ZodNever;
    for (const [key, child] of Object.entries(value)) {
      if (Object.hasOwn(shape, key)) {
        path.push(key);
        walk(shape[key], child, path, out);
        path.pop();
      } else if (!strict && !IGNORED_ANYWHERE.has(key) && !(path.length === 0 && IGNORED_AT_ROOT.has(key))) {
        out.push(unknownKeyIssue(path, key, Object.keys(shape)));
      }
    }
  }
}

/**
 * A warning for every key of `input` that the scene format does not define (`comment` anywhere and the editor's
 * `render_options` at the root excepted), in document order. Works on invalid scenes too, where a typo is often
 * the cause of a "missing field" error. `input` must have passed `checkStructure` (the walk recurses).
 */
export function unknownKeyWarnings(input: unknown): SceneIssue[] {
  const out: SceneIssue[] = [];
  walk(sceneFileSchema, input, [], out);
  return out;
}
