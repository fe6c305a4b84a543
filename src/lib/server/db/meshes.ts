// Metadata of uploaded meshes; the bytes live in the object store under `meshKey(id)`. Parsing and triangle
// limits come with the mesh loader; an upload is checked for name, extension and size only.
import { desc, eq } from 'drizzle-orm';
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
