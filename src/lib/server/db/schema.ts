// Tables of the service. A render keeps the scene snapshot and options it was made from; its result row
// references the render (and the saved scene, when there was one), so an image always leads back to its scene.
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  text,
  timestamp,
  uuid
} from 'drizzle-orm/pg-core';
import { RENDER_STATUSES } from '../../api/statuses.ts';
import type { ApiRenderOptions } from '../../render-options.ts';

export { RENDER_STATUSES, type RenderStatus } from '../../api/statuses.ts';
export const renderStatus = pgEnum('render_status', RENDER_STATUSES);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const scenes = pgTable(
  'scenes',
  {
    id: uuid('id').primaryKey(),
    owner: text('owner').notNull(),
    name: text('name').notNull(),
    data: jsonb('data').$type<unknown>().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('scenes_owner_updated_idx').on(t.owner, t.updatedAt)]
);

export const renders = pgTable(
  'renders',
  {
    id: uuid('id').primaryKey(),
    /** Insertion order: the stable key of newest-first pagination. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull().unique(),
    sceneId: uuid('scene_id').references(() => scenes.id, { onDelete: 'set null' }),
    /** The scene's name when queued (the saved scene's, or the one the client gave), for galleries. */
    name: text('name'),
    scene: jsonb('scene').$type<unknown>().notNull(),
    options: jsonb('options').$type<ApiRenderOptions>().notNull(),
    status: renderStatus('status').notNull().default('queued'),
    samplesDone: integer('samples_done').notNull().default(0),
    samplesTotal: integer('samples_total').notNull(),
    /** Pixel samples per second of the running attempt. */
    rate: real('rate'),
    etaMs: integer('eta_ms'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    workerId: text('worker_id'),
    adapter: text('adapter'),
    /** What the scene asks for that the renderer does not do (its mesh files' notes), set when a worker starts it. */
    warnings: jsonb('warnings').$type<string[]>(),
    owner: text('owner').notNull(),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true })
  },
  (t) => [
    index('renders_owner_seq_idx').on(t.owner, t.seq),
    index('renders_status_seq_idx').on(t.status, t.seq),
    check('renders_samples_check', sql`${t.samplesDone} >= 0 AND ${t.samplesTotal} > 0`)
  ]
);

export const results = pgTable('results', {
  id: uuid('id').primaryKey(),
  /** One result per render: the unique key makes completing a render idempotent. */
  renderId: uuid('render_id')
    .notNull()
    .unique()
    .references(() => renders.id, { onDelete: 'cascade' }),
  sceneId: uuid('scene_id').references(() => scenes.id, { onDelete: 'set null' }),
  imageKey: text('image_key').notNull(),
  thumbKey: text('thumb_key').notNull(),
  exrKey: text('exr_key').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  samples: integer('samples').notNull(),
  renderMs: integer('render_ms').notNull(),
  adapter: text('adapter').notNull(),
  createdAt: createdAt()
});

export const meshes = pgTable(
  'meshes',
  {
    id: uuid('id').primaryKey(),
    owner: text('owner').notNull(),
    /** The uploaded file name (validated; never used as a path). */
    name: text('name').notNull(),
    format: text('format').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    contentType: text('content_type').notNull(),
    createdAt: createdAt()
  },
  (t) => [index('meshes_owner_idx').on(t.owner, t.createdAt)]
);

/**
 * Uploaded environment maps (.hdr/.exr). A table of their own rather than a `kind` column on meshes: the two are
 * used by different scene fields, have their own quotas and metadata (pixel size, not triangles), and every mesh
 * query would otherwise have to filter by kind.
 */
export const environments = pgTable(
  'environments',
  {
    id: uuid('id').primaryKey(),
    owner: text('owner').notNull(),
    /** The uploaded file name (validated; never used as a path). */
    name: text('name').notNull(),
    format: text('format').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    contentType: text('content_type').notNull(),
    createdAt: createdAt()
  },
  (t) => [index('environments_owner_idx').on(t.owner, t.createdAt)]
);
