// Sends FuzzRequests (fuzz-requests.ts) byte for byte over plain TCP sockets, one connection each
// (`connection: close`), so that malformed escapes, raw latin1 bytes, NUL in headers, lying Content-Lengths and
// truncated bodies reach the server as generated: node's HTTP client would refuse or fix them.
import { connect } from 'node:net';
import type { FuzzContext, FuzzRequest } from './fuzz-requests.ts';

export interface FuzzResult {
  readonly request: FuzzRequest;
  /** null: no status line came back (connection reset or closed first, or timeout). */
  readonly status: number | null;
  /** The start of the response body (at most 2 KB, de-chunked). */
  readonly body: string;
  /** Why no status came back, or a client-side problem while sending. */
  readonly error?: string;
  readonly ms: number;
}

const MAX_KEEP = 64 * 1024;
const WRITE_CHUNK = 64 * 1024;

function latin1(s: string): Buffer {
  return Buffer.from(s, 'latin1');
}

function head(req: FuzzRequest, host: string, bodyHeaders: [string, string][]): Buffer {
  const lines = [`${req.method} ${req.path} HTTP/1.1`];
  if (!req.headers.some(([k]) => k.toLowerCase() === 'host')) lines.push(`host: ${host}`);
  for (const [k, v] of req.headers) lines.push(`${k}: ${v}`);
  for (const [k, v] of bodyHeaders) lines.push(`${k}: ${v}`);
  lines.push('connection: close', '', '');
  // Header text goes out as latin1 (one byte per code unit < 256), as node does; '\u00e9' stays one raw byte.
  return latin1(lines.join('\r\n'));
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const eol = body.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = Number.parseInt(body.subarray(at, eol).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function parseResponse(data: Buffer): { status: number | null; body: string; headers: string } {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(data.subarray(0, 16).toString('latin1'));
  if (!m) return { status: null, body: data.subarray(0, 200).toString('latin1'), headers: '' };
  const end = data.indexOf('\r\n\r\n');
  const headers = end < 0 ? data.toString('latin1') : data.subarray(0, end).toString('latin1');
  let body = end < 0 ? Buffer.alloc(0) : data.subarray(end + 4);
  if (/\r\ntransfer-encoding:\s*chunked/i.test(headers)) body = dechunk(body);
  return { status: Number(m[1]), body: body.subarray(0, 2048).toString('utf8'), headers };
}

/** Sends one request and reads the answer (until the server closes, or just the head for event streams). */
export function sendFuzzRequest(baseUrl: string, req: FuzzRequest, timeoutMs = 20_000): Promise<FuzzResult> {
  const url = new URL(baseUrl);
  const port = Number(url.port || 80);
  const started = performance.now();
  // A body that is promised but never (fully) sent keeps the server waiting: do not wait long for those.
  const promisesMore = req.body.kind === 'truncated' || (req.body.kind === 'none' && req.headers.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k)));
  const limitMs = promisesMore ? Math.min(timeoutMs, 5_000) : timeoutMs;
  return new Promise((resolve) => {
    const socket = connect(port, url.hostname);
    const received: Buffer[] = [];
    let kept = 0;
    let sendError: string | undefined;
    let done = false;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const parsed = parseResponse(Buffer.concat(received));
      resolve({
        request: req,
        status: parsed.status,
        body: parsed.body,
        error: parsed.status === null ? (error ?? sendError ?? 'connection closed without a response') : undefined,
        ms: performance.now() - started
      });
    };
    const timer = setTimeout(() => finish(`no complete answer within ${limitMs} ms`), limitMs);
    socket.on('data', (d: Buffer) => {
      if (kept < MAX_KEEP) {
        received.push(d);
        kept += d.length;
      }
      // An event stream never ends: its head is the answer.
      const text = Buffer.concat(received).toString('latin1');
      const endOfHead = text.indexOf('\r\n\r\n');
      if (endOfHead >= 0 && /\r\ncontent-type:\s*text\/event-stream/i.test(text.slice(0, endOfHead))) finish();
      if (req.method === 'HEAD' && endOfHead >= 0) finish();
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // A reset while we still send (e.g. after an early 413) may come after the answer: keep what arrived.
      sendError = err.code ?? err.message;
      if (received.length > 0) finish();
      else finish(sendError);
    });
    socket.on('close', () => finish());
    socket.on('connect', () => void write());

    const writeAll = async (buf: Buffer) => {
      for (let at = 0; at < buf.length && !socket.destroyed; at += WRITE_CHUNK) {
        if (!socket.write(buf.subarray(at, at + WRITE_CHUNK))) {
          await new Promise<void>((r) => {
            const done = () => {
              socket.off('drain', done);
              socket.off('close', done);
              r();
            };
            socket.on('drain', done);
            socket.on('close', done);
          });
        }
      }
    };
    const write = async () => {
      const body = req.body;
      try {
        if (body.kind === 'none') {
          const declares = req.headers.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k));
          const extra: [string, string][] = declares || ['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(req.method) ? [] : [['content-length', '0']];
          await writeAll(head(req, url.host, extra));
        } else if (body.kind === 'bytes') {
          await writeAll(Buffer.concat([head(req, url.host, [['content-length', String(body.data.byteLength)]]), Buffer.from(body.data)]));
        } else if (body.kind === 'truncated') {
          await writeAll(Buffer.concat([head(req, url.host, [['content-length', String(body.declared)]]), Buffer.from(body.data)]));
          await new Promise((r) => setTimeout(r, 300));
          socket.end();
        } else {
          const framing: [string, string][] = body.declareLength ? [['content-length', String(body.length)]] : [['transfer-encoding', 'chunked']];
          await writeAll(head(req, url.host, framing));
          const block = Buffer.alloc(WRITE_CHUNK, body.fill);
          for (let left = body.length; left > 0 && !socket.destroyed && received.length === 0; left -= WRITE_CHUNK) {
            const piece = block.subarray(0, Math.min(WRITE_CHUNK, left));
            await writeAll(body.declareLength ? piece : Buffer.concat([latin1(`${piece.length.toString(16)}\r\n`), piece, latin1('\r\n')]));
          }
          if (!body.declareLength && !socket.destroyed && received.length === 0) socket.write('0\r\n\r\n');
        }
      } catch (err) {
        sendError = (err as Error).message;
      }
    };
  });
}

