// The ObjectStore contract against a real S3-protocol server (s3rver) and the local-disk store; thumbnails.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../../../../test/service/support/s3.ts';
import { assertValidKey } from './keys.ts';
import { DiskObjectStore, S3ObjectStore, type ObjectStore } from './object-store.ts';
import { CONTENT_TYPES, makeThumbnail, renderKeys, renderPrefix } from './index.ts';

let s3: TestS3;
let diskRoot: string;
beforeAll(async () => {
  s3 = await startTestS3();
  diskRoot = await mkdtemp(join(tmpdir(), 'clovers-objects-'));
});
afterAll(async () => {
  await s3?.close();
  await rm(diskRoot, { recursive: true, force: true });
});

const stores: { name: string; make: () => ObjectStore }[] = [
  {
    name: 's3rver',
    make: () =>
      new S3ObjectStore({
        endpoint: s3.endpoint,
        bucket: 'made-on-first-use',
        region: 'us-east-1',
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        forcePathStyle: true
      })
  },
  { name: 'disk', make: () => new DiskObjectStore(diskRoot) }
];

describe.each(stores)('object store on $name', ({ make }) => {
  it('puts, gets, deletes and reports missing objects as null', async () => {
    const store = make();
    await store.ping();
    const id = crypto.randomUUID();
    const keys = renderKeys(id);
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) & 0xff);
    await store.put(keys.png, bytes, CONTENT_TYPES.png);
    expect(await store.get(keys.png)).toEqual(bytes);
    expect(await store.get(keys.exr)).toBeNull();
    await store.delete(keys.png);
    await store.delete(keys.png);
    expect(await store.get(keys.png)).toBeNull();
  });

  it('deletes everything under a render prefix and nothing else', async () => {
    const store = make();
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    for (const key of [renderKeys(a).png, renderKeys(a).thumb, `${renderPrefix(a)}chunks/0.bin`, renderKeys(b).png]) {
      await store.put(key, new Uint8Array([1, 2, 3]), CONTENT_TYPES.bin);
    }
    await store.deletePrefix(renderPrefix(a));
    expect(await store.get(renderKeys(a).png)).toBeNull();
    expect(await store.get(`${renderPrefix(a)}chunks/0.bin`)).toBeNull();
    expect(await store.get(renderKeys(b).png)).toEqual(new Uint8Array([1, 2, 3]));
    await store.deletePrefix(renderPrefix(crypto.randomUUID()));
  });

  it('refuses keys that could escape the store', async () => {
    const store = make();
    for (const key of ['../etc/passwd', '/abs', 'a/../../b', 'a//b', '', 'a/./b']) {
      await expect(store.get(key)).rejects.toThrow(/invalid object key/);
    }
  });
});

describe('disk store', () => {
  it('leaves no temporary files behind', async () => {
    const store = new DiskObjectStore(diskRoot);
    const id = crypto.randomUUID();
    await store.put(renderKeys(id).png, new Uint8Array([9]), CONTENT_TYPES.png);
    expect(await readdir(join(diskRoot, renderPrefix(id)))).toEqual(['image.png']);
  });
});

describe('keys', () => {
  it('accepts the keys the service builds', () => {
    const id = crypto.randomUUID();
    for (const key of Object.values(renderKeys(id))) expect(() => assertValidKey(key)).not.toThrow();
  });
});

describe('thumbnail', () => {
  async function png(width: number, height: number): Promise<Uint8Array> {
    return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 10 } } }).png().toBuffer();
  }

  it('fits inside 256 px keeping the aspect ratio', async () => {
    const meta = await sharp(await makeThumbnail(await png(1024, 512))).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([256, 128, 'png']);
    const tall = await sharp(await makeThumbnail(await png(100, 400))).metadata();
    expect([tall.width, tall.height]).toEqual([64, 256]);
  });

  it('never enlarges a small image', async () => {
    const meta = await sharp(await makeThumbnail(await png(32, 16))).metadata();
    expect([meta.width, meta.height]).toEqual([32, 16]);
  });
});
