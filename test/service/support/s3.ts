// s3rver (a local S3-protocol server) on a random loopback port with a temporary directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';

export interface TestS3 {
  readonly endpoint: string;
  readonly bucket: string;
  /** Environment variables that point the service at this server. */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

export async function startTestS3(bucket = 'clovers-test'): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), 'clovers-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const address = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    bucket,
    env: {
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true'
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    }
  };
}
