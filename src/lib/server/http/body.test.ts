import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonDepth, readBody, readBytes } from './body.ts';
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
});
