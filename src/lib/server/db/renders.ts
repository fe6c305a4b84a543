// Render jobs and their results. Every state change is one conditional UPDATE (or one transaction), so a
// worker that lost its job to a cancel, a retry or another worker learns it from the return value instead of
// overwriting the newer state. `rendersIn(db)` serves tests that open several databases; the top-level
// functions use the process database.
import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { ApiRenderOptions } from '../../render-options.ts';
import { getDb, type Database } from './client.ts';
import { renders, results, type RenderStatus } from './schema.ts';

export interface ResultInfo {
  readonly id: string;
  readonly imageKey: string;
  readonly thumbKey: string;
  readonly exrKey: string;
  readonly width: number;
  readonly height: number;
  readonly samples: number;
  readonly renderMs: number;
  readonly adapter: string;
  readonly createdAt: Date;
}

export interface Render {
  readonly id: string;
  readonly status: RenderStatus;
  readonly sceneId: string | null;
  readonly name: string | null;
  readonly scene: unknown;
  readonly options: ApiRenderOptions;
  readonly samplesDone: number;
  readonly samplesTotal: number;
  readonly rate: number | null;
  readonly etaMs: number | null;
  readonly attempts: number;
  readonly error: string | null;
  readonly workerId: string | null;
  readonly adapter: string | null;
  /** What the scene asks for that the renderer does not do (glTF features, say); null before a worker starts it. */
  readonly warnings: readonly string[] | null;
  readonly owner: string;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  readonly result?: ResultInfo;
}

export interface NewRender {
  readonly sceneId: string | null;
  /** The scene's name, shown in lists (optional). */
  readonly name?: string | null;
  /** Validated scene JSON, stored as a snapshot: later edits of a saved scene do not change the render. */
  readonly scene: unknown;
  readonly options: ApiRenderOptions;
  readonly owner: string;
}

/** What a worker records when it starts a render; `warnings` only by the worker that loaded the scene. */
export interface RunningInfo {
  readonly workerId: string;
  readonly adapter: string;
  readonly warnings?: readonly string[];
}

/** What the worker stores when a render finishes (keys from `renderKeys`). */
export type ResultInput = Omit<ResultInfo, 'id' | 'createdAt'>;

/** What storage may hold for a render: everything while it runs, its result's images once done, nothing else. */
export interface RenderStorageState {
  readonly status: RenderStatus;
  /** The result's object keys (done renders). */
  readonly resultKeys: readonly string[];
}

export interface ListQuery {
  /** Undefined lists every owner's renders (admin). */
  readonly owner?: string;
  readonly status?: RenderStatus;
  readonly sceneId?: string;
  readonly limit: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  readonly cursor?: string;
}

export interface RenderPage {
  readonly items: Render[];
  readonly nextCursor: string | null;
}

const ACTIVE: RenderStatus[] = ['queued', 'running'];

type RenderRow = typeof renders.$inferSelect;
type ResultRow = typeof results.$inferSelect;

function toRender(row: RenderRow, result?: ResultRow | null): Render {
  const { seq: _seq, ...rest } = row;
  if (!result) return rest;
  const { renderId: _r, sceneId: _s, ...info } = result;
  return { ...rest, result: info };
}

export function encodeCursor(seq: number): string {
  return Buffer.from(`r${seq}`).toString('base64url');
}

/** The seq behind a cursor, or null when the cursor is not one of ours. */
export function decodeCursor(cursor: string): number | null {
  const text = Buffer.from(cursor, 'base64url').toString();
  const match = /^r([1-9][0-9]{0,15})$/.exec(text);
  if (!match) return null;
  const seq = Number(match[1]);
  return Number.isSafeInteger(seq) ? seq : null;
}

