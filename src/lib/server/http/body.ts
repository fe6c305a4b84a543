// Request bodies: size-limited reads (the limit holds for chunked bodies without Content-Length), JSON only
// with a JSON content type (a cross-site form cannot send one without a CORS preflight), nesting depth checked
// on the text before parsing, then a zod schema.
import type { z } from 'zod';
import { MAX_JSON_DEPTH } from '../../limits.ts';
import { ApiError, validationError, zodIssues } from './errors.ts';

/** Scenes may nest MAX_JSON_DEPTH levels; bodies wrap them in a few more. */
export const MAX_BODY_DEPTH = MAX_JSON_DEPTH + 8;

/**
 * Up to this many bytes past a limit are read and discarded before answering 413, so that an ordinary client
 * (which sends the whole body before reading the answer) sees the 413 instead of a reset connection.
 */
const DRAIN_BYTES = 16 * 1024 * 1024;

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number): Promise<void> {
  let left = budget;
  while (left > 0) {
    const { done, value } = await reader.read();
    if (done) return;
    left -= value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
}

export async function readBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    if (request.body && Number(declared) <= maxBytes + DRAIN_BYTES) await drain(request.body.getReader(), DRAIN_BYTES);
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
      await drain(reader, DRAIN_BYTES);
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
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError(400, `malformed JSON: ${(err as Error).message}`);
  }
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
