// The editor's state: the scene as plain JSON (unknown keys kept), the render options saved with it, and the
// history of both. Forms, the JSON view, the live preview and the queue panel all read and write through one
// Editor, so an edit anywhere is one undoable step and one preview restart.
import { parseScene, parseWarnings, type SceneFile, type SceneIssue } from '$lib/scene';
import { DEFAULT_EXAMPLE, EXAMPLES } from '$lib/scene/examples';
import { RENDER_OPTION_DEFAULTS, renderOptionsSchema, type ApiRenderOptions } from '$lib/render-options';
import { toSceneIssues } from '$lib/scene/issues';
import { getAt, issuePath, setAt, type JsonPath } from './document.ts';
import { UNDO_COALESCE_MS } from './undo.ts';

/** Render options as the user edits them (snake_case, as the API takes them); validated by renderOptionsSchema. */
export type RenderOptionsDraft = Record<string, unknown>;

/** Key under which render options travel inside an exported or saved scene file (the engine ignores it). */
export const RENDER_OPTIONS_KEY = 'render_options';

export interface EditorSnapshot {
  /** The scene file as JSON, without the render options. */
  readonly scene: Record<string, unknown>;
  readonly options: RenderOptionsDraft;
}

export type SceneValidation =
  | { ok: true; scene: SceneFile; warnings: SceneIssue[] }
  | { ok: false; errors: SceneIssue[]; warnings?: SceneIssue[] };

export type OptionsValidation = { ok: true; options: ApiRenderOptions } | { ok: false; errors: SceneIssue[] };

const HISTORY_LIMIT = 200;

export { DEFAULT_EXAMPLE };

export function defaultSnapshot(): EditorSnapshot {
  return { scene: structuredClone(EXAMPLES[DEFAULT_EXAMPLE]) as Record<string, unknown>, options: { ...RENDER_OPTION_DEFAULTS } };
}

/** Splits a scene file that may carry render options into the editor's two parts. */
export function splitSceneFile(file: Record<string, unknown>): EditorSnapshot {
  const { [RENDER_OPTIONS_KEY]: options, ...scene } = file;
  const carried = typeof options === 'object' && options !== null && !Array.isArray(options) ? (options as RenderOptionsDraft) : undefined;
  return { scene, options: carried ?? { ...RENDER_OPTION_DEFAULTS } };
}

/** The scene file with its render options, as exported and saved. */
export function joinSceneFile(snapshot: EditorSnapshot): Record<string, unknown> {
  return { ...snapshot.scene, [RENDER_OPTIONS_KEY]: snapshot.options };
}

export function validateOptions(options: RenderOptionsDraft): OptionsValidation {
  const result = renderOptionsSchema.safeParse(options);
  return result.success ? { ok: true, options: result.data } : { ok: false, errors: toSceneIssues(result.error.issues) };
}

/** The scene's name and server id: part of an undo step only for loads that change them. */
interface SceneMeta {
  readonly name: string;
  readonly sceneId: string | null;
}

interface HistoryEntry {
  readonly snapshot: EditorSnapshot;
  readonly label: string;
  /** The name and id to restore, when the step changed them (a load); edits leave them alone. */
  readonly meta?: SceneMeta;
}

export class Editor {
  /** Current scene JSON; replaced (never mutated) on every edit. */
  scene = $state.raw<Record<string, unknown>>({});
  /** Current render options draft; replaced on every edit. */
  options = $state.raw<RenderOptionsDraft>({});
  /** Name shown and saved with the scene. */
  name = $state('cornell');
  /** Id of the scene on the server once saved (null: not saved yet). */
  sceneId = $state<string | null>(null);
  /** Increases on every change of the scene (not of render options): the preview restarts on it. */
  sceneRevision = $state(0);

  #past = $state.raw<HistoryEntry[]>([]);
  #future = $state.raw<HistoryEntry[]>([]);
  #lastEdit: { key: string; at: number } | undefined;

