// Service configuration from the environment, read once per process. Every setting has an embedded default so
// `npm start` works with no configuration: PGlite under DATA_DIR when DATABASE_URL is unset, a local-disk object
// store when S3_ENDPOINT is unset, a private Redis (started by scripts/start.sh) when REDIS_URL is unset.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

export interface S3Config {
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly forcePathStyle: boolean;
}

export interface ServiceConfig {
  /** postgres:// URL; undefined selects PGlite in `${dataDir}/pg`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** Folder of drizzle SQL migrations, applied at start-up. */
  readonly migrationsDir: string;
  readonly s3: S3Config | undefined;
  readonly redisUrl: string | undefined;
  /** Key of the owner-cookie HMAC; a random per-process key when unset (cookies then die with the process). */
  readonly cookieSecret: string;
  readonly cookieSecretIsEphemeral: boolean;
  /** Bearer token with owner rights over every render; unset disables admin access. */
  readonly adminToken: string | undefined;
  /** Largest request body accepted by the API, in bytes (mesh uploads have their own limit). */
  readonly maxBodyBytes: number;
  readonly maxMeshBytes: number;
  /** Largest environment map upload (.hdr/.exr), in bytes. */
  readonly maxEnvironmentBytes: number;
  /** Render and preview creations allowed per client per minute (token bucket). */
  readonly rateLimitPerMinute: number;
  /** The same per client address (several owners behind one NAT share it). */
  readonly rateLimitPerAddressPerMinute: number;
  /** Mark the owner cookie Secure (set behind HTTPS). */
  readonly secureCookies: boolean;
  /**
   * Origins besides the server's own that may change state through the API (ALLOWED_ORIGINS, comma-separated,
   * e.g. `https://app.example.com`); hooks.server.ts refuses other cross-origin requests.
   */
  readonly allowedOrigins: ReadonlySet<string>;
  // Per-owner quotas: defaults an editor user never meets; they bound what one client (or address) holds on to.
  /** Saved scenes per owner; saving one more is a 409. */
  readonly maxScenesPerOwner: number;
  /** Uploaded meshes per owner, and their bytes in all (16 uploads at the default maxMeshBytes); over: 409. */
  readonly maxMeshesPerOwner: number;
  readonly maxMeshStorageBytesPerOwner: number;
  /** Uploaded environment maps per owner, and their bytes in all (16 uploads at the default maxEnvironmentBytes); over: 409. */
  readonly maxEnvironmentsPerOwner: number;
  readonly maxEnvironmentStorageBytesPerOwner: number;
  /** Open GET /api/events streams per owner, and per client address (new owners are free to mint); over: 429. */
  readonly maxEventStreamsPerOwner: number;
  readonly maxEventStreamsPerAddress: number;
}

type Env = Record<string, string | undefined>;

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function origins(list: string | undefined): ReadonlySet<string> {
  const out = new Set<string>();
  for (const raw of (list ?? '').split(',')) {
    const value = raw.trim();
    if (value === '') continue;
    try {
      out.add(new URL(value).origin);
    } catch {
      throw new Error(`ALLOWED_ORIGINS: "${value}" is not an origin like https://app.example.com`);
    }
  }
  return out;
}

export function readConfig(env: Env = process.env): ServiceConfig {
  const endpoint = nonEmpty(env.S3_ENDPOINT);
  const secret = nonEmpty(env.COOKIE_SECRET);
  if (secret !== undefined && secret.length < 16) throw new Error('COOKIE_SECRET must be at least 16 characters');
  return {
    databaseUrl: nonEmpty(env.DATABASE_URL),
    dataDir: resolve(nonEmpty(env.DATA_DIR) ?? '.data'),
    migrationsDir: resolve(nonEmpty(env.MIGRATIONS_DIR) ?? 'drizzle'),
    s3:
      endpoint === undefined
        ? undefined
        : {
            endpoint,
            bucket: nonEmpty(env.S3_BUCKET) ?? 'clovers',
            region: nonEmpty(env.S3_REGION) ?? 'us-east-1',
            accessKeyId: nonEmpty(env.S3_ACCESS_KEY_ID) ?? '',
            secretAccessKey: nonEmpty(env.S3_SECRET_ACCESS_KEY) ?? '',
            forcePathStyle: (nonEmpty(env.S3_FORCE_PATH_STYLE) ?? 'true') !== 'false'
          },
    redisUrl: nonEmpty(env.REDIS_URL),
    cookieSecret: secret ?? randomBytes(32).toString('hex'),
    cookieSecretIsEphemeral: secret === undefined,
    adminToken: nonEmpty(env.ADMIN_TOKEN),
    maxBodyBytes: positiveInt(env, 'MAX_BODY_BYTES', 20 * 1024 * 1024),
    maxMeshBytes: positiveInt(env, 'MAX_MESH_BYTES', 64 * 1024 * 1024),
    maxEnvironmentBytes: positiveInt(env, 'MAX_ENVIRONMENT_BYTES', 64 * 1024 * 1024),
    rateLimitPerMinute: positiveInt(env, 'RATE_LIMIT_PER_MINUTE', 30),
    rateLimitPerAddressPerMinute: positiveInt(env, 'RATE_LIMIT_PER_ADDRESS_PER_MINUTE', 150),
    secureCookies: env.SECURE_COOKIES === 'true',
    allowedOrigins: origins(env.ALLOWED_ORIGINS),
    maxScenesPerOwner: positiveInt(env, 'MAX_SCENES_PER_OWNER', 1000),
    maxMeshesPerOwner: positiveInt(env, 'MAX_MESHES_PER_OWNER', 100),
    maxMeshStorageBytesPerOwner: positiveInt(env, 'MAX_MESH_STORAGE_BYTES_PER_OWNER', 1024 * 1024 * 1024),
    maxEnvironmentsPerOwner: positiveInt(env, 'MAX_ENVIRONMENTS_PER_OWNER', 100),
    maxEnvironmentStorageBytesPerOwner: positiveInt(env, 'MAX_ENVIRONMENT_STORAGE_BYTES_PER_OWNER', 1024 * 1024 * 1024),
    maxEventStreamsPerOwner: positiveInt(env, 'MAX_EVENT_STREAMS_PER_OWNER', 8),
    maxEventStreamsPerAddress: positiveInt(env, 'MAX_EVENT_STREAMS_PER_ADDRESS', 64)
  };
}

let cached: ServiceConfig | undefined;

/** The process configuration (read on first use). */
export function config(): ServiceConfig {
  cached ??= readConfig();
  return cached;
}

/** Tests change the environment between suites; this forgets the cached configuration. */
export function resetConfigForTests(): void {
  cached = undefined;
}

