// Seeded generator of bad and odd HTTP requests against every API route (and some pages), shared by the fuzz
// script (scripts/fuzz-api.ts) and the CI-sized test (test/service/fuzz.test.ts). Pure: the same seed and context
// give the same requests. Each request says what it is (`description`) so a ≥ 500 answer can be reproduced.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How a request's body goes on the wire. */
export type FuzzBody =
  | { readonly kind: 'none' }
  | { readonly kind: 'bytes'; readonly data: Uint8Array }
  /** `length` bytes of `fill`, produced while sending (large bodies are never held in memory). */
  | { readonly kind: 'stream'; readonly length: number; readonly fill: number; readonly declareLength: boolean }
  /** Declares `declared` bytes, sends `data` (fewer), then closes the connection: the answer may never come. */
  | { readonly kind: 'truncated'; readonly data: Uint8Array; readonly declared: number };

export interface FuzzRequest {
  readonly index: number;
  readonly method: string;
  /** Request target as sent (may hold raw latin1 bytes and malformed escapes). */
  readonly path: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: FuzzBody;
  /** Short human description: the generator case and what was corrupted. */
  readonly description: string;
  /** Written byte for byte over a socket (header values node's HTTP client refuses, e.g. NUL). */
  readonly raw?: boolean;
}

/** Valid identities and records the generator mixes in so that requests get past the first checks. */
export interface FuzzContext {
  /** A valid owner token (GET /api/session). */
  readonly token: string;
  readonly adminToken?: string;
  readonly renderIds: readonly string[];
  readonly sceneIds: readonly string[];
  readonly meshIds: readonly string[];
  /** Example scenes (parsed JSON) to corrupt. */
  readonly scenes: readonly unknown[];
  /** Largest JSON body and mesh upload the server accepts (bodies just above are sent now and then). */
  readonly maxBodyBytes: number;
  readonly maxMeshBytes: number;
}

/** The example scenes under src/lib/scene/examples, smallest first (the big one_weekend is left out: 95 KB). */
export function loadExampleScenes(repoRoot: string): unknown[] {
  const dir = join(repoRoot, 'src/lib/scene/examples');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'one_weekend.json')
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown);
}

/** mulberry32: small, fast, good enough for test-case choice. */
export class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const enc = new TextEncoder();
const utf8 = (s: string): Uint8Array => enc.encode(s);

/** Strings that have broken servers: NUL, lone surrogates, control and bidi characters, traversal, injection. */
export const NASTY_STRINGS: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud800y',
  '\udc00\ud800',
  '\uffff',
  '\ufeff',
  '\u202eevil',
  '\u0007\u001b[31m',
  '🍀'.repeat(50),
  'é',
  '',
  ' ',
  '\t\n',
  '../../etc/passwd',
  '/etc/passwd',
  'C:\\Windows\\win.ini',
  '%00',
  '%ud800',
  "'; DROP TABLE renders; --",
  '${process.exit()}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'null',
  'x'.repeat(257),
  'y'.repeat(5000),
  'z'.repeat(70_000)
];

const NASTY_NUMBER_TEXT: readonly string[] = [
  '1e400',
  '-1e400',
  '1e308',
  '-1e308',
  '9007199254740993',
  '18446744073709551616',
  '4294967296',
  '-1',
  '-0',
  '0',
  '0.5',
  '1e-320',
  '8193',
  '1000001',
  '2147483648',
  '"NaN"',
  '"Infinity"',
  '"-Infinity"',
  '"1e400"',
  '"12"',
  '"0x10"',
  'true',
  'null',
  '[]',
  '{}',
  '[1]',
  '"\\u0000"',
  '"\\ud800"'
];

/** JSON values as raw text (so that 1e400, duplicate keys and escapes reach the server's parser as written). */
function rawValue(rng: Prng, depthBudget = 3): string {
  const r = rng.int(10);
  if (r < 4) return rng.pick(NASTY_NUMBER_TEXT);
  if (r < 7) return JSON.stringify(rng.pick(NASTY_STRINGS));
  if (r < 8 || depthBudget <= 0) return rng.pick(['null', 'false', 'true', '[]', '{}']);
  if (r < 9) return `[${rawValue(rng, depthBudget - 1)},${rawValue(rng, depthBudget - 1)}]`;
  return `{${JSON.stringify(rng.pick(NASTY_STRINGS))}:${rawValue(rng, depthBudget - 1)}}`;
}

function nested(depth: number, kind: 'array' | 'object' | 'mixed', rng: Prng): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    const arr = kind === 'array' || (kind === 'mixed' && rng.chance(0.5));
    open += arr ? '[' : '{"a":';
    close = (arr ? ']' : '}') + close;
  }
  return `${open}1${close}`;
}

/** Placeholders replaced by raw JSON text after JSON.stringify (plain ASCII: stringify leaves them as they are). */
const RAW_MARK = '@@raw';

