// Owner of a render, for filtering events: looked up once per render per process (owners never change), so a
// burst of progress events costs no database round trips.
import { eq } from 'drizzle-orm';
import { getDb } from '../db/client.ts';
import { renders } from '../db/schema.ts';

const MAX_ENTRIES = 10_000;
const owners = new Map<string, Promise<string | null>>();

export function renderOwner(renderId: string): Promise<string | null> {
  let owner = owners.get(renderId);
  if (!owner) {
    owner = (async () => {
      if (!/^[0-9a-f-]{36}$/i.test(renderId)) return null;
      const db = await getDb();
      const [row] = await db.select({ owner: renders.owner }).from(renders).where(eq(renders.id, renderId)).limit(1);
      return row?.owner ?? null;
    })();
    // Unknown renders (not yet committed, or a lookup failure) are asked again next time.
    owner.then((o) => o === null && owners.delete(renderId), () => owners.delete(renderId));
    if (owners.size >= MAX_ENTRIES) owners.delete(owners.keys().next().value as string);
    owners.set(renderId, owner);
  }
  return owner;
}
