// s3rver in a child process started with OpenSSL's legacy provider: s3rver's ListObjectsV2 continuation tokens
// are DES-encrypted, which Node's default OpenSSL 3 refuses (every truncated listing answers InternalError), so
// tests of paginated listings need this one; startTestS3 (in-process) serves everything else.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const SERVER = `
const S3rver = require('s3rver');
new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.argv[1] })
  .run()
  .then((address) => console.log(address.port), (err) => { console.error(err); process.exit(1); });
`;

export async function startPagingS3(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const directory = await mkdtemp(join(tmpdir(), 'clovers-s3-paging-'));
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', SERVER, directory], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async close() {
      child.kill();
      await exited;
      await rm(directory, { recursive: true, force: true });
    }
  };
}
