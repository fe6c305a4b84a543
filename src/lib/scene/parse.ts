// Entry points for reading a scene: limits first (iteratively, before any recursion), then the schema,
// then checks that only warn (as the reference engine does): unknown keys, and material cross-references.
import { MAX_SCENE_JSON_BYTES } from '../limits.ts';
import { toSceneIssues, type SceneIssue } from './issues.ts';
import { parseJson } from './json-text.ts';
import { materialWarnings } from './materials.ts';
import { sceneFileSchema, type SceneFile } from './schema.ts';
import { checkStructure } from './structure.ts';
import { unknownKeyWarnings } from './unknown-keys.ts';

export type ParseResult =
  | { ok: true; scene: SceneFile; warnings: SceneIssue[] }
  /** `warnings` (unknown keys) are only found once the structure checks pass; a typo often explains an error. */
  | { ok: false; errors: SceneIssue[]; warnings?: SceneIssue[] };

/** Validates a scene value (e.g. from JSON.parse), applying defaults; reports every problem found. */
export function parseScene(input: unknown): ParseResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ path: '', message: `a scene must be a JSON object, got ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}` }] };
  }
  const structural = checkStructure(input);
  if (structural.length > 0) return { ok: false, errors: structural };
  const unknownKeys = unknownKeyWarnings(input);
  const result = sceneFileSchema.safeParse(input, { reportInput: true });
  if (!result.success) return { ok: false, errors: toSceneIssues(result.error.issues), warnings: unknownKeys };
  return { ok: true, scene: result.data, warnings: [...unknownKeys, ...materialWarnings(result.data)] };
}

/**
 * The warnings of a parse, failed or not: a failed one still reports unknown keys, which often explain its errors.
 * Takes any result that passes the parser's object through (its declared type may omit a failure's warnings).
 */
export function parseWarnings(result: { ok: boolean; warnings?: readonly SceneIssue[] }): readonly SceneIssue[] {
  return result.warnings ?? [];
}

/** UTF-8 length without allocating for the common (small) case. */
function utf8Length(text: string): number {
  if (text.length * 3 <= MAX_SCENE_JSON_BYTES) return text.length; // cannot exceed the limit; exact size not needed
  return new TextEncoder().encode(text).length;
}

/** Parses scene JSON text; syntax errors carry line and column. */
export function parseSceneText(text: string): ParseResult {
  if (text.length > MAX_SCENE_JSON_BYTES || utf8Length(text) > MAX_SCENE_JSON_BYTES) {
    return { ok: false, errors: [{ path: '', message: `scene JSON too large: more than ${MAX_SCENE_JSON_BYTES} bytes` }] };
  }
  const json = parseJson(text);
  if (!json.ok) {
    const { line, column, message } = json.error;
    return { ok: false, errors: [{ path: '', message: `invalid JSON at line ${line}, column ${column}: ${message}`, line, column }] };
  }
  return parseScene(json.value);
}
