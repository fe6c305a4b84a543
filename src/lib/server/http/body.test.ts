import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { drainCap, jsonDepth, readBody, readBytes, readJson, unstorableStrings } from './body.ts';
import { ApiError } from './errors.ts';

function request(body: string, type = 'application/json'): Request {
  return new Request('http://x/', { method: 'POST', body, headers: { 'content-type': type } });
}

async function status(work: Promise<unknown>): Promise<number> {
  try {
    await work;
    return 200;
  } catch (err) {
    if (err instanceof ApiError) return err.status;
    throw err;
  }
}

describe('request bodies', () => {
  it('measures JSON depth, ignoring brackets inside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":2}]}', 100)).toBe(3);
    expect(jsonDepth('{"a":"[[[[{{{{\\"[["}', 100)).toBe(1);
    expect(jsonDepth('['.repeat(1000), 10)).toBe(11);
  });

  it('reads within the limit and refuses beyond it', async () => {
    expect(await readBytes(request('abc'), 3)).toEqual(new TextEncoder().encode('abc'));
    expect(await status(readBytes(request('abcd'), 3))).toBe(413);
  });

  it('maps each failure to its status', async () => {
    const schema = z.strictObject({ n: z.number() });
    expect(await readBody(request('{"n":1}'), schema, 100)).toEqual({ n: 1 });
    expect(await status(readBody(request('{"n":1}', 'text/plain'), schema, 100))).toBe(415);
    expect(await status(readBody(request('{"n":'), schema, 100))).toBe(400);
    expect(await status(readBody(request(''), schema, 100))).toBe(400);
    expect(await status(readBody(request(`${'['.repeat(300)}${']'.repeat(300)}`), schema, 10_000))).toBe(400);
    expect(await status(readBody(request('{"n":"1"}'), schema, 100))).toBe(422);
    expect(await status(readBody(request('{"n":1e999}'), schema, 100))).toBe(422);
  });

  it('reads a body over the limit to its end before the 413, up to the drain cap; bigger ones are cut off', async () => {
    const max = 1024;
    /** A body of `bytes` in 64 KiB pieces that records how much was pulled and whether it was cancelled. */
    function streamed(bytes: number, declared: boolean) {
      const seen = { pulled: 0, cancelled: false };
      const piece = new Uint8Array(64 * 1024);
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (seen.pulled >= bytes) return controller.close();
          const n = Math.min(piece.byteLength, bytes - seen.pulled);
          seen.pulled += n;
          controller.enqueue(piece.subarray(0, n));
        },
        cancel() {
          seen.cancelled = true;
        }
      });
      const headers: Record<string, string> = declared ? { 'content-length': String(bytes) } : {};
      const req = new Request('http://x/', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
      return { req, seen };
    }
    const cap = drainCap(max);
    expect(cap).toBeGreaterThanOrEqual(max + 64 * 1024 * 1024);
    for (const declared of [true, false]) {
      const within = streamed(max + 20 * 1024 * 1024, declared);
      expect(await status(readBytes(within.req, max))).toBe(413);
      expect(within.seen).toEqual({ pulled: max + 20 * 1024 * 1024, cancelled: false });
    }
    const declaredHuge = streamed(cap + 1, true);
    expect(await status(readBytes(declaredHuge.req, max))).toBe(413);
    expect(declaredHuge.seen.pulled).toBeLessThan(1024 * 1024);
    const chunkedHuge = streamed(cap + 1024 * 1024, false);
    expect(await status(readBytes(chunkedHuge.req, max))).toBe(413);
    expect(chunkedHuge.seen.cancelled).toBe(true);
  });

  it('names every string and key PostgreSQL could not store, surrogate pairs pass', async () => {
    const value = JSON.parse('{"a":["ok","x\\u0000"],"b":{"c\\ud800":1,"d":"\\udc00y"},"e":"\\ud83d\\ude00","f":[1,2,{"g":"\\ud800"}]}');
    expect(unstorableStrings(value).map((i) => i.path).sort()).toEqual(['a[1]', 'b.d', 'b["c\\ud800"]', 'f[2].g']);
    expect(unstorableStrings(JSON.parse('"\\u0000"')).map((i) => i.path)).toEqual(['']);
    expect(unstorableStrings({ deep: Array.from({ length: 10_000 }, (_, i) => [i, 'fine']) })).toEqual([]);
    const issues = await readJson(request('{"scene":{"materials":[{"name":"\\u0000"}]}}'), 1000).catch((err: unknown) => err);
    expect(issues).toBeInstanceOf(ApiError);
    expect(issues).toMatchObject({ status: 422, details: { issues: [{ path: 'scene.materials[0].name' }] } });
  });
});
