// Database records → API JSON (snake_case, ISO dates, URLs of the files).
import type { EnvironmentView, LibraryEnvironmentView, MeshView, RenderView, SceneView } from '../../api/schemas.ts';
import { libraryEnvironmentUrl, type LibraryEnvironment } from '../../environments/library.ts';
import { ENVIRONMENT_UPLOAD_PREFIX } from '../../environments/sources.ts';
import type { Client } from '../auth/owner.ts';
import { mayModify } from '../auth/owner.ts';
import type { EnvironmentRecord } from '../db/environments.ts';
import type { MeshRecord } from '../db/meshes.ts';
import type { Render } from '../db/renders.ts';
import type { SavedScene, SceneSummary } from '../db/scenes.ts';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function renderView(r: Render, client: Client, withScene = false): RenderView {
  const base = `/api/renders/${r.id}`;
  return {
    id: r.id,
    status: r.status,
    scene_id: r.sceneId,
    name: r.name,
    options: r.options,
    progress: { samples_done: r.samplesDone, samples_total: r.samplesTotal, rate: r.rate, eta_ms: r.etaMs },
    attempts: r.attempts,
    error: r.error,
    worker_id: r.workerId,
    adapter: r.adapter,
    warnings: [...(r.warnings ?? [])],
    created_at: r.createdAt.toISOString(),
    started_at: iso(r.startedAt),
    finished_at: iso(r.finishedAt),
    mine: mayModify(client, r.owner),
    result: r.result
      ? {
          width: r.result.width,
          height: r.result.height,
          samples: r.result.samples,
          render_ms: r.result.renderMs,
          adapter: r.result.adapter,
          created_at: r.result.createdAt.toISOString(),
          image_url: `${base}/image.png`,
          thumb_url: `${base}/thumb.png`,
          exr_url: `${base}/image.exr`
        }
      : null,
    ...(withScene ? { scene: r.scene } : {})
  };
}

export function sceneView(s: SavedScene | SceneSummary): SceneView {
  return {
    id: s.id,
    name: s.name,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
    ...('data' in s ? { scene: s.data } : {})
  };
}

export function meshView(m: MeshRecord): MeshView {
  return {
    id: m.id,
    name: m.name,
    format: m.format as MeshView['format'],
    size_bytes: m.sizeBytes,
    sha256: m.sha256,
    created_at: m.createdAt.toISOString()
  };
}

export function environmentView(e: EnvironmentRecord): EnvironmentView {
  return {
    id: e.id,
    name: e.name,
    format: e.format as EnvironmentView['format'],
    width: e.width,
    height: e.height,
    size_bytes: e.sizeBytes,
    sha256: e.sha256,
    created_at: e.createdAt.toISOString(),
    path: `${ENVIRONMENT_UPLOAD_PREFIX}${e.id}`,
    file_url: `/api/environments/${e.id}/file`
  };
}

export function libraryEnvironmentView(e: LibraryEnvironment): LibraryEnvironmentView {
  return { name: e.name, width: e.width, height: e.height, credit: e.credit, path: e.name, file_url: libraryEnvironmentUrl(e) };
}