/**
 * Mutates a copy of `value`: one to three random corruptions at random places (delete, retype, huge/negative
 * numbers, NaN-as-string, NUL and lone-surrogate strings, deep nesting, duplicate keys, unknown keys).
 * Returns JSON text and what was done.
 */
export function corruptJson(value: unknown, rng: Prng): { text: string; what: string[] } {
  const copy = structuredClone(value) as unknown;
  const raws: string[] = [];
  const what: string[] = [];
  const rawToken = (text: string) => {
    raws.push(text);
    return `${RAW_MARK}${raws.length - 1}@@`;
  };
  const rounds = 1 + rng.int(3);
  for (let round = 0; round < rounds; round++) {
    const slots = collectSlots(copy);
    if (slots.length === 0) break;
    const slot = rng.pick(slots);
    const where = slot.path.join('.') || '(root)';
    const current = slot.get();
    const op = rng.int(typeof current === 'string' ? 12 : 10);
    if (op === 0 && slot.remove) {
      slot.remove();
      what.push(`delete ${where}`);
    } else if (op === 1) {
      const v = rng.pick<unknown>([null, true, 'text', 0, [], {}, [[[]]], { kind: 'Sphere' }]);
      slot.set(v);
      what.push(`${where} = ${JSON.stringify(v)}`);
    } else if (op <= 4) {
      const t = rng.pick(NASTY_NUMBER_TEXT);
      slot.set(rawToken(t));
      what.push(`${where} = ${t}`);
    } else if (op === 5) {
      const depth = rng.pick([50, 255, 260, 300, 2000, 20_000]);
      slot.set(rawToken(nested(depth, rng.pick(['array', 'object', 'mixed'] as const), rng)));
      what.push(`${where} = nested ${depth} deep`);
    } else if (op === 6 && isRecord(current)) {
      const keys = Object.keys(current);
      const key = keys.length > 0 ? rng.pick(keys) : 'kind';
      const dup = rawValue(rng);
      // A duplicate key written as raw text: JSON.parse keeps the last one.
      current[`${RAW_MARK}dup${raws.length}@@`] = null;
      raws.push(`${JSON.stringify(key)}:${dup}`);
      what.push(`${where} duplicate key ${JSON.stringify(key)} = ${dup.slice(0, 40)}`);
    } else if (op === 7 && isRecord(current)) {
      const key = rng.pick(['__proto__', 'constructor', 'prototype', 'unknown_field', '', '\u0000', '\ud800', 'kind ']);
      current[key] = rawToken(rawValue(rng));
      what.push(`${where} add key ${JSON.stringify(key)}`);
    } else if (op === 8 && Array.isArray(current)) {
      const n = rng.pick([0, 1, 2, 4, 1000, 100_001]);
      if (n <= 1000 || rng.chance(0.2)) {
        const item = current.length > 0 ? current[0] : 1;
        slot.set(Array.from({ length: n }, () => structuredClone(item)));
        what.push(`${where} resized to ${n}`);
      } else {
        slot.set([]);
        what.push(`${where} emptied`);
      }
    } else {
      const s = rng.pick(NASTY_STRINGS);
      slot.set(rng.chance(0.5) ? s : `${typeof current === 'string' ? current : 'x'}${s}`);
      what.push(`${where} = string ${describeString(s)}`);
    }
  }
  let text = JSON.stringify(copy);
  text = text.replace(/"@@rawdup(\d+)@@":null/g, (_, i: string) => raws[Number(i)]);
  text = text.replace(/"@@raw(\d+)@@"/g, (_, i: string) => raws[Number(i)]);
  return { text, what };
}

export function describeString(s: string): string {
  const shown = s.length > 24 ? `${s.slice(0, 12)}…(${s.length} chars)` : s;
  return JSON.stringify(shown);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface Slot {
  readonly path: readonly (string | number)[];
  get(): unknown;
  set(v: unknown): void;
  remove?: () => void;
}

/** Every value position in the tree (the root included), with setters. */
function collectSlots(root: unknown): Slot[] {
  const out: Slot[] = [];
  const holder = { root };
  const visit = (parent: Record<string, unknown> | unknown[], key: string | number, path: (string | number)[]) => {
    const value = (parent as Record<string | number, unknown>)[key];
    out.push({
      path,
      get: () => (parent as Record<string | number, unknown>)[key],
      set: (v) => ((parent as Record<string | number, unknown>)[key] = v),
      remove: path.length === 0 ? undefined : () => (Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key as string])
    });
    if (out.length > 4000) return;
    if (Array.isArray(value)) value.forEach((_, i) => visit(value, i, [...path, i]));
    else if (isRecord(value)) for (const k of Object.keys(value)) visit(value, k, [...path, k]);
  };
  visit(holder, 'root', []);
  // The holder's own slot stands for the root; writes to it change `holder.root`, read back by the caller's copy.
  return out.filter((s) => s.path.length > 0);
}

