// Checks on an uploaded environment map before it is stored: the file is decoded in full by the renderer's own
// decoder (gpu/host/environment/decode.ts: Radiance .hdr or OpenEXR, told apart by content; the size limit
// checked from the header before pixel memory is taken), so a map that cannot render is refused now rather than
// failing its renders later. The owner's quotas bound what one owner keeps in storage.
import { decodeEnvironment } from '../../../../gpu/host/environment/decode.ts';
import { EnvironmentImageError } from '../../../../gpu/host/environment/image.ts';
import type { ServiceConfig } from '../config.ts';
import { ApiError } from '../http/errors.ts';
import { uploadQuotaProblem } from './uploads.ts';

/** Decodes the upload as the worker will; a map it will not load is a 422 naming the file and the problem. */
export function inspectEnvironmentUpload(bytes: Uint8Array, name: string): { width: number; height: number } {
  try {
    const { width, height } = decodeEnvironment(bytes, name);
    return { width, height };
  } catch (error) {
    if (error instanceof EnvironmentImageError) throw new ApiError(422, `invalid body: ${error.message}`);
    throw error;
  }
}

/** Why storing `size` more bytes would put the owner over an environment map quota (a 409), or undefined. */
export function environmentQuotaProblem(
  usage: { count: number; bytes: number },
  size: number,
  quota: Pick<ServiceConfig, 'maxEnvironmentsPerOwner' | 'maxEnvironmentStorageBytesPerOwner'>
): string | undefined {
  return uploadQuotaProblem(usage, size, {
    maxCount: quota.maxEnvironmentsPerOwner,
    maxBytes: quota.maxEnvironmentStorageBytesPerOwner,
    countName: 'environment map quota',
    storageName: 'environment map storage quota'
  });
}
