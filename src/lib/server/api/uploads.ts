// What every file upload of the API shares (meshes, environment maps): the file comes as the raw request body
// with a Content-Type (none, or a form, is a 415: no multipart parsing, no cross-site form posts), per-owner
// quotas by count and by bytes (a 409 naming the quota; 429 is for rates only), and the download of the stored
// bytes, cached for good since uploads never change (ETag = sha256).
import { createHash } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import { ApiError } from '../http/errors.ts';
import { getObjectStore } from '../storage/index.ts';

/** Throws the 415 unless the request carries a raw body; `what` names the file ("mesh", "environment map"). */
export function requireRawBody(event: RequestEvent, what: string): void {
  const type = event.request.headers.get('content-type') ?? '';
  if (type.trim() === '') throw new ApiError(415, `send the ${what} file as the raw request body with a Content-Type (e.g. application/octet-stream)`);
  if (/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)) {
    throw new ApiError(415, `send the ${what} file as the raw request body (e.g. application/octet-stream), not as a form`);
  }
}

export interface UploadQuota {
  readonly maxCount: number;
  readonly maxBytes: number;
  /** How the messages name the two quotas, e.g. "mesh quota" and "storage quota". */
  readonly countName: string;
  readonly storageName: string;
}

/** Why storing `size` more bytes would put the owner over a quota (a 409), or undefined when it fits. */
export function uploadQuotaProblem(usage: { count: number; bytes: number }, size: number, quota: UploadQuota): string | undefined {
  const en = (n: number) => n.toLocaleString('en');
  if (usage.count + 1 > quota.maxCount) {
    return `${quota.countName} of ${en(quota.maxCount)} uploads per owner reached: delete one to upload another`;
  }
  if (usage.bytes + size > quota.maxBytes) {
    return `${quota.storageName} of ${en(quota.maxBytes)} bytes per owner exceeded: you use ${en(usage.bytes)} of ${en(quota.maxBytes)}, and this file is ${en(size)}`;
  }
  return undefined;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Stores the bytes, then writes their row with `record`; when the row cannot be written the bytes are removed
 * again (and what the reconciler would find, had that failed too, is an object without a row: removed later).
 */
export async function storeThenRecord<T>(key: string, bytes: Uint8Array, contentType: string, record: () => Promise<T>): Promise<T> {
  const store = getObjectStore();
  await store.put(key, bytes, contentType);
  try {
    return await record();
  } catch (err) {
    await store.delete(key).catch(() => undefined);
    throw err;
  }
}

export interface StoredUpload {
  readonly name: string;
  readonly sha256: string;
  readonly storageKey: string;
}

/** The uploaded bytes as a download; `what` names the upload in the 404 when storage lost them. */
export async function uploadFileResponse(event: RequestEvent, upload: StoredUpload, what: string): Promise<Response> {
  const etag = `"${upload.sha256}"`;
  const caching = { etag, 'cache-control': 'private, max-age=31536000, immutable' };
  if (event.request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: caching });
  const bytes = await getObjectStore().get(upload.storageKey);
  if (!bytes) throw new ApiError(404, `the file of ${what} is missing from storage`);
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      ...caching,
      'content-type': 'application/octet-stream',
      'content-length': String(bytes.byteLength),
      'content-disposition': `attachment; filename="${upload.name}"`,
      'x-content-type-options': 'nosniff'
    }
  });
}