const UUID_LIKE: readonly string[] = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '123e4567-e89b-12d3-a456-42661417400',
  '123e4567-e89b-12d3-a456-4266141740000',
  '123e4567e89b12d3a456426614174000',
  '{123e4567-e89b-12d3-a456-426614174000}',
  'g23e4567-e89b-12d3-a456-426614174000',
  'not-a-uuid',
  '1',
  '-1',
  'null',
  'undefined',
  '%00',
  '%ED%A0%80',
  '%E0%A4%A',
  '%ZZ',
  '%',
  '%25',
  '%2F',
  '..',
  '.',
  '%2e%2e',
  '%F0%9F%8D%80',
  '%C3%A9',
  '\u00e9',
  '\u00ff\u00fe',
  "'",
  '"',
  '%22%3E%3Cscript%3E',
  'x'.repeat(300),
  'a'.repeat(9000)
];

const PAGES: readonly string[] = [
  '/',
  '/favicon.ico',
  '/robots.txt',
  '/queue',
  '/render/00000000-0000-0000-0000-000000000000',
  '/renders',
  '/renders/',
  '/renders/not-a-uuid',
  '/renders/00000000-0000-0000-0000-000000000000',
  '/renders/%ED%A0%80',
  '/dev/shaders',
  '/dev/shaders/x',
  '/_app/immutable/nope.js',
  '/_app/version.json',
  '/api',
  '/api/',
  '/api//renders',
  '/api/renders/',
  '/api/renders//cancel',
  '/api/renders/x/y/z',
  '/api/../api/health',
  '/api/%2e%2e/health',
  '/api/admin',
  '/api/health/x',
  '/api/session/',
  '/%00',
  '/%ED%A0%80',
  '/%',
  '/\u00e9',
  '/api/\u00e9\u00ff',
  '/.env',
  '/.git/config',
  '/package.json',
  '/build/index.js',
  '/api/events/x',
  '/index.html',
  '/__data.json',
  '/renders/__data.json',
  '/renders/00000000-0000-0000-0000-000000000000/__data.json',
  '/x/__data.json?x-sveltekit-invalidated=01',
  '/?/action',
  '/renders?/default'
];

const METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'TRACE', 'FOO', 'get', 'M-SEARCH'];

const CONTENT_TYPES: readonly (string | undefined)[] = [
  undefined,
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'multipart/form-data',
  'application/json; charset=utf-16',
  'application/json;;',
  'application/jsonx',
  'APPLICATION/JSON',
  'application/json\t',
  'application/xml',
  '*/*',
  'application/octet-stream',
  ''
];

const BAD_AUTH: readonly string[] = [
  'Bearer',
  'Bearer ',
  'Bearer x',
  'Bearer a.b.c',
  'Bearer ' + 'A'.repeat(4000),
  'Basic dXNlcjpwYXNz',
  'bearer  x  y',
  'Bearer \u00e9\u00ff',
  'Token abc',
  ''
];

const BAD_COOKIES: readonly string[] = [
  'clovers_owner=',
  'clovers_owner=garbage',
  'clovers_owner=a.b',
  'clovers_owner=%ZZ',
  'clovers_owner=%ED%A0%80',
  'clovers_owner="quoted"',
  'clovers_owner=1; clovers_owner=2',
  '=; ;;=',
  'a=' + 'b'.repeat(8000),
  '\u00e9=\u00ff'
];

const ORIGINS: readonly string[] = ['https://evil.example', 'null', 'http://127.0.0.1:1', 'file://', 'http://[::1]', 'x'];

type Route = { readonly template: string; readonly methods: readonly string[] };

/** Every API route with its methods (src/routes/api/**\/+server.ts). */
export const API_ROUTES: readonly Route[] = [
  { template: '/api/renders', methods: ['GET', 'POST'] },
  { template: '/api/renders/:render', methods: ['GET', 'DELETE'] },
  { template: '/api/renders/:render/:file', methods: ['GET'] },
  { template: '/api/renders/:render/cancel', methods: ['POST'] },
  { template: '/api/renders/:render/retry', methods: ['POST'] },
  { template: '/api/scenes', methods: ['GET', 'POST'] },
  { template: '/api/scenes/:scene', methods: ['GET', 'PUT', 'PATCH', 'DELETE'] },
  { template: '/api/meshes', methods: ['GET', 'POST'] },
  { template: '/api/meshes/:mesh', methods: ['GET', 'DELETE'] },
  { template: '/api/meshes/:mesh/file', methods: ['GET'] },
  { template: '/api/environments', methods: ['GET', 'POST'] },
  { template: '/api/environments/:environment', methods: ['GET', 'DELETE'] },
  { template: '/api/environments/:environment/file', methods: ['GET'] },
  { template: '/api/previews', methods: ['POST'] },
  { template: '/api/previews/:preview', methods: ['GET'] },
  { template: '/api/previews/:preview/image.png', methods: ['GET'] },
  { template: '/api/events', methods: ['GET'] },
  { template: '/api/session', methods: ['GET'] },
  { template: '/api/health', methods: ['GET'] }
];

