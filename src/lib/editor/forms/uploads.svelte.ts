// The caller's uploads of one kind (meshes, environment maps) for the path pickers: the list (GET <endpoint>),
// loaded once and shared by every field, and the upload (POST <endpoint>?name=…, the file as the raw body;
// docs/api.md). Scenes name an upload as `upload:<id>`.
import { z } from 'zod';

async function failure(res: Response): Promise<Error> {
  const body = (await res.json().catch(() => undefined)) as { error?: unknown } | undefined;
  return new Error(typeof body?.error === 'string' ? body.error : `${res.status} ${res.statusText}`);
}

/** The scene `path` of an upload. */
export function uploadPath(upload: { readonly id: string }): string {
  return `upload:${upload.id}`;
}

export class UploadedFiles<T extends { readonly id: string }> {
  items = $state.raw<T[]>([]);
  /** Why the list could not be loaded or the last upload failed. */
  error = $state<string | undefined>();
  busy = $state(false);
  #loading: Promise<void> | undefined;
  readonly #list: z.ZodType<{ items: T[] }>;

  /** `what` names the uploads in messages ("meshes"); `view` is the API's view of one upload. */
  constructor(
    private readonly endpoint: string,
    private readonly what: string,
    private readonly view: z.ZodType<T>
  ) {
    this.#list = z.object({ items: z.array(view) });
  }

  /** Loads the list once (later calls reuse it); `refresh` forces a reload. */
  load(refresh = false): Promise<void> {
    if (!this.#loading || refresh) this.#loading = this.#fetch();
    return this.#loading;
  }

  async #fetch(): Promise<void> {
    try {
      const res = await fetch(this.endpoint);
      if (!res.ok) throw await failure(res);
      this.items = this.#list.parse(await res.json()).items;
      this.error = undefined;
    } catch (err) {
      this.error = `uploaded ${this.what} unavailable: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  /** Uploads a file; resolves to the scene path of the new upload (`upload:<id>`), or undefined on failure. */
  async upload(file: File): Promise<string | undefined> {
    this.busy = true;
    try {
      const res = await fetch(`${this.endpoint}?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: file
      });
      if (!res.ok) throw await failure(res);
      const item = this.view.parse(await res.json());
      this.items = [item, ...this.items.filter((m) => m.id !== item.id)];
      this.error = undefined;
      return uploadPath(item);
    } catch (err) {
      this.error = `upload failed: ${err instanceof Error ? err.message : String(err)}`;
      return undefined;
    } finally {
      this.busy = false;
    }
  }
}
