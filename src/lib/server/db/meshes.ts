// Metadata of uploaded meshes; the bytes live in the object store under `meshKey(id)`. Parsing and triangle
// limits come with the mesh loader (POST /api/meshes parses each upload before storing it).
import { count, desc, eq, sql } from 'drizzle-orm';
import { getDb, type Database } from './client.ts';
import { meshes } from './schema.ts';

export type MeshRecord = typeof meshes.$inferSelect;
export type NewMesh = Omit<MeshRecord, 'createdAt'>;

export function meshesIn(db: Database) {
  return {
    async createMesh(input: NewMesh): Promise<MeshRecord> {
      const [row] = await db.insert(meshes).values(input).returning();
      return row;
    },
    async getMesh(id: string): Promise<MeshRecord | null> {
      const [row] = await db.select().from(meshes).where(eq(meshes.id, id)).limit(1);
      return row ?? null;
    },
    listMeshes(owner: string, limit: number): Promise<MeshRecord[]> {
      return db.select().from(meshes).where(eq(meshes.owner, owner)).orderBy(desc(meshes.createdAt)).limit(limit);
    },
    /** How many meshes the owner has uploaded and their bytes in all (for the upload quotas). */
    async usage(owner: string): Promise<{ count: number; bytes: number }> {
      const [row] = await db
        .select({ count: count(), bytes: sql<number>`coalesce(sum(${meshes.sizeBytes}), 0)`.mapWith(Number) })
        .from(meshes)
        .where(eq(meshes.owner, owner));
      return { count: row?.count ?? 0, bytes: row?.bytes ?? 0 };
    },
    async deleteMesh(id: string): Promise<boolean> {
      const rows = await db.delete(meshes).where(eq(meshes.id, id)).returning({ id: meshes.id });
      return rows.length > 0;
    }
  };
}

export type MeshRepository = ReturnType<typeof meshesIn>;

export async function meshRepository(): Promise<MeshRepository> {
  return meshesIn(await getDb());
}