/** Request generator over a context; `next()` gives the request with the next index. */
export class FuzzGenerator {
  private readonly rng: Prng;
  private index = 0;

  constructor(
    readonly seed: number,
    private readonly ctx: FuzzContext
  ) {
    this.rng = new Prng(seed);
  }

  next(): FuzzRequest {
    const rng = this.rng;
    const cases: [number, () => Omit<FuzzRequest, 'index'>][] = [
      [22, () => this.corruptBody()],
      [8, () => this.badJsonText()],
      [6, () => this.wrongContentType()],
      [5, () => this.deepBody()],
      [10, () => this.badQuery()],
      [10, () => this.badPathParam()],
      [5, () => this.wrongMethod()],
      [6, () => this.page()],
      [5, () => this.badAuth()],
      [4, () => this.crossOrigin()],
      [8, () => this.meshUpload()],
      [3, () => this.longUrlOrHeader()],
      [1, () => this.oversize()],
      [2, () => this.truncated()],
      [2, () => this.rawOddities()],
      [4, () => this.validish()]
    ];
    const total = cases.reduce((s, [w]) => s + w, 0);
    let r = rng.next() * total;
    for (const [w, make] of cases) {
      r -= w;
      if (r < 0) return { index: this.index++, ...make() };
    }
    return { index: this.index++, ...cases[0][1]() };
  }

  take(count: number): FuzzRequest[] {
    return Array.from({ length: count }, () => this.next());
  }

  // ---- helpers

  private auth(): [string, string][] {
    return [['authorization', `Bearer ${this.ctx.token}`]];
  }

  private id(kind: 'render' | 'scene' | 'mesh' | 'preview' | 'environment'): string {
    const rng = this.rng;
    const real = kind === 'render' ? this.ctx.renderIds : kind === 'scene' ? this.ctx.sceneIds : kind === 'mesh' ? this.ctx.meshIds : [];
    const r = rng.next();
    if (r < 0.35 && real.length > 0) return rng.pick(real);
    if (r < 0.55) return fakeUuid(rng);
    return rng.pick(UUID_LIKE);
  }

  private fill(template: string, params?: Partial<Record<string, string>>): string {
    return template.replace(/:(\w+)/g, (_, name: string) => {
      const given = params?.[name];
      if (given !== undefined) return given;
      if (name === 'file') return this.rng.pick(['image.png', 'thumb.png', 'image.exr', 'image.jpg', 'x', '%00', '..', '__proto__', 'constructor', 'hasOwnProperty']);
      return this.id(name as 'render' | 'scene' | 'mesh' | 'preview' | 'environment');
    });
  }

  private jsonRoute(): { method: string; path: string; body: () => unknown } {
    const rng = this.rng;
    const scene = () => structuredClone(rng.pick(this.ctx.scenes));
    const options = () => ({ width: 16, height: 16, samples: 1, max_depth: 2, seed: rng.int(1000) });
    const r = rng.int(7);
    if (r === 0) return { method: 'POST', path: '/api/renders', body: () => ({ scene: scene(), options: options(), name: 'fuzz' }) };
    if (r === 1) return { method: 'POST', path: '/api/renders', body: () => ({ scene_id: this.id('scene'), options: options() }) };
    if (r === 2) return { method: 'POST', path: '/api/previews', body: () => ({ scene: scene(), options: options() }) };
    if (r === 3) return { method: 'POST', path: '/api/scenes', body: () => ({ name: 'fuzz scene', scene: scene() }) };
    const method = rng.pick(['PUT', 'PATCH']);
    const path = this.fill('/api/scenes/:scene');
    if (r === 4) return { method, path, body: () => ({ name: 'renamed' }) };
    return { method, path, body: () => ({ name: 'fuzz scene', scene: scene() }) };
  }

  // ---- cases

  private corruptBody(): Omit<FuzzRequest, 'index'> {
    const { method, path, body } = this.jsonRoute();
    const { text, what } = corruptJson(body(), this.rng);
    return {
      method,
      path,
      headers: [...this.auth(), ['content-type', 'application/json']],
      body: { kind: 'bytes', data: utf8(text) },
      description: `corrupted body: ${what.join('; ')}`
    };
  }

