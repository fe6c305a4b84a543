// Turns zod issues into SceneIssues: a JSON-path-like location (`objects[3].radius`) and a plain message
// ("expected a number, got null"). Union failures are narrowed to the branch the author evidently meant.
import type { z } from 'zod';

/** One problem (or warning) in a scene, located by a JSON path; `""` is the document root. */
export interface SceneIssue {
  path: string;
  message: string;
  /** 1-based position in the JSON text, for syntax errors (the message repeats it). */
  line?: number;
  column?: number;
}

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `["objects", 3, "radius"]` → `objects[3].radius`. */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = String(key);
      out += IDENTIFIER.test(name) ? (out === '' ? name : `.${name}`) : `[${JSON.stringify(name)}]`;
    }
  }
  return out;
}

/** A short description of a value for messages: `null`, `NaN`, `a string ("abc")`, `an array of 2`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value); // NaN, Infinity and -Infinity print as such
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  tuple: 'an array of 3 numbers'
};

function hasInput(issue: Issue): boolean {
  return 'input' in issue && issue.input !== undefined;
}

function messageOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return hasInput(issue) ? `expected ${expected}, got ${describeValue(issue.input)}` : `missing required field (${expected})`;
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const input = issue.input;
      if (issue.origin === 'array') {
        const got = Array.isArray(input) ? `, got ${input.length}` : '';
        // vec3 tuples report both bounds as 3
        const exact = issue.code === 'too_small' ? issue.minimum === 3 && issue.inclusive : issue.maximum === 3;
        if (exact && Array.isArray(input) && input.length !== 3) return `expected exactly 3 numbers${got}`;
        return `expected ${issue.code === 'too_small' ? 'at least' : 'at most'} ${bound} items${got}`;
      }
      if (issue.origin === 'string') {
        return issue.code === 'too_small' ? `must not be empty` : `too long: at most ${bound} characters`;
      }
      return `expected ${issue.code === 'too_small' ? 'at least' : 'at most'} ${bound}`;
    }
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}: a tagged colour has exactly one key`;
    default:
      return issue.message;
  }
}

/** How a union branch failed, to tell which branch the author meant. */
function classify(branch: readonly Issue[]): { shapeMismatch: boolean; missingKeys: boolean } {
  let shapeMismatch = false;
  let missingKeys = false;
  for (const issue of branch) {
    if (issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'unrecognized_keys')) shapeMismatch = true;
    if (issue.path.length === 1 && issue.code === 'invalid_type' && !hasInput(issue)) missingKeys = true;
  }
  return { shapeMismatch, missingKeys };
}

/** The branch whose shape matches the input: a unique full match, else a unique shape match, else the one with fewest issues. */
function pickBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  const info = branches.map((b) => ({ issues: b, ...classify(b) }));
  const plausible = info.filter((b) => !b.shapeMismatch && !b.missingKeys);
  if (plausible.length === 1) return plausible[0].issues;
  const shaped = plausible.length > 1 ? plausible : info.filter((b) => !b.shapeMismatch);
  if (shaped.length === 1) return shaped[0].issues;
  if (shaped.length > 1) {
    const fewest = Math.min(...shaped.map((b) => b.issues.length));
    const best = shaped.filter((b) => b.issues.length === fewest);
    if (best.length === 1) return best[0].issues;
  }
  return undefined;
}

/** Flattens zod issues into SceneIssues, resolving unions to their intended branch. */
export function toSceneIssues(issues: readonly Issue[], prefix: readonly PathKey[] = []): SceneIssue[] {
  const out: SceneIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branch = pickBranch(issue.errors);
      if (branch) out.push(...toSceneIssues(branch, path));
      else out.push({ path: formatPath(path), message: `${issue.message}, got ${describeValue(issue.input)}` });
      continue;
    }
    out.push({ path: formatPath(path), message: messageOf(issue) });
  }
  return out;
}

/** `objects[3].radius: expected a number, got null` (root issues read `(root): …`). */
export function formatIssue(issue: SceneIssue): string {
  return `${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`;
}
