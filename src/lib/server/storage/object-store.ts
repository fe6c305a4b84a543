// The storage interface of the service and its two implementations: S3 (any S3-protocol server through the AWS
// SDK) and a local-disk store, the embedded default when no S3 endpoint is configured.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException
} from '@aws-sdk/client-s3';
import type { S3Config } from '../config.ts';
import { assertValidKey } from './keys.ts';

/** One object of a listing. */
export interface StoredObject {
  readonly key: string;
  readonly size: number;
  /** When it was last written: the reconciler leaves young objects (uploads in flight) alone. */
  readonly lastModified: Date;
}

export interface ObjectStore {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Uint8Array | null>;
  /** Deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
  deletePrefix(prefix: string): Promise<void>;
  /** Every object whose key starts with `prefix` ('' for all), page by page, in no promised order. */
  list(prefix: string): AsyncIterable<StoredObject>;
  /** Health probe: throws when the store cannot be reached. */
  ping(): Promise<void>;
}

function isNotFound(err: unknown): boolean {
  return (
    err instanceof S3ServiceException &&
    (err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata.httpStatusCode === 404)
  );
}

export class S3ObjectStore implements ObjectStore {
  readonly client: S3Client;
  private bucketReady: Promise<void> | undefined;

  /** `listPageSize`: keys per ListObjectsV2 page (S3's maximum, 1000; tests page with fewer). */
  constructor(
    private readonly s3: S3Config,
    private readonly listPageSize = 1000
  ) {
    this.client = new S3Client({
      endpoint: s3.endpoint,
      region: s3.region,
      forcePathStyle: s3.forcePathStyle,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      // The SDK's default (aws-chunked uploads with trailing checksums) is not understood by every S3 server.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 4
    });
  }

  /** Creates the bucket on first use when it is missing (MinIO and s3rver start empty). */
  private ensureBucket(): Promise<void> {
    this.bucketReady ??= (async () => {
      try {
        await this.client.send(new HeadBucketCommand({ Bucket: this.s3.bucket }));
      } catch (err) {
        if (!isNotFound(err)) throw err;
        await this.client.send(new CreateBucketCommand({ Bucket: this.s3.bucket }));
      }
    })().catch((err: unknown) => {
      this.bucketReady = undefined;
      throw err;
    });
    return this.bucketReady;
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    assertValidKey(key);
    await this.ensureBucket();
    await this.client.send(
      new PutObjectCommand({ Bucket: this.s3.bucket, Key: key, Body: body, ContentType: contentType })
    );
  }

  async get(key: string): Promise<Uint8Array | null> {
    assertValidKey(key);
    await this.ensureBucket();
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.s3.bucket, Key: key }));
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.ensureBucket();
    await this.client.send(new DeleteObjectCommand({ Bucket: this.s3.bucket, Key: key }));
  }

  async deletePrefix(prefix: string): Promise<void> {
    assertValidKey(prefix);
    await this.ensureBucket();
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.s3.bucket, Prefix: prefix, ContinuationToken: token })
      );
      // One DeleteObject per key: DeleteObjects needs a Content-MD5 that not every S3 server accepts.
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : []));
      await Promise.all(keys.map((Key) => this.client.send(new DeleteObjectCommand({ Bucket: this.s3.bucket, Key }))));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    if (prefix !== '') assertValidKey(prefix);
    await this.ensureBucket();
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.s3.bucket, Prefix: prefix || undefined, ContinuationToken: token, MaxKeys: this.listPageSize })
      );
      for (const o of page.Contents ?? []) {
        if (o.Key) yield { key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified ?? new Date() };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  async ping(): Promise<void> {
    await this.ensureBucket();
    await this.client.send(new HeadBucketCommand({ Bucket: this.s3.bucket }));
  }
}

const TMP_SUFFIX = '.tmp';

export class DiskObjectStore implements ObjectStore {
  constructor(readonly root: string) {}

  private path(key: string): string {
    assertValidKey(key);
    return join(this.root, key);
  }

  async put(key: string, body: Uint8Array, _contentType: string): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    // Write then rename: a reader never sees half an object.
    const tmp = `${path}.${process.pid}.${crypto.randomUUID()}${TMP_SUFFIX}`;
    await writeFile(tmp, body);
    await rename(tmp, path);
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.path(key)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EISDIR') {
        return null;
      }
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async deletePrefix(prefix: string): Promise<void> {
    // Prefixes here are folders (`renders/<id>/`): remove the folder.
    assertValidKey(prefix);
    if (!prefix.endsWith('/')) throw new Error('the disk store deletes folder prefixes only (ending in /)');
    await rm(this.path(prefix), { recursive: true, force: true });
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    if (prefix !== '') assertValidKey(prefix);
    // Walk only the folder the prefix names, then filter on the whole prefix ('renders/ab' matches 'renders/abc/…').
    const slash = prefix.lastIndexOf('/');
    yield* this.walk(prefix.slice(0, slash + 1), prefix);
  }

  private async *walk(folder: string, prefix: string): AsyncIterable<StoredObject> {
    let entries;
    try {
      entries = await readdir(join(this.root, folder), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const entry of entries) {
      const key = `${folder}${entry.name}`;
      if (!key.startsWith(prefix)) continue;
      if (entry.isDirectory()) {
        yield* this.walk(`${key}/`, prefix);
      } else if (entry.isFile() && !entry.name.endsWith(TMP_SUFFIX)) {
        // A write in progress (see put) is not an object yet.
        const info = await stat(join(this.root, key)).catch(() => null);
        if (info) yield { key, size: info.size, lastModified: info.mtime };
      }
    }
  }

  async ping(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }
}
