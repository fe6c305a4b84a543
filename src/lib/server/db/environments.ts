// Metadata of uploaded environment maps; the bytes live in the object store under `environmentKey(id)`. Each
// upload is decoded before its row is written (POST /api/environments), so a row always names a map that parses.
import { count, desc, eq, sql } from 'drizzle-orm';
import { getDb, type Database } from './client.ts';
import { environments } from './schema.ts';

export type EnvironmentRecord = typeof environments.$inferSelect;
export type NewEnvironment = Omit<EnvironmentRecord, 'createdAt'>;

export function environmentsIn(db: Database) {
  return {
    async createEnvironment(input: NewEnvironment): Promise<EnvironmentRecord> {
      const [row] = await db.insert(environments).values(input).returning();
      return row;
    },
    async getEnvironment(id: string): Promise<EnvironmentRecord | null> {
      const [row] = await db.select().from(environments).where(eq(environments.id, id)).limit(1);
      return row ?? null;
    },
    listEnvironments(owner: string, limit: number): Promise<EnvironmentRecord[]> {
      return db.select().from(environments).where(eq(environments.owner, owner)).orderBy(desc(environments.createdAt)).limit(limit);
    },
    /** How many maps the owner has uploaded and their bytes in all (for the upload quotas). */
    async usage(owner: string): Promise<{ count: number; bytes: number }> {
      const [row] = await db
        .select({ count: count(), bytes: sql<number>`coalesce(sum(${environments.sizeBytes}), 0)`.mapWith(Number) })
        .from(environments)
        .where(eq(environments.owner, owner));
      return { count: row?.count ?? 0, bytes: row?.bytes ?? 0 };
    },
    async deleteEnvironment(id: string): Promise<boolean> {
      const rows = await db.delete(environments).where(eq(environments.id, id)).returning({ id: environments.id });
      return rows.length > 0;
    }
  };
}

export type EnvironmentRepository = ReturnType<typeof environmentsIn>;

export async function environmentRepository(): Promise<EnvironmentRepository> {
  return environmentsIn(await getDb());
}
