// Who is calling: every browser gets a random owner id in a signed HttpOnly cookie; other clients send the same
// signed token as `Authorization: Bearer <token>` (GET /api/session hands it out); `Bearer <ADMIN_TOKEN>` grants
// owner rights over everything. Signing (HMAC-SHA256) makes owner ids unforgeable, not secret.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const OWNER_COOKIE = 'clovers_owner';
/** Owner cookies last a year; the owner id inside never changes. */
export const OWNER_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

export interface Client {
  /** Owner id of renders, scenes and meshes this client creates. */
  readonly owner: string;
  readonly isAdmin: boolean;
  /** The signed token (cookie value / bearer token) of this owner. */
  readonly token: string;
  /** True when this request minted the owner (the response must set the cookie). */
  readonly isNew: boolean;
}

function mac(secret: string, ownerId: string): string {
  return createHmac('sha256', secret).update(ownerId).digest('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function signOwner(secret: string, ownerId: string): string {
  return `${ownerId}.${mac(secret, ownerId)}`;
}

/** The owner id inside a signed token, or null when it is malformed or its signature is wrong. */
export function verifyOwnerToken(secret: string, token: string): string | null {
  if (token.length > 200) return null;
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const ownerId = token.slice(0, dot);
  if (!/^o_[A-Za-z0-9_-]{16,64}$/.test(ownerId)) return null;
  return safeEqual(token.slice(dot + 1), mac(secret, ownerId)) ? ownerId : null;
}

export function newOwnerId(): string {
  return `o_${randomBytes(16).toString('base64url')}`;
}

export interface IdentifyInput {
  readonly authorization: string | null;
  readonly cookie: string | undefined;
  readonly secret: string;
  readonly adminToken: string | undefined;
}

/** Bearer admin token, then bearer owner token, then cookie; otherwise a new owner. */
export function identify({ authorization, cookie, secret, adminToken }: IdentifyInput): Client | { error: string } {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (authorization !== null && bearer === undefined) return { error: 'Authorization must be "Bearer <token>"' };
  if (bearer !== undefined) {
    if (adminToken !== undefined && safeEqual(bearer, adminToken)) {
      return { owner: 'admin', isAdmin: true, token: bearer, isNew: false };
    }
    const owner = verifyOwnerToken(secret, bearer);
    if (owner === null) return { error: 'invalid bearer token' };
    return { owner, isAdmin: false, token: bearer, isNew: false };
  }
  const fromCookie = cookie === undefined ? null : verifyOwnerToken(secret, cookie);
  if (fromCookie !== null && cookie !== undefined) return { owner: fromCookie, isAdmin: false, token: cookie, isNew: false };
  const owner = newOwnerId();
  return { owner, isAdmin: false, token: signOwner(secret, owner), isNew: true };
}

/** Owners act on their own records; the admin on every record. */
export function mayModify(client: Client, owner: string): boolean {
  return client.isAdmin || client.owner === owner;
}
