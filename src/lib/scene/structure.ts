// Size and depth checks that run before the zod schema. They walk the raw input iteratively, so a
// 100 000-level chain or a cyclic JS object gives a clear error instead of a stack overflow in recursion.
import { MAX_JSON_DEPTH, MAX_JSON_VALUES, MAX_OBJECT_DEPTH, MAX_OBJECTS } from '../limits.ts';
import { formatPath, type SceneIssue } from './issues.ts';

type PathKey = string | number;

/** A walked container; `parent` links rebuild the path only when an error needs it. */
interface Visit {
  value: object;
  depth: number;
  key: PathKey | null;
  parent: Visit | null;
}

function pathOf(visit: Visit): PathKey[] {
  const keys: PathKey[] = [];
  for (let v: Visit | null = visit; v && v.key !== null; v = v.parent) keys.push(v.key);
  return keys.reverse();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Object nesting depth and total object count, over `objects`, `object`, `boundary`. */
function checkObjectTree(objects: unknown[]): SceneIssue[] {
  const root: Visit = { value: objects, depth: 0, key: 'objects', parent: null };
  const stack: Visit[] = [root];
  let count = 0;
  const push = (value: unknown, key: PathKey, parent: Visit) => {
    if (typeof value === 'object' && value !== null) stack.push({ value, depth: parent.depth + (Array.isArray(value) ? 0 : 1), key, parent });
  };
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const value = visit.value;
    if (Array.isArray(value)) {
      // only objects count here; arrays in arrays are left to the schema (and to checkJsonShape's depth)
      for (let i = value.length - 1; i >= 0; i--) if (!Array.isArray(value[i])) push(value[i], i, visit);
      continue;
    }
    if (visit.depth > MAX_OBJECT_DEPTH) {
      return [{ path: formatPath(pathOf(visit)), message: `objects are nested more than ${MAX_OBJECT_DEPTH} levels deep` }];
    }
    if (++count > MAX_OBJECTS) {
      return [{ path: 'objects', message: `too many objects: more than ${MAX_OBJECTS} (counting nested ones)` }];
    }
    const object = value as Record<string, unknown>;
    // Child objects sit under these keys only (Translate/RotateY, ConstantMedium, ObjectList).
    if (Array.isArray(object.objects)) push(object.objects, 'objects', visit);
    push(object.boundary, 'boundary', visit);
    push(object.object, 'object', visit);
  }
  return [];
}

/** Nesting of any JSON value (also catches cycles in JS inputs) and the number of values. */
function checkJsonShape(input: object): SceneIssue[] {
  const stack: Visit[] = [{ value: input, depth: 0, key: null, parent: null }];
  let values = 1;
  while (stack.length > 0) {
    const visit = stack.pop()!;
    if (visit.depth >= MAX_JSON_DEPTH) {
      const path = pathOf(visit);
      const shown = path.length > 32 ? `${formatPath(path.slice(0, 32))}…` : formatPath(path);
      return [{ path: shown, message: `JSON nested more than ${MAX_JSON_DEPTH} levels deep` }];
    }
    const value = visit.value;
    const keys: PathKey[] | null = Array.isArray(value) ? null : Object.keys(value);
    const length = keys ? keys.length : (value as unknown[]).length;
    values += length;
    if (values > MAX_JSON_VALUES) return [{ path: '', message: `scene too large: more than ${MAX_JSON_VALUES} JSON values` }];
    for (let i = 0; i < length; i++) {
      const key = keys ? keys[i] : i;
      const child = (value as Record<PathKey, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: visit.depth + 1, key, parent: visit });
    }
  }
  return [];
}

/**
 * Structural limits of a raw scene value. An empty result means the schema may run safely; otherwise
 * the scene is rejected with these issues alone (the schema's recursion would be unsafe or pointless).
 */
export function checkStructure(input: unknown): SceneIssue[] {
  if (!isRecord(input)) return [];
  const tree = Array.isArray(input.objects) ? checkObjectTree(input.objects) : [];
  return tree.length > 0 ? tree : checkJsonShape(input);
}
