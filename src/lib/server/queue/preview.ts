// Server previews: a low-limit render of a scene for browsers without WebGPU. The request and the result live
// in Redis with TTLs (nothing to clean up); the preview worker announces a finished one with 'preview.ready'.
// A preview is private to the owner who asked for it: its state carries the owner, and the API shows another
// owner's preview as a missing one.
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { previewOptionsSchema, type ApiRenderOptions } from '../../render-options.ts';
import { redisKeys } from './keys.ts';

/** A finished preview is kept this long (the reference kept 60 s; a slow client deserves longer). */
export const PREVIEW_RESULT_TTL_S = 300;
/** A request not picked up within this time expires with its state. */
export const PREVIEW_REQUEST_TTL_S = 600;

export interface PreviewRequest {
  /** Scene JSON as the API validated it. */
  readonly scene: unknown;
  readonly options: ApiRenderOptions;
  /** Who asked: only their uploaded meshes resolve. Without it any upload id does (ids are unguessable). */
  readonly owner?: string;
}

const previewStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('queued') }),
  z.object({ status: z.literal('running') }),
  z.object({ status: z.literal('done'), width: z.number(), height: z.number(), samples: z.number() }),
  z.object({ status: z.literal('failed'), error: z.string() })
]);
type StoredState = z.infer<typeof previewStateSchema>;
/** As stored: the state and who asked (absent for a request made without an owner). */
const storedSchema = z.intersection(previewStateSchema, z.object({ owner: z.string().optional() }));

export type PreviewState = { readonly owner: string | undefined } & (
  | { readonly status: 'queued' | 'running' }
  | { readonly status: 'done'; readonly width: number; readonly height: number; readonly samples: number; readonly png: Uint8Array }
  | { readonly status: 'failed'; readonly error: string }
);

/** Every writer passes the owner on (each write replaces the state, owner included). */
export async function writePreviewState(redis: Redis, previewId: string, owner: string | undefined, state: StoredState, ttlS: number): Promise<void> {
  await redis.set(redisKeys.previewState(previewId), JSON.stringify({ ...state, owner }), 'EX', ttlS);
}

async function readStored(redis: Redis, previewId: string): Promise<z.infer<typeof storedSchema> | null> {
  const raw = await redis.get(redisKeys.previewState(previewId));
  if (raw === null) return null;
  const parsed = storedSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

/** Who asked for the preview: null when it is unknown or expired, undefined when it was asked without an owner. */
export async function readPreviewOwner(redis: Redis, previewId: string): Promise<string | undefined | null> {
  const stored = await readStored(redis, previewId);
  return stored === null ? null : stored.owner;
}

/** Only its owner and the admin see a preview; one asked for without an owner only the admin. */
export function previewVisibleTo(client: { readonly owner: string; readonly isAdmin: boolean }, owner: string | null | undefined): boolean {
  return client.isAdmin || (typeof owner === 'string' && owner === client.owner);
}

/** The preview's state, or null when unknown or expired. */
export async function readPreview(redis: Redis, previewId: string): Promise<PreviewState | null> {
  const stored = await readStored(redis, previewId);
  if (stored === null) return null;
  const state = { ...stored, owner: stored.owner };
  if (state.status !== 'done') return state;
  const png = await redis.getBuffer(redisKeys.previewPng(previewId));
  return png === null ? null : { ...state, png: new Uint8Array(png) };
}

export async function readPreviewRequest(redis: Redis, previewId: string): Promise<PreviewRequest | null> {
  const raw = await redis.get(redisKeys.previewRequest(previewId));
  if (raw === null) return null;
  const value = JSON.parse(raw) as { scene: unknown; options: unknown; owner?: unknown };
  const owner = typeof value.owner === 'string' ? value.owner : undefined;
  return { scene: value.scene, options: previewOptionsSchema.parse(value.options), owner };
}
