// The caller's uploaded meshes (GET /api/meshes) for the mesh path pickers, loaded once and shared by every mesh
// field, and the upload (POST /api/meshes?name=…, the file as the raw body; docs/api.md "Meshes").
import { meshView, type MeshView } from '$lib/api/schemas.ts';
import { z } from 'zod';

const meshList = z.object({ items: z.array(meshView) });

async function failure(res: Response): Promise<Error> {
  const body = (await res.json().catch(() => undefined)) as { error?: unknown } | undefined;
  return new Error(typeof body?.error === 'string' ? body.error : `${res.status} ${res.statusText}`);
}

class UploadedMeshes {
  items = $state.raw<MeshView[]>([]);
  /** Why the list could not be loaded or the last upload failed. */
  error = $state<string | undefined>();
  busy = $state(false);
  #loading: Promise<void> | undefined;

  /** Loads the list once (later calls reuse it); `refresh` forces a reload. */
  load(refresh = false): Promise<void> {
    if (!this.#loading || refresh) this.#loading = this.#fetch();
    return this.#loading;
  }

  async #fetch(): Promise<void> {
    try {
      const res = await fetch('/api/meshes');
      if (!res.ok) throw await failure(res);
      this.items = meshList.parse(await res.json()).items;
      this.error = undefined;
    } catch (err) {
      this.error = `uploaded meshes unavailable: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  /** Uploads a file; resolves to the scene path of the new mesh (`upload:<id>`), or undefined on failure. */
  async upload(file: File): Promise<string | undefined> {
    this.busy = true;
    try {
      const res = await fetch(`/api/meshes?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: file
      });
      if (!res.ok) throw await failure(res);
      const mesh = meshView.parse(await res.json());
      this.items = [mesh, ...this.items.filter((m) => m.id !== mesh.id)];
      this.error = undefined;
      return uploadPath(mesh);
    } catch (err) {
      this.error = `upload failed: ${err instanceof Error ? err.message : String(err)}`;
      return undefined;
    } finally {
      this.busy = false;
    }
  }
}

/** The scene `path` of an uploaded mesh. */
export function uploadPath(mesh: MeshView): string {
  return `upload:${mesh.id}`;
}

export const uploadedMeshes = new UploadedMeshes();