  readonly validation: SceneValidation = $derived(parseScene(this.scene));
  readonly optionsValidation: OptionsValidation = $derived(validateOptions(this.options));
  /** Errors by issue path (`objects[2].radius`), for messages next to fields. */
  readonly errorsByPath: ReadonlyMap<string, string[]> = $derived(groupByPath([
    ...(this.validation.ok ? [] : this.validation.errors),
    ...(this.optionsValidation.ok ? [] : this.optionsValidation.errors.map((e) => ({ ...e, path: prefixPath(RENDER_OPTIONS_KEY, e.path) })))
  ]));
  readonly warningsByPath: ReadonlyMap<string, string[]> = $derived(groupByPath(parseWarnings(this.validation)));
  readonly canUndo = $derived(this.#past.length > 0);
  readonly canRedo = $derived(this.#future.length > 0);
  /** Label of the step Ctrl+Z would undo, for the button's tooltip. */
  readonly undoLabel = $derived(this.#past.at(-1)?.label);
  readonly redoLabel = $derived(this.#future.at(-1)?.label);

  constructor(initial: EditorSnapshot = defaultSnapshot(), name = DEFAULT_EXAMPLE) {
    this.scene = initial.scene;
    this.options = initial.options;
    this.name = name;
  }

  get snapshot(): EditorSnapshot {
    return { scene: this.scene, options: this.options };
  }

  /** The value at a path of the scene. */
  get(path: JsonPath): unknown {
    return getAt(this.scene, path);
  }

  /** Sets a value in the scene (undefined removes an object key). Edits of one field coalesce into one step. */
  set(path: JsonPath, value: unknown, label = `edit ${issuePath(path)}`): void {
    this.#commit({ scene: setAt(this.scene, path, value), options: this.options }, label, `scene:${issuePath(path)}`);
  }

  /** Replaces the whole scene by a function of it (add, delete, reorder...): always its own undo step. */
  updateScene(change: (scene: Record<string, unknown>) => Record<string, unknown>, label: string): void {
    this.#commit({ scene: change(this.scene), options: this.options }, label);
  }

  /** Sets one render option (undefined removes it, so its default applies). */
  setOption(key: string, value: unknown): void {
    const options = { ...this.options };
    if (value === undefined) delete options[key];
    else options[key] = value;
    this.#commit({ scene: this.scene, options }, `edit ${key}`, `options:${key}`);
  }

  /** Replaces all render options (presets). */
  setOptions(options: RenderOptionsDraft, label: string): void {
    this.#commit({ scene: this.scene, options }, label);
  }

  /** Replaces scene and options (example, import, JSON view): one undo step, so a load can be undone. */
  replace(snapshot: EditorSnapshot, label: string, meta?: { name?: string; sceneId?: string | null }): void {
    const changesMeta = meta?.name !== undefined || meta?.sceneId !== undefined;
    this.#commit(snapshot, label, undefined, changesMeta ? this.#meta : undefined);
    if (meta?.name !== undefined) this.name = meta.name;
    if (meta?.sceneId !== undefined) this.sceneId = meta.sceneId;
  }

  undo(): void {
    const entry = this.#past.at(-1);
    if (!entry) return;
    this.#past = this.#past.slice(0, -1);
    this.#future = [...this.#future, this.#swap(entry)];
  }

  redo(): void {
    const entry = this.#future.at(-1);
    if (!entry) return;
    this.#future = this.#future.slice(0, -1);
    this.#past = [...this.#past, this.#swap(entry)];
  }

  get #meta(): SceneMeta {
    return { name: this.name, sceneId: this.sceneId };
  }

  /** Applies a history entry and returns the entry that takes the current state back (for the other stack). */
  #swap(entry: HistoryEntry): HistoryEntry {
    const back: HistoryEntry = { snapshot: this.snapshot, label: entry.label, meta: entry.meta && this.#meta };
    this.#apply(entry.snapshot);
    if (entry.meta) {
      this.name = entry.meta.name;
      this.sceneId = entry.meta.sceneId;
    }
    return back;
  }

  /** Errors for exactly this path (scene paths, or `render_options.width` for options). */
  errorsAt(path: JsonPath | string): string[] {
    return this.errorsByPath.get(typeof path === 'string' ? path : issuePath(path)) ?? [];
  }

  /** Number of errors at or below a path (for a collapsed section's badge). */
  errorCountUnder(path: JsonPath): number {
    const prefix = issuePath(path);
    let count = 0;
    for (const [key, messages] of this.errorsByPath) {
      if (prefix === '' || key === prefix || key.startsWith(`${prefix}.`) || key.startsWith(`${prefix}[`)) count += messages.length;
    }
    return count;
  }

  #commit(next: EditorSnapshot, label: string, coalesceKey?: string, meta?: SceneMeta): void {
    const now = Date.now();
    const coalesce =
      coalesceKey !== undefined && this.#lastEdit?.key === coalesceKey && now - this.#lastEdit.at < UNDO_COALESCE_MS && this.#past.length > 0;
    if (!coalesce) this.#past = [...this.#past, { snapshot: this.snapshot, label, meta }].slice(-HISTORY_LIMIT);
    this.#future = [];
    this.#lastEdit = coalesceKey === undefined ? undefined : { key: coalesceKey, at: now };
    this.#apply(next);
  }

  #apply(snapshot: EditorSnapshot): void {
    if (snapshot.scene !== this.scene) this.sceneRevision += 1;
    this.scene = snapshot.scene;
    this.options = snapshot.options;
  }
}

function prefixPath(prefix: string, path: string): string {
  if (path === '') return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

function groupByPath(issues: readonly SceneIssue[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const issue of issues) {
    const list = map.get(issue.path);
    if (list) list.push(issue.message);
    else map.set(issue.path, [issue.message]);
  }
  return map;
}