  private badJsonText(): Omit<FuzzRequest, 'index'> {
    const rng = this.rng;
    const { method, path, body } = this.jsonRoute();
    const valid = JSON.stringify(body());
    const variants: [string, () => Uint8Array][] = [
      ['truncated JSON text', () => utf8(valid.slice(0, rng.int(valid.length)))],
      ['trailing garbage', () => utf8(`${valid}}}garbage`)],
      ['single quotes', () => utf8(valid.replaceAll('"', "'"))],
      ['NaN literal', () => utf8(valid.replace(/\d+(\.\d+)?/, 'NaN'))],
      ['UTF-8 BOM', () => utf8(`\ufeff${valid}`)],
      ['invalid UTF-8 bytes', () => Uint8Array.from([...utf8(valid.slice(0, 20)), 0xed, 0xa0, 0x80, 0xff, 0xfe, ...utf8(valid.slice(20))])],
      ['raw NUL byte', () => utf8(valid.replace('"', '"\u0000'))],
      ['empty body', () => new Uint8Array()],
      ['whitespace only', () => utf8('  \n\t ')],
      ['JSON null', () => utf8('null')],
      ['JSON array', () => utf8(`[${valid}]`)],
      ['JSON string', () => utf8(JSON.stringify(valid))],
      ['JSON number', () => utf8('1e400')],
      ['unescaped control chars', () => utf8(valid.replace('"', '"\n\u0001'))],
      ['UTF-16 encoded', () => new Uint8Array(Buffer.from(valid, 'utf16le'))],
      ['escaped lone surrogate key', () => utf8(valid.replace('{', '{"\\ud800":1,'))],
      ['comment', () => utf8(`/* c */${valid}`)]
    ];
    const [what, make] = rng.pick(variants);
    return { method, path, headers: [...this.auth(), ['content-type', 'application/json']], body: { kind: 'bytes', data: make() }, description: `bad JSON text: ${what}` };
  }

  private wrongContentType(): Omit<FuzzRequest, 'index'> {
    const rng = this.rng;
    const { method, path, body } = this.jsonRoute();
    const type = rng.pick(CONTENT_TYPES);
    const text = type?.startsWith('multipart') ? `------x\r\nContent-Disposition: form-data; name="scene"\r\n\r\n${JSON.stringify(body())}\r\n------x--\r\n` : type?.includes('urlencoded') ? `scene=${encodeURIComponent(JSON.stringify(body()))}` : JSON.stringify(body());
    const headers: [string, string][] = this.auth();
    if (type !== undefined) headers.push(['content-type', type]);
    return { method, path, headers, body: { kind: 'bytes', data: utf8(text) }, description: `content type ${type === undefined ? '(none)' : JSON.stringify(type)}` };
  }

  private deepBody(): Omit<FuzzRequest, 'index'> {
    const rng = this.rng;
    const { method, path } = this.jsonRoute();
    const depth = rng.pick([100, 255, 264, 265, 300, 5000, 100_000, 1_000_000]);
    const shape = rng.pick(['array', 'object', 'mixed'] as const);
    const inner = nested(depth, shape, rng);
    const text = rng.chance(0.5) ? inner : `{"name":"deep","scene":{"objects":${inner},"materials":[]},"options":${nested(Math.min(depth, 5000), shape, rng)}}`;
    return { method, path, headers: [...this.auth(), ['content-type', 'application/json']], body: { kind: 'bytes', data: utf8(text) }, description: `nested ${shape} ${depth} deep` };
  }

  private badQuery(): Omit<FuzzRequest, 'index'> {
    const rng = this.rng;
    const value = () => {
      const r = rng.int(4);
      if (r === 0) return percentEncode(rng.pick(NASTY_STRINGS).slice(0, 3000));
      if (r === 1) return rng.pick(['NaN', 'Infinity', '-1', '0', '1e400', '101', '1.5', '-0', '0x10', '', '9007199254740993', '%00', '%ED%A0%80', '%', '%ZZ', '%C0%80']);
      if (r === 2) return rng.pick(['queued', 'running', 'done', 'failed', 'cancelled', 'RUNNING', 'deleted']);
      return rng.pick(UUID_LIKE);
    };
    const cases: [string, string[]][] = [
      ['/api/renders', ['status', 'scene_id', 'owner', 'limit', 'cursor', 'bogus', 'limit']],
      ['/api/scenes', ['limit', 'bogus']],
      ['/api/meshes', ['limit', 'bogus', 'name']],
      ['/api/events', ['render', 'render', 'preview', 'bogus']],
      ['/api/session', ['x']],
      ['/api/health', ['x']]
    ];
    const [path, names] = rng.pick(cases);
    const n = 1 + rng.int(3);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(`${rng.pick(names)}=${value()}`);
    if (rng.chance(0.1)) parts.push(rng.pick(['=', '&&&', 'a', 'a=1=2', '%=%', '__proto__=1', 'constructor=x']));
    if (rng.chance(0.1)) parts.push(`cursor=${rng.pick(['eyJ4Ijo', 'MjAyNi0wMS0wMVQwMDowMDowMFp8eA', 'bnVsbA', btoaSafe('{"t":"x","id":1}'), btoaSafe('1e400|x'), btoaSafe('2020-13-45T99:99:99Z|00000000-0000-0000-0000-000000000000')])}`);
    const useAdmin = this.ctx.adminToken !== undefined && rng.chance(0.25);
    return {
      method: rng.chance(0.9) ? 'GET' : 'HEAD',
      path: `${path}?${parts.join('&')}`,
      headers: useAdmin ? [['authorization', `Bearer ${this.ctx.adminToken}`]] : this.auth(),
      body: { kind: 'none' },
      description: `query params${useAdmin ? ' (admin)' : ''}`
    };
  }

