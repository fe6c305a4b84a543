import { describe, expect, it } from 'vitest';
import { identify, mayModify, signOwner, verifyOwnerToken, type Client } from './owner.ts';
import { RateLimiter } from './rate-limit.ts';

const secret = 'a-test-secret-of-some-length';

function client(input: Parameters<typeof identify>[0]): Client {
  const c = identify(input);
  if ('error' in c) throw new Error(c.error);
  return c;
}

describe('owner tokens', () => {
  it('mints a signed owner and recognises it from the cookie or a bearer token', () => {
    const fresh = client({ authorization: null, cookie: undefined, secret, adminToken: undefined });
    expect(fresh.isNew).toBe(true);
    const again = client({ authorization: null, cookie: fresh.token, secret, adminToken: undefined });
    expect([again.owner, again.isNew]).toEqual([fresh.owner, false]);
    const bearer = client({ authorization: `Bearer ${fresh.token}`, cookie: undefined, secret, adminToken: undefined });
    expect(bearer.owner).toBe(fresh.owner);
  });

  it('rejects forged or foreign tokens', () => {
    const token = signOwner(secret, 'o_AAAAAAAAAAAAAAAAAAAAAA');
    expect(verifyOwnerToken(secret, token)).toBe('o_AAAAAAAAAAAAAAAAAAAAAA');
    expect(verifyOwnerToken('another-secret-entirely', token)).toBeNull();
    expect(verifyOwnerToken(secret, token.replace('o_A', 'o_B'))).toBeNull();
    expect(identify({ authorization: 'Bearer nope', cookie: undefined, secret, adminToken: undefined })).toEqual({
      error: 'invalid bearer token'
    });
    // A forged cookie is ignored: the client becomes a new owner.
    expect(client({ authorization: null, cookie: 'o_x.y', secret, adminToken: undefined }).isNew).toBe(true);
  });

  it('the admin token may modify anything; owners only their own', () => {
    const admin = client({ authorization: 'Bearer sesame-admin', cookie: undefined, secret, adminToken: 'sesame-admin' });
    expect(admin.isAdmin).toBe(true);
    expect(mayModify(admin, 'o_someone')).toBe(true);
    const owner = client({ authorization: null, cookie: undefined, secret, adminToken: 'sesame-admin' });
    expect(mayModify(owner, owner.owner)).toBe(true);
    expect(mayModify(owner, 'o_someone')).toBe(false);
  });
});

describe('rate limiter', () => {
  it('allows a burst, then refills over time', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 60, () => now);
    expect([1, 2, 3].map(() => limiter.take(['a']).ok)).toEqual([true, true, true]);
    const blocked = limiter.take(['a']);
    expect(blocked).toEqual({ ok: false, retryAfterS: 1 });
    expect(limiter.take(['b']).ok).toBe(true);
    now += 1000;
    expect(limiter.take(['a']).ok).toBe(true);
  });

  it('limits by every key at once', () => {
    const limiter = new RateLimiter(2, 1, () => 0);
    expect(limiter.take(['owner1', 'ip']).ok).toBe(true);
    expect(limiter.take(['owner2', 'ip']).ok).toBe(true);
    expect(limiter.take(['owner3', 'ip']).ok).toBe(false);
  });
});
