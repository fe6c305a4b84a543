// Saved scenes (the editor's documents), owned by the client that created them.
import { and, count, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { getDb, type Database } from './client.ts';
import { scenes } from './schema.ts';

export type SavedScene = typeof scenes.$inferSelect;
export type SceneSummary = Omit<SavedScene, 'data'>;

export function scenesIn(db: Database) {
  return {
    async createScene(input: { owner: string; name: string; data: unknown }): Promise<SavedScene> {
      const [row] = await db
        .insert(scenes)
        .values({ id: crypto.randomUUID(), ...input })
        .returning();
      return row;
    },

    /** How many scenes the owner has saved (for the per-owner limit; the owner index answers it). */
    async countScenes(owner: string): Promise<number> {
      const [row] = await db.select({ n: count() }).from(scenes).where(eq(scenes.owner, owner));
      return row?.n ?? 0;
    },

    async getScene(id: string): Promise<SavedScene | null> {
      const [row] = await db.select().from(scenes).where(eq(scenes.id, id)).limit(1);
      return row ?? null;
    },

    /** Most recently updated first, without the scene bodies. */
    async listScenes(query: { owner?: string; limit: number; before?: Date }): Promise<SceneSummary[]> {
      const conditions: SQL[] = [];
      if (query.owner !== undefined) conditions.push(eq(scenes.owner, query.owner));
      if (query.before !== undefined) conditions.push(lt(scenes.updatedAt, query.before));
      return db
        .select({
          id: scenes.id,
          owner: scenes.owner,
          name: scenes.name,
          createdAt: scenes.createdAt,
          updatedAt: scenes.updatedAt
        })
        .from(scenes)
        .where(conditions.length > 0 ? and(...conditions) : undefined)
        .orderBy(desc(scenes.updatedAt), desc(scenes.id))
        .limit(query.limit);
    },

    async updateScene(id: string, patch: { name?: string; data?: unknown }): Promise<SavedScene | null> {
      const [row] = await db
        .update(scenes)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(eq(scenes.id, id))
        .returning();
      return row ?? null;
    },

    async deleteScene(id: string): Promise<boolean> {
      const rows = await db.delete(scenes).where(eq(scenes.id, id)).returning({ id: scenes.id });
      return rows.length > 0;
    }
  };
}

export type SceneRepository = ReturnType<typeof scenesIn>;

export async function sceneRepository(): Promise<SceneRepository> {
  return scenesIn(await getDb());
}
