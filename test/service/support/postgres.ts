// A fresh PostgreSQL database per test run on the local server (127.0.0.1:5432, or PG_TEST_URL), starting the
// Debian cluster when nothing answers. Dropped again by `drop()`.
import { execFileSync } from 'node:child_process';
import pg from 'pg';

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

const ADMIN_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureServer(): Promise<void> {
  if (await canConnect(ADMIN_URL)) return;
  try {
    execFileSync('pg_ctlcluster', ['15', 'main', 'start'], { stdio: 'inherit' });
  } catch (err) {
    throw new Error(
      `PostgreSQL does not answer at ${ADMIN_URL} and could not be started (${(err as Error).message}); ` +
        'install it with `apt-get install -y postgresql` or set PG_TEST_URL'
    );
  }
  for (let i = 0; i < 50; i++) {
    if (await canConnect(ADMIN_URL)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`PostgreSQL started but does not answer at ${ADMIN_URL}`);
}

export async function createTestDatabase(): Promise<TestDatabase> {
  await ensureServer();
  const name = `clovers_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    }
  };
}