export function rendersIn(db: Database) {
  async function withResult(condition: SQL): Promise<Render | null> {
    const rows = await db
      .select()
      .from(renders)
      .leftJoin(results, eq(results.renderId, renders.id))
      .where(condition)
      .limit(1);
    const row = rows[0];
    return row ? toRender(row.renders, row.results) : null;
  }

  return {
    async createRender(input: NewRender): Promise<Render> {
      const [row] = await db
        .insert(renders)
        .values({
          id: crypto.randomUUID(),
          sceneId: input.sceneId,
          name: input.name ?? null,
          scene: input.scene,
          options: input.options,
          samplesTotal: input.options.samples,
          owner: input.owner
        })
        .returning();
      return toRender(row);
    },

    getRender(id: string): Promise<Render | null> {
      return withResult(eq(renders.id, id));
    },

    /** Newest first; `nextCursor` is null on the last page. */
    async listRenders(query: ListQuery): Promise<RenderPage> {
      const conditions: SQL[] = [];
      if (query.owner !== undefined) conditions.push(eq(renders.owner, query.owner));
      if (query.status !== undefined) conditions.push(eq(renders.status, query.status));
      if (query.sceneId !== undefined) conditions.push(eq(renders.sceneId, query.sceneId));
      if (query.cursor !== undefined) {
        const seq = decodeCursor(query.cursor);
        if (seq === null) throw new RangeError('invalid cursor');
        conditions.push(lt(renders.seq, seq));
      }
      const rows = await db
        .select()
        .from(renders)
        .leftJoin(results, eq(results.renderId, renders.id))
        .where(conditions.length > 0 ? and(...conditions) : undefined)
        .orderBy(desc(renders.seq))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => toRender(r.renders, r.results)),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last.renders.seq) : null
      };
    },

    /** Claims the job for a worker (again, after a stalled attempt); null when it is no longer runnable. */
    async markRunning(id: string, info: RunningInfo): Promise<Render | null> {
      const [row] = await db
        .update(renders)
        .set({
          status: 'running',
          workerId: info.workerId,
          adapter: info.adapter,
          ...(info.warnings ? { warnings: [...info.warnings] } : {}),
          attempts: sql`${renders.attempts} + 1`,
          startedAt: sql`coalesce(${renders.startedAt}, now())`,
          error: null
        })
        .where(and(eq(renders.id, id), inArray(renders.status, ACTIVE)))
        .returning();
      return row ? toRender(row) : null;
    },

    /** False when the render is no longer running (cancelled, deleted, finished): the worker should stop. */
    async updateProgress(
      id: string,
      p: { samplesDone: number; samplesTotal: number; etaMs: number | null; rate: number }
    ): Promise<boolean> {
      const rows = await db
        .update(renders)
        .set({
          samplesDone: p.samplesDone,
          samplesTotal: p.samplesTotal,
          etaMs: p.etaMs === null || !Number.isFinite(p.etaMs) ? null : Math.round(p.etaMs),
          rate: Number.isFinite(p.rate) ? p.rate : null
        })
        .where(and(eq(renders.id, id), eq(renders.status, 'running')))
        .returning({ id: renders.id });
      return rows.length > 0;
    },

    /**
     * Stores the result and marks the render done, in one transaction. Idempotent: true only for the call that
     * completed it; a second completion, or one after a cancel or delete, changes nothing and returns false.
     */
    async completeRender(id: string, result: ResultInput): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [locked] = await tx
          .select({ status: renders.status, sceneId: renders.sceneId })
          .from(renders)
          .where(eq(renders.id, id))
          .for('update');
        if (!locked || !ACTIVE.includes(locked.status)) return false;
        const inserted = await tx
          .insert(results)
          .values({ id: crypto.randomUUID(), renderId: id, sceneId: locked.sceneId, ...result })
          .onConflictDoNothing({ target: results.renderId })
          .returning({ id: results.id });
        if (inserted.length === 0) return false;
        await tx
          .update(renders)
          .set({
            status: 'done',
            samplesDone: result.samples,
            etaMs: 0,
            error: null,
            finishedAt: sql`now()`
          })
          .where(eq(renders.id, id));
        return true;
      });
    },

    /** Final failure (retries exhausted); false when the render was already finished or cancelled. */
    async failRender(id: string, message: string): Promise<boolean> {
      const rows = await db
        .update(renders)
        .set({ status: 'failed', error: message.slice(0, 4000), finishedAt: sql`now()`, etaMs: null })
        .where(and(eq(renders.id, id), inArray(renders.status, ACTIVE)))
        .returning({ id: renders.id });
      return rows.length > 0;
    },

    /** Queued or running → cancelled; null when there is no such render or it had already finished. */
    async markCancelled(id: string): Promise<Render | null> {
      const [row] = await db
        .update(renders)
        .set({ status: 'cancelled', finishedAt: sql`now()`, etaMs: null })
        .where(and(eq(renders.id, id), inArray(renders.status, ACTIVE)))
        .returning();
      return row ? toRender(row) : null;
    },

    /** Failed or cancelled → queued from scratch; null when there is no such render or it is not retryable. */
    async resetForRetry(id: string): Promise<Render | null> {
      const [row] = await db
        .update(renders)
        .set({
          status: 'queued',
          samplesDone: 0,
          rate: null,
          etaMs: null,
          attempts: 0,
          error: null,
          workerId: null,
          startedAt: null,
          finishedAt: null
        })
        .where(and(eq(renders.id, id), inArray(renders.status, ['failed', 'cancelled'])))
        .returning();
      return row ? toRender(row) : null;
    },

    /** The storage state of those of these renders (ids: UUIDs) that exist; absent ones have no row. */
    async storageStates(ids: readonly string[]): Promise<Map<string, RenderStorageState>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: renders.id, status: renders.status, png: results.imageKey, thumb: results.thumbKey, exr: results.exrKey })
        .from(renders)
        .leftJoin(results, eq(results.renderId, renders.id))
        .where(inArray(renders.id, [...ids]));
      return new Map(
        rows.map((r) => [r.id, { status: r.status, resultKeys: [r.png, r.thumb, r.exr].filter((k): k is string => k !== null) }])
      );
    },

    /** Deletes the render and its result row; false when there was none. Storage is the caller's job. */
    async deleteRender(id: string): Promise<boolean> {
      const rows = await db.delete(renders).where(eq(renders.id, id)).returning({ id: renders.id });
      return rows.length > 0;
    }
  };
}

export type RenderRepository = ReturnType<typeof rendersIn>;

async function repo(): Promise<RenderRepository> {
  return rendersIn(await getDb());
}

export const createRender = async (input: NewRender) => (await repo()).createRender(input);
export const getRender = async (id: string) => (await repo()).getRender(id);
export const listRenders = async (query: ListQuery) => (await repo()).listRenders(query);
export const markRunning = async (id: string, info: RunningInfo) =>
  (await repo()).markRunning(id, info);
export const updateProgress = async (
  id: string,
  p: { samplesDone: number; samplesTotal: number; etaMs: number | null; rate: number }
) => (await repo()).updateProgress(id, p);
export const completeRender = async (id: string, result: ResultInput) => (await repo()).completeRender(id, result);
export const failRender = async (id: string, message: string) => (await repo()).failRender(id, message);
export const markCancelled = async (id: string) => (await repo()).markCancelled(id);
export const resetForRetry = async (id: string) => (await repo()).resetForRetry(id);
export const deleteRender = async (id: string) => (await repo()).deleteRender(id);