  private badPathParam(): Omit<FuzzRequest, 'index'> {
    const rng = this.rng;
    const route = rng.pick(API_ROUTES.filter((r) => r.template.includes(':')));
    const method = rng.pick(route.methods);
    const withBody = ['POST', 'PUT', 'PATCH'].includes(method);
    return {
      method,
      path: this.fill(route.template),
      headers: withBody ? [...this.auth(), ['content-type', 'application/json']] : this.auth(),
      body: withBody ? { kind: 'bytes', data: utf8(JSON.stringify({ name: rng.pick(NASTY_STRINGS).slice(0, 300) })) } : { kind: 'none' },
      description: `path parameter on ${method} ${route.template}`
    };
  }

  private wrongMethod(): Omit<FuzzRequest, 'index'> {
    const rng = this.rng;
    const route = rng.pick(API_ROUTES);
    const others = METHODS.filter((m) => !route.methods.includes(m));
    const method = rng.pick(others);
    return {
      method,
      path: this.fill(route.template),
      headers: [...this.auth(), ['content-type', 'application/json']],
      body: method === 'GET' || method === 'HEAD' ? { kind: 'none' } : { kind: 'bytes', data: utf8('{}') },
      description: `method ${method} on ${route.template}`,
      raw: /[a-z]/.test(method) || method === 'FOO' || method === 'M-SEARCH'
    };
  }

  private page(): Omit<FuzzRequest, 'index'> {
    const rng = this.rng;
    let path = rng.pick(PAGES);
    if (rng.chance(0.3)) path = `/${Array.from({ length: 1 + rng.int(4) }, () => rng.pick(['x', 'api', 'renders', '..', '%2F', '%00', '\u00e9', 'render', 'queue', randomWord(rng)])).join('/')}`;
    const method = rng.pick(['GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS']);
    const accept = rng.pick(['text/html', 'application/json', '*/*', 'image/*', undefined]);
    const headers: [string, string][] = accept === undefined ? [] : [['accept', accept]];
    if (method === 'POST' && rng.chance(0.5)) headers.push(['content-type', 'application/x-www-form-urlencoded'], ['origin', rng.pick(ORIGINS)]);
    return {
      method,
      path,
      headers,
      body: method === 'POST' || method === 'PUT' ? { kind: 'bytes', data: utf8('a=1') } : { kind: 'none' },
      description: `page ${method} ${path.slice(0, 80)}`
    };
  }

  private badAuth(): Omit<FuzzRequest, 'index'> {
    const rng = this.rng;
    const route = rng.pick(API_ROUTES);
    const method = rng.pick(route.methods);
    const headers: [string, string][] = [];
    const r = rng.int(4);
    if (r === 0 || r === 3) headers.push(['authorization', rng.pick(BAD_AUTH)]);
    if (r === 1 || r === 3) headers.push(['cookie', rng.pick(BAD_COOKIES)]);
    if (r === 2) headers.push(['authorization', `Bearer ${tamper(this.ctx.token, rng)}`]);
    const withBody = ['POST', 'PUT', 'PATCH'].includes(method);
    if (withBody) headers.push(['content-type', 'application/json']);
    return {
      method,
      path: this.fill(route.template),
      headers,
      body: withBody ? { kind: 'bytes', data: utf8(JSON.stringify({ name: 'x' })) } : { kind: 'none' },
      description: `bogus credentials on ${method} ${route.template}: ${headers.map(([k, v]) => `${k}: ${v.slice(0, 30)}`).join(', ')}`
    };
  }

  private crossOrigin(): Omit<FuzzRequest, 'index'> {
    const rng = this.rng;
    const { method, path, body } = this.jsonRoute();
    const type = rng.pick(['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']);
    const origin = rng.pick(ORIGINS);
    const headers: [string, string][] = [['origin', origin], ['content-type', type]];
    if (rng.chance(0.5)) headers.push(...this.auth());
    if (rng.chance(0.3)) headers.push(['sec-fetch-site', 'cross-site']);
    return {
      method: rng.chance(0.2) ? 'OPTIONS' : method,
      path: rng.chance(0.2) ? '/api/meshes?name=x.stl' : path,
      headers,
      body: { kind: 'bytes', data: utf8(JSON.stringify(body())) },
      description: `cross-origin ${origin} with ${type}`
    };
  }

