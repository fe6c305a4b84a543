// Immutable edits of a JSON document by path. The editor keeps the scene as plain JSON (unknown keys included)
// and replaces the changed spine on every edit, so undo is a stack of snapshots and unchanged subtrees are shared.
import { formatPath } from '$lib/scene';

export type JsonPath = readonly (string | number)[];
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The value at `path`, or undefined when any step is missing. */
export function getAt(doc: unknown, path: JsonPath): unknown {
  let node = doc;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/**
 * A copy of `doc` with `value` at `path` (undefined deletes an object key). Containers along the path are
 * copied; everything else is shared. Missing containers are created (array for a numeric key).
 */
export function setAt<T>(doc: T, path: JsonPath, value: unknown): T {
  if (path.length === 0) return value as T;
  const [key, ...rest] = path;
  const container: unknown = doc ?? (typeof key === 'number' ? [] : {});
  if (Array.isArray(container)) {
    if (typeof key !== 'number') throw new Error(`setAt: array index expected at ${formatPath(path)}`);
    const copy = container.slice();
    copy[key] = setAt(copy[key], rest, value);
    return copy as T;
  }
  if (typeof container !== 'object' || container === null) {
    throw new Error(`setAt: cannot descend into a ${typeof container} at ${String(key)}`);
  }
  const copy: Record<string | number, unknown> = { ...(container as Record<string, unknown>) };
  if (rest.length === 0 && value === undefined) delete copy[key];
  else copy[key] = setAt(copy[key], rest, value);
  return copy as T;
}

/** A copy of `doc` with the array at `path` transformed by `edit` (which receives a fresh copy). */
export function editArrayAt<T>(doc: T, path: JsonPath, edit: (items: unknown[]) => unknown[]): T {
  const current = getAt(doc, path);
  const items = Array.isArray(current) ? current.slice() : [];
  return setAt(doc, path, edit(items));
}

/** Moves an element within an array (for reordering objects and materials). */
export function moveItem(items: unknown[], from: number, to: number): unknown[] {
  if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) return items;
  const [item] = items.splice(from, 1);
  items.splice(to, 0, item);
  return items;
}

/** The issue path string (`objects[3].radius`) of a JSON path, as `SceneIssue.path` spells it. */
export function issuePath(path: JsonPath): string {
  return formatPath(path);
}
