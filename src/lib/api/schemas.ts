// Bodies and responses of the HTTP API, one zod schema each, shared by the API routes and the editor.
// JSON field names are snake_case, as the reference's render options.
import { z } from 'zod';
import { RENDER_STATUSES } from './statuses.ts';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from './text.ts';

export { RENDER_STATUSES, type RenderStatus } from './statuses.ts';

export const MAX_SCENE_NAME_LENGTH = 200;
export const MAX_PAGE_SIZE = 100;

const uuid = z.uuid({ message: 'must be a UUID' });
/** Any string that reaches the database (the API checks JSON bodies as a whole too; query strings only here). */
const text = () => z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
const sceneName = () => text().trim().min(1).max(MAX_SCENE_NAME_LENGTH);
/** A scene is checked by the scene parser (which reports located errors); here it only has to be an object. */
const sceneValue = z.record(z.string(), z.unknown(), { message: 'must be a scene JSON object' });
const optionsValue = z.record(z.string(), z.unknown(), { message: 'must be an object of render options' });

export const createRenderBody = z
  .strictObject({
    scene: sceneValue.optional(),
    scene_id: uuid.optional(),
    options: optionsValue.optional(),
    /** Shown in render lists; defaults to the saved scene's name with scene_id. */
    name: sceneName().optional()
  })
  .refine((b) => (b.scene === undefined) !== (b.scene_id === undefined), {
    message: 'give exactly one of scene (scene JSON) or scene_id (a saved scene)',
    path: ['scene']
  });

export const createSceneBody = z.strictObject({
  name: sceneName(),
  scene: sceneValue
});

export const updateSceneBody = z
  .strictObject({
    name: sceneName().optional(),
    scene: sceneValue.optional()
  })
  .refine((b) => b.name !== undefined || b.scene !== undefined, { message: 'give name and/or scene' });

export const createPreviewBody = z.strictObject({ scene: sceneValue, options: optionsValue.optional() });

const limit = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20);

export const listRendersQuery = z.strictObject({
  status: z.enum(RENDER_STATUSES).optional(),
  scene_id: uuid.optional(),
  /** Admin only: another owner's renders. */
  owner: text().max(100).optional(),
  limit,
  cursor: text().max(200).optional()
});

export const listScenesQuery = z.strictObject({ limit });

/**
 * An upload's `?name=` ending in one of `formats`. The character set excludes NUL and surrogates (the name never
 * reaches the database with them).
 */
function uploadName(formats: readonly string[]) {
  return z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'may contain letters, digits, space, dot, underscore and dash only')
    .refine((n) => formats.some((f) => n.toLowerCase().endsWith(`.${f}`)), {
      message: `must end in ${formats.map((f) => `.${f}`).join(', ')}`
    });
}

export const MESH_FORMATS = ['stl', 'obj', 'ply', 'gltf', 'glb'] as const;
export const meshName = uploadName(MESH_FORMATS);

export const ENVIRONMENT_FORMATS = ['hdr', 'exr'] as const;
export const environmentName = uploadName(ENVIRONMENT_FORMATS);

const isoDate = z.string();

export const resultView = z.object({
  width: z.number(),
  height: z.number(),
  samples: z.number(),
  render_ms: z.number(),
  adapter: z.string(),
  created_at: isoDate,
  image_url: z.string(),
  thumb_url: z.string(),
  exr_url: z.string()
});

export const renderView = z.object({
  id: z.string(),
  status: z.enum(RENDER_STATUSES),
  scene_id: z.string().nullable(),
  /** The scene's name when it was queued (null when none was given). */
  name: z.string().nullable(),
  options: z.record(z.string(), z.unknown()),
  progress: z.object({
    samples_done: z.number(),
    samples_total: z.number(),
    /** Pixel samples per second. */
    rate: z.number().nullable(),
    eta_ms: z.number().nullable()
  }),
  attempts: z.number(),
  error: z.string().nullable(),
  worker_id: z.string().nullable(),
  adapter: z.string().nullable(),
  /** What the scene asks for that the renderer does not do (e.g. glTF extensions it does not read), known once a worker started it. */
  warnings: z.array(z.string()),
  created_at: isoDate,
  started_at: isoDate.nullable(),
  finished_at: isoDate.nullable(),
  /** Whether the caller may cancel, retry or delete it. */
  mine: z.boolean(),
  result: resultView.nullable(),
  /** The scene snapshot; only in GET /api/renders/:id. */
  scene: z.unknown().optional()
});
export type RenderView = z.infer<typeof renderView>;

export const renderPage = z.object({ items: z.array(renderView), next_cursor: z.string().nullable() });

export const sceneView = z.object({
  id: z.string(),
  name: z.string(),
  created_at: isoDate,
  updated_at: isoDate,
  scene: z.unknown().optional()
});
export type SceneView = z.infer<typeof sceneView>;

export const meshView = z.object({
  id: z.string(),
  name: z.string(),
  format: z.enum(MESH_FORMATS),
  size_bytes: z.number(),
  sha256: z.string(),
  created_at: isoDate
});
export type MeshView = z.infer<typeof meshView>;

export const environmentView = z.object({
  id: z.string(),
  name: z.string(),
  format: z.enum(ENVIRONMENT_FORMATS),
  width: z.number(),
  height: z.number(),
  size_bytes: z.number(),
  sha256: z.string(),
  created_at: isoDate,
  /** What a scene's `environment.path` says to use it: `upload:<id>`. */
  path: z.string(),
  file_url: z.string()
});
export type EnvironmentView = z.infer<typeof environmentView>;

/** A bundled map as GET /api/environments lists it (src/lib/environments/library.ts). */
export const libraryEnvironmentView = z.object({
  name: z.string(),
  width: z.number(),
  height: z.number(),
  credit: z.string(),
  /** The scene `environment.path` (the library name). */
  path: z.string(),
  file_url: z.string()
});
export type LibraryEnvironmentView = z.infer<typeof libraryEnvironmentView>;

export const environmentList = z.object({ items: z.array(environmentView), library: z.array(libraryEnvironmentView) });

export const errorBody = z.object({ error: z.string(), details: z.unknown().optional() });
export type ErrorBody = z.infer<typeof errorBody>;
