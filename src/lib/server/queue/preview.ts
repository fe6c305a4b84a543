// Server previews: a low-limit render of a scene for browsers without WebGPU. The request and the result live
// in Redis with TTLs (nothing to clean up); the preview worker announces a finished one with 'preview.ready'.
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

export type PreviewState =
  | { readonly status: 'queued' | 'running' }
  | { readonly status: 'done'; readonly width: number; readonly height: number; readonly samples: number; readonly png: Uint8Array }
  | { readonly status: 'failed'; readonly error: string };

export async function writePreviewState(redis: Redis, previewId: string, state: StoredState, ttlS: number): Promise<void> {
  await redis.set(redisKeys.previewState(previewId), JSON.stringify(state), 'EX', ttlS);
}

/** The preview's state, or null when unknown or expired. */
export async function readPreview(redis: Redis, previewId: string): Promise<PreviewState | null> {
  const raw = await redis.get(redisKeys.previewState(previewId));
  if (raw === null) return null;
  const parsed = previewStateSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) return null;
  const state = parsed.data;
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
