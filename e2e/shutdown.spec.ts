// `npm start` exits promptly on SIGTERM even with an event stream open: a second instance of the production
// server (scripts/start.sh: built app, private Redis, embedded worker) on its own port, signalled the way
// `docker stop` signals it (the script alone), must be gone within 5 s, its stream ended and its Redis stopped.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

test("npm start without ORIGIN: the editor's posts pass the origin check on plain http, and the server exits within 5 s of SIGTERM with an event stream open", async () => {
  test.setTimeout(240_000);
  const [port, redisPort] = [await freePort(), await freePort()];
  const dataDir = await mkdtemp(join(tmpdir(), 'clovers-shutdown-'));
  const base = `http://127.0.0.1:${port}`;
  // As a user starts it: no ORIGIN, no proxy headers.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, CLOVERS_REDIS_PORT: String(redisPort) };
  for (const name of ['REDIS_URL', 'ORIGIN', 'PROTOCOL_HEADER']) delete env[name];
  // Its own process group, so that a failed test can clean up the server under the script too.
  const server = spawn('bash', ['scripts/start.sh'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  server.stdout.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  try {
    await expect(async () => expect((await fetch(`${base}/api/health`)).status).toBe(200)).toPass({ timeout: 180_000 });
    // The browser's own origin is plain http: a JSON post from it is accepted, and the owner cookie is not Secure.
    const saved = await fetch(`${base}/api/scenes`, {
      method: 'POST',
      headers: { origin: base, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ name: 'own origin', scene: JSON.parse(readFileSync('src/lib/scene/examples/furnace.json', 'utf8')) })
    });
    expect(saved.status, await saved.clone().text()).toBe(201);
    expect(saved.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    // A client cannot claim https for itself through the header that tells the protocol.
    const spoofed = await fetch(`${base}/api/scenes`, {
      method: 'POST',
      headers: { origin: base.replace('http:', 'https:'), 'x-clovers-direct-protocol': 'https', 'content-type': 'application/json' },
      body: '{}'
    });
    expect(spoofed.status).toBe(403);
    const stream = await fetch(`${base}/api/events`, { headers: { accept: 'text/event-stream' } });
    const reader = stream.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain(': connected');
    const streamEnded = (async () => {
      for (;;) if ((await reader.read().catch(() => ({ done: true }))).done) return performance.now();
    })();

    const signalledAt = performance.now();
    server.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5_000))]);
    expect(code, `start.sh still running 5 s after SIGTERM; output:\n${output}`).not.toBe('timeout');
    console.log(`exited ${(performance.now() - signalledAt).toFixed(0)} ms after SIGTERM with status ${code}; stream ended after ${((await streamEnded) - signalledAt).toFixed(0)} ms`);
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
    // The private Redis went with it.
    await expect(async () => {
      await expect(new Promise((resolve, reject) => {
        const socket = createServer().listen(redisPort, '127.0.0.1', () => socket.close(resolve));
        socket.once('error', reject);
      })).resolves.toBeUndefined();
    }).toPass({ timeout: 5_000 });
  } finally {
    if (server.exitCode === null) process.kill(-server.pid!, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
});