  private meshUpload(): Omit<FuzzRequest, 'index'> {
    const rng = this.rng;
    const names = ['cube.stl', 'a.obj', 'm.ply', 'm.gltf', 'm.glb', 'x.STL', 'x.txt', 'x', '.stl', 'a/b.stl', '../x.stl', 'a\u0000.stl', 'a\ud800.stl', 'é.stl', ' x.stl', 'x.stl ', 'x'.repeat(300) + '.stl', 'x.stl.exe', 'x.gltf.stl'];
    const name = rng.pick(names);
    const encoded = rng.chance(0.8) ? percentEncode(name) : rng.pick(['%00.stl', '%ED%A0%80.stl', '%.stl', '%C0%AE%C0%AE.stl']);
    const bodies: [string, () => Uint8Array][] = [
      ['garbage bytes', () => Uint8Array.from({ length: 1 + rng.int(4096) }, () => rng.int(256))],
      ['one byte', () => Uint8Array.of(0)],
      ['empty', () => new Uint8Array()],
      ['ASCII STL header only', () => utf8('solid x\n')],
      ['binary STL claiming 1e9 triangles', () => { const b = new Uint8Array(84); new DataView(b.buffer).setUint32(80, 1e9, true); return b; }],
      ['OBJ with huge indices', () => utf8('v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 99999999999\nf -5 -6 -7\n')],
      ['PLY header lie', () => utf8('ply\nformat binary_little_endian 1.0\nelement vertex 4294967295\nproperty float x\nend_header\n')],
      ['glTF with external uri', () => utf8(JSON.stringify({ asset: { version: '2.0' }, buffers: [{ uri: 'file:///etc/passwd', byteLength: 10 }] }))],
      ['glTF garbage JSON', () => utf8('{"asset":')],
      ['glTF deep JSON', () => utf8(nested(100_000, 'array', rng))],
      ['glTF with NUL and surrogates', () => utf8(JSON.stringify({ asset: { version: '\u0000\ud800' }, buffers: [{ uri: 'data:application/octet-stream;base64,@@@', byteLength: -1 }] }))],
      ['GLB bad header', () => { const b = new Uint8Array(28); const v = new DataView(b.buffer); v.setUint32(0, 0x46546c67, true); v.setUint32(4, 2, true); v.setUint32(8, 0xffffffff, true); v.setUint32(12, 0xfffffff0, true); v.setUint32(16, 0x4e4f534a, true); return b; }],
      ['GLB tiny', () => Uint8Array.of(0x67, 0x6c, 0x54, 0x46)]
    ];
    const [what, make] = rng.pick(bodies);
    const type = rng.pick([undefined, 'application/octet-stream', 'model/stl', 'text/plain', 'application/json', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']);
    const headers: [string, string][] = this.auth();
    if (type !== undefined) headers.push(['content-type', type]);
    const query = rng.chance(0.1) ? rng.pick(['', '?', '?name=', '?name=a.stl&name=b.obj', '?nam=a.stl']) : `?name=${encoded}`;
    return { method: 'POST', path: `/api/meshes${query}`, headers, body: { kind: 'bytes', data: make() }, description: `mesh upload ${describeString(name)} (${what}, ${type ?? 'no content type'})` };
  }

  private longUrlOrHeader(): Omit<FuzzRequest, 'index'> {
    const rng = this.rng;
    const length = rng.pick([2000, 8000, 15_000, 17_000, 64_000]);
    if (rng.chance(0.5)) {
      const path = rng.pick(['/api/renders?cursor=', '/api/renders/', '/api/scenes?limit=1&x=', '/api/events?render=', '/']) + 'a'.repeat(length);
      return { method: 'GET', path, headers: this.auth(), body: { kind: 'none' }, description: `URL of ${length} characters` };
    }
    const name = rng.pick(['x-filler', 'cookie', 'authorization', 'accept', 'user-agent', 'origin', 'if-none-match']);
    return {
      method: 'GET',
      path: this.fill(rng.pick(['/api/session', '/api/renders', '/api/meshes/:mesh/file', '/api/renders/:render/image.png'])),
      headers: name === 'authorization' ? [[name, `Bearer ${'a'.repeat(length)}`]] : [...this.auth(), [name, 'b'.repeat(length)]],
      body: { kind: 'none' },
      description: `header ${name} of ${length} characters`
    };
  }

  private oversize(): Omit<FuzzRequest, 'index'> {
    const rng = this.rng;
    const mesh = rng.chance(0.3);
    const limit = mesh ? this.ctx.maxMeshBytes : this.ctx.maxBodyBytes;
    const length = limit + rng.pick([1, 1024, 1024 * 1024]);
    const declareLength = rng.chance(0.5);
    const { method, path } = mesh ? { method: 'POST', path: '/api/meshes?name=big.stl' } : this.jsonRoute();
    return {
      method,
      path,
      headers: [...this.auth(), ['content-type', mesh ? 'application/octet-stream' : 'application/json']],
      body: { kind: 'stream', length, fill: mesh ? 0x20 : 0x20, declareLength },
      description: `body of ${length} bytes (limit ${limit}) ${declareLength ? 'with' : 'without'} Content-Length`
    };
  }

  private truncated(): Omit<FuzzRequest, 'index'> {
    const rng = this.rng;
    const { method, path, body } = this.jsonRoute();
    const text = utf8(JSON.stringify(body()));
    const cut = rng.int(text.length);
    return {
      method,
      path,
      headers: [...this.auth(), ['content-type', 'application/json']],
      body: { kind: 'truncated', data: text.slice(0, cut), declared: text.length },
      description: `truncated body: ${cut} of ${text.length} declared bytes, then the connection closes`,
      raw: true
    };
  }

  /** Headers node's HTTP client would refuse to send. */
  private rawOddities(): Omit<FuzzRequest, 'index'> {
    const rng = this.rng;
    const cases: [string, [string, string][]][] = [
      ['NUL in a header value', [['x-test', 'a\u0000b']]],
      ['NUL in the authorization header', [['authorization', 'Bearer a\u0000b']]],
      ['NUL in the cookie', [['cookie', 'clovers_owner=a\u0000b']]],
      ['UTF-8 bytes in a header', [['x-test', '\u00c3\u00a9\u00ed\u00a0\u0080']]],
      ['duplicate content-type', [['content-type', 'application/json'], ['content-type', 'text/plain']]],
      ['duplicate authorization', [['authorization', 'Bearer a'], ['authorization', 'Bearer b']]],
      ['content-length and chunked', [['content-length', '5'], ['transfer-encoding', 'chunked']]],
      ['negative content-length', [['content-length', '-1']]],
      ['non-numeric content-length', [['content-length', 'abc']]],
      ['huge content-length', [['content-length', '99999999999999999999']]],
      ['bad host', [['host', 'evil.example:99999']]],
      ['forwarded headers', [['x-forwarded-for', '\u00e9, 1.2.3.4, garbage'], ['x-forwarded-proto', 'gopher'], ['x-forwarded-host', '%00']]]
    ];
    const [what, extra] = rng.pick(cases);
    const route = rng.pick(API_ROUTES);
    const method = rng.pick(route.methods);
    const headers: [string, string][] = extra.some(([k]) => k === 'authorization') ? extra : [...this.auth(), ...extra];
    const hasLength = extra.some(([k]) => k === 'content-length' || k === 'transfer-encoding');
    return {
      method,
      path: this.fill(route.template),
      headers,
      body: hasLength ? { kind: 'none' } : { kind: 'bytes', data: utf8('{}') },
      description: `raw request with ${what} on ${method} ${route.template}`,
      raw: true
    };
  }

  /** Well-formed requests with odd but legal values (so the success paths are exercised too). */
  private validish(): Omit<FuzzRequest, 'index'> {
    const rng = this.rng;
    const scene = rng.pick(this.ctx.scenes);
    const options = { width: rng.pick([1, 16, 8192]), height: rng.pick([1, 16, 8192]), samples: rng.pick([1, 1_000_000]), max_depth: rng.pick([0, 1024]), seed: rng.pick([0, 4294967295]), sampler: rng.pick(['random', 'sobol', 'x']), mode: rng.pick(['path-tracing', 'normal-map', 'albedo', 'x']) };
    const r = rng.int(4);
    const name = rng.pick(NASTY_STRINGS).slice(0, 200);
    const body = r === 0 ? { scene, options, name } : r === 1 ? { scene, options } : r === 2 ? { name, scene } : { scene_id: this.id('scene'), options };
    const path = r === 1 ? '/api/previews' : r === 2 ? '/api/scenes' : '/api/renders';
    return {
      method: 'POST',
      path,
      headers: [...this.auth(), ['content-type', 'application/json']],
      body: { kind: 'bytes', data: utf8(JSON.stringify(body)) },
      description: `well-formed ${path} (name ${describeString(name)}, options ${JSON.stringify(options)})`
    };
  }
}

/** encodeURIComponent, except that a lone surrogate becomes its (invalid) 3-byte UTF-8 form instead of throwing. */
export function percentEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(s[i]);
    }
  }
  return out;
}

function fakeUuid(rng: Prng): string {
  const hex = () => rng.int(16).toString(16);
  const part = (n: number) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-${part(4)}-${part(4)}-${part(12)}`;
}

function randomWord(rng: Prng): string {
  return Array.from({ length: 1 + rng.int(12) }, () => 'abcdefghijklmnopqrstuvwxyz0123456789-_.~'[rng.int(40)]).join('');
}

function tamper(token: string, rng: Prng): string {
  if (token.length === 0) return 'x';
  const i = rng.int(token.length);
  const c = token[i] === 'A' ? 'B' : 'A';
  return rng.chance(0.5) ? token.slice(0, i) + c + token.slice(i + 1) : token.slice(0, i);
}

function btoaSafe(s: string): string {
  return Buffer.from(s).toString('base64url');
}