export interface FuzzSummary {
  readonly total: number;
  readonly byStatus: Map<string, number>;
  /** Every answer ≥ 500. */
  readonly serverErrors: FuzzResult[];
  /** Requests without any answer (reset, closed or timed out), e.g. after truncated bodies. */
  readonly noAnswer: FuzzResult[];
  readonly ms: number;
}

/** Sends `requests` with `concurrency` in flight, in order of index. */
export async function runFuzz(
  baseUrl: string,
  requests: readonly FuzzRequest[],
  options: { concurrency?: number; timeoutMs?: number; onResult?: (r: FuzzResult) => void } = {}
): Promise<FuzzSummary> {
  const started = performance.now();
  const byStatus = new Map<string, number>();
  const serverErrors: FuzzResult[] = [];
  const noAnswer: FuzzResult[] = [];
  let next = 0;
  const lane = async () => {
    while (next < requests.length) {
      const req = requests[next++];
      const result = await sendFuzzRequest(baseUrl, req, options.timeoutMs);
      const key = result.status === null ? 'no answer' : String(result.status);
      byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
      if (result.status === null) noAnswer.push(result);
      else if (result.status >= 500) serverErrors.push(result);
      options.onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, lane));
  return { total: requests.length, byStatus, serverErrors, noAnswer, ms: performance.now() - started };
}

/** One line per ≥ 500 answer: index, method, path, description, body. */
export function describeResult(r: FuzzResult): string {
  const path = r.request.path.length > 120 ? `${r.request.path.slice(0, 120)}…(${r.request.path.length} chars)` : r.request.path;
  return `#${r.request.index} ${r.request.method} ${JSON.stringify(path)} [${r.request.description.slice(0, 200)}] → ${r.status ?? r.error}: ${r.body.slice(0, 300).replace(/\s+/g, ' ')}`;
}

const TRIANGLE_STL = 'solid t\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid t\n';

/**
 * A session (owner token) and a few real records (scenes, a mesh, renders) for the generator to aim at, made
 * through the API like any client.
 */
export async function prepareFuzzContext(
  baseUrl: string,
  scenes: readonly unknown[],
  limits: { maxBodyBytes: number; maxMeshBytes: number; adminToken?: string }
): Promise<FuzzContext> {
  const session = await fetch(`${baseUrl}/api/session`);
  if (!session.ok) throw new Error(`GET /api/session: HTTP ${session.status} ${await session.text()}`);
  const { token } = (await session.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  const post = async (path: string, body: BodyInit, type: string) => {
    const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { ...auth, 'content-type': type }, body });
    const data = (await res.json()) as { id?: string; error?: string };
    if (!data.id) throw new Error(`POST ${path}: HTTP ${res.status} ${JSON.stringify(data)}`);
    return data.id;
  };
  const sceneIds: string[] = [];
  const renderIds: string[] = [];
  for (const scene of scenes.slice(0, 2)) {
    sceneIds.push(await post('/api/scenes', JSON.stringify({ name: 'fuzz base', scene }), 'application/json'));
  }
  const meshIds = [await post('/api/meshes?name=triangle.stl', TRIANGLE_STL, 'application/octet-stream')];
  for (const sceneId of sceneIds) {
    renderIds.push(await post('/api/renders', JSON.stringify({ scene_id: sceneId, options: { width: 8, height: 8, samples: 1 } }), 'application/json'));
  }
  return { token, adminToken: limits.adminToken, renderIds, sceneIds, meshIds, scenes, maxBodyBytes: limits.maxBodyBytes, maxMeshBytes: limits.maxMeshBytes };
}
