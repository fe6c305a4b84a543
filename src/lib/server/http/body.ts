// Request bodies: size-limited reads (the limit holds for chunked bodies without Content-Length), JSON only
// with a JSON content type (a cross-site form cannot send one without a CORS preflight), nesting depth checked
// on the text before parsing, every string (keys too) checked for text PostgreSQL cannot store, then a zod schema.
import type { z } from 'zod';
import { MAX_JSON_DEPTH } from '../../limits.ts';
import { formatPath } from '../../scene/issues.ts';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../../api/text.ts';
import { ApiError, validationError, zodIssues, type FieldIssue } from './errors.ts';

/** Scenes may nest MAX_JSON_DEPTH levels; bodies wrap them in a few more. */
export const MAX_BODY_DEPTH = MAX_JSON_DEPTH + 8;

/**
 * A body over its limit is still read (and discarded) up to this many bytes in all before the 413, so that an
 * ordinary client, which sends the whole body before reading the answer, sees the 413 instead of a connection
 * reset mid-upload. Bigger bodies (by Content-Length, or counted as they arrive) are cut off at once: the
 * connection closes. 4× the limit, and at least the limit + 64 MiB so that small limits still answer cleanly.
 */
export function drainCap(maxBytes: number): number {
  return Math.max(4 * maxBytes, maxBytes + 64 * 1024 * 1024);
}

/**
 * Reads and drops what is left of a body; past `budget` more bytes it stops and cancels the body (which closes
 * the connection). A body of exactly `budget` bytes is read to its end: cancelling it then would still close.
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number): Promise<void> {
  let left = budget;
  while (left >= 0) {
    const { done, value } = await reader.read();
    if (done) return;
    left -= value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
}

export async function readBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    if (request.body && Number(declared) <= drainCap(maxBytes)) await drain(request.body.getReader(), Number(declared));
    throw new ApiError(413, `request body too large: ${declared} bytes, the limit is ${maxBytes}`);
  }
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await drain(reader, drainCap(maxBytes) - total);
      throw new ApiError(413, `request body too large: more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** At most this many issues are listed; one is enough to fix, a few help, thousands would bloat the answer. */
const MAX_TEXT_ISSUES = 20;

/**
 * Every string of a parsed JSON value, object keys included, that PostgreSQL could not store, located as
 * `scene.materials[0].name` (a bad key is named by its own path). Iterative: the depth was bounded before parsing,
 * but a wide document must not cost a call per value either. Paths are built only for the offenders.
 */
export function unstorableStrings(value: unknown): FieldIssue[] {
  interface Node {
    readonly value: unknown;
    readonly parent: Node | undefined;
    readonly key: string | number | undefined;
  }
  const pathOf = (node: Node, key?: string | number): string => {
    const keys: (string | number)[] = key === undefined ? [] : [key];
    for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) keys.unshift(n.key);
    return formatPath(keys);
  };
  const issues: FieldIssue[] = [];
  const stack: Node[] = [];
  // Strings are checked where they are found; only containers go on the stack (a mesh's million numbers cost nothing).
  const visit = (child: unknown, parent: Node | undefined, key: string | number | undefined) => {
    if (typeof child === 'string') {
      if (!isStorableText(child)) issues.push({ path: parent === undefined ? '' : pathOf(parent, key), message: UNSTORABLE_TEXT_MESSAGE });
    } else if (typeof child === 'object' && child !== null) {
      stack.push({ value: child, parent, key });
    }
  };
  visit(value, undefined, undefined);
  while (stack.length > 0 && issues.length < MAX_TEXT_ISSUES) {
    const node = stack.pop() as Node;
    if (Array.isArray(node.value)) {
      for (let i = node.value.length - 1; i >= 0; i--) visit(node.value[i], node, i);
    } else {
      const entries = Object.entries(node.value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        if (isStorableText(key)) visit(child, node, key);
        else issues.push({ path: pathOf(node, key), message: `object key ${UNSTORABLE_TEXT_MESSAGE}` });
      }
    }
  }
  return issues.slice(0, MAX_TEXT_ISSUES);
}

/** Deepest nesting of arrays/objects in JSON text (strings skipped); stops counting past `limit`. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, `expected a JSON body with content-type application/json, got ${type === '' ? 'none' : JSON.stringify(type)}`);
  }
  const bytes = await readBytes(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, 'request body is not valid UTF-8');
  }
  if (text.trim() === '') throw new ApiError(400, 'request body is empty; expected JSON');
  if (jsonDepth(text, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
    throw new ApiError(400, `JSON nested deeper than ${MAX_BODY_DEPTH} levels`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ApiError(400, `malformed JSON: ${(err as Error).message}`);
  }
  const issues = unstorableStrings(value);
  if (issues.length > 0) throw validationError('request body', issues);
  return value;
}

export async function readBody<S extends z.ZodType>(request: Request, schema: S, maxBytes: number): Promise<z.output<S>> {
  return parseWith(schema, await readJson(request, maxBytes), 'request body');
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string, prefix: (string | number)[] = []): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(what, zodIssues(parsed.error, prefix));
  return parsed.data;
}

/** Query parameters as an object (repeated names keep the last value). */
export function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}
