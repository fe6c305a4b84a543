// The database of this process: PostgreSQL (node-postgres pool) when DATABASE_URL is set, otherwise PGlite
// (embedded WASM Postgres) in DATA_DIR/pg. Migrations from drizzle/ are applied before first use, under an
// advisory lock so that web and worker processes starting together migrate once. One instance per process,
// kept on globalThis: the SvelteKit dev server and an in-process worker may load this module twice, and PGlite
// allows only one opener of its directory.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { config } from '../config.ts';
import * as schema from './schema.ts';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  readonly db: Database;
  readonly kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/** Arbitrary constant shared by every clovers process: the key of the migration advisory lock. */
const MIGRATION_LOCK = 0x636c6f76;

async function openPostgres(url: string, migrationsFolder: string): Promise<DbHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', (err) => console.error('postgres pool:', err.message));
  const db = drizzlePg(pool, { schema });
  const lockClient = await pool.connect();
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(db, { migrationsFolder });
  } finally {
    await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    lockClient.release();
  }
  return { db: db as unknown as Database, kind: 'postgres', close: () => pool.end() };
}

async function openPglite(dataDir: string, migrationsFolder: string): Promise<DbHandle> {
  const dir = join(dataDir, 'pg');
  await mkdir(dir, { recursive: true });
  const client = new PGlite(dir);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Database, kind: 'pglite', close: () => client.close() };
}

export interface OpenOptions {
  readonly databaseUrl?: string;
  readonly dataDir?: string;
  readonly migrationsDir?: string;
}

/** Opens and migrates a database (tests open several; the service uses `getDb`). */
export async function openDatabase(options: OpenOptions = {}): Promise<DbHandle> {
  const c = config();
  const url = 'databaseUrl' in options ? options.databaseUrl : c.databaseUrl;
  const migrationsFolder = options.migrationsDir ?? c.migrationsDir;
  return url !== undefined ? openPostgres(url, migrationsFolder) : openPglite(options.dataDir ?? c.dataDir, migrationsFolder);
}

const KEY = Symbol.for('clovers.db');
type Holder = { [KEY]?: Promise<DbHandle> };

/** The process database, opened and migrated on first call. */
export function getDbHandle(): Promise<DbHandle> {
  const holder = globalThis as Holder;
  if (holder[KEY] === undefined) {
    const opening = openDatabase();
    holder[KEY] = opening;
    opening.catch(() => {
      if (holder[KEY] === opening) delete holder[KEY];
    });
  }
  return holder[KEY];
}

export async function getDb(): Promise<Database> {
  return (await getDbHandle()).db;
}

/** Closes the process database (the next `getDb` opens it again). */
export async function closeDb(): Promise<void> {
  const holder = globalThis as Holder;
  const opening = holder[KEY];
  delete holder[KEY];
  if (opening) await (await opening).close();
}

/** Health probe: a trivial round trip. */
export async function pingDb(): Promise<void> {
  await (await getDb()).execute(sql`SELECT 1`);
}
