// Object keys: one folder per render (images, thumbnail, EXR, checkpoints, chunk films) so that deleting a render
// removes everything it left, and one per mesh or environment map upload. Keys are built here only; nothing takes a key from a user.
export const CONTENT_TYPES = {
  png: 'image/png',
  exr: 'image/x-exr',
  bin: 'application/octet-stream'
} as const;

export function renderPrefix(renderId: string): string {
  return `renders/${renderId}/`;
}

export function renderKeys(renderId: string) {
  const prefix = renderPrefix(renderId);
  return {
    png: `${prefix}image.png`,
    thumb: `${prefix}thumb.png`,
    exr: `${prefix}image.exr`,
    checkpoint: `${prefix}checkpoint.bin`
  } as const;
}

export function meshKey(meshId: string): string {
  return `meshes/${meshId}`;
}

export function environmentKey(environmentId: string): string {
  return `environments/${environmentId}`;
}

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9._-]+)*\/?$/;

/** Keys are relative, with no `.`/`..` segments: safe as S3 keys and as paths under the disk store's root. */
export function assertValidKey(key: string): void {
  if (key.length > 512 || !KEY_PATTERN.test(key) || key.split('/').some((s) => s === '.' || s === '..')) {
    throw new Error(`invalid object key: ${JSON.stringify(key.slice(0, 80))}`);
  }
}
