// The working copy (scene, render options, name, saved id) survives a reload: saved to localStorage shortly
// after each change and restored when the editor opens. A copy that does not read back (corrupt, another
// version's) is ignored with a warning; storage that is full or disabled only loses the autosave.
import { Editor, type EditorSnapshot } from './editor.svelte.ts';

export const WORKING_COPY_KEY = 'clovers.workingCopy';
/** Larger working copies are not autosaved (localStorage holds about 5 MB per origin, as UTF-16). */
export const MAX_WORKING_COPY_CHARS = 2_000_000;
export const AUTOSAVE_DELAY_MS = 300;

export interface WorkingCopy {
  readonly snapshot: EditorSnapshot;
  readonly name: string;
  readonly sceneId: string | null;
}

export type SaveOutcome = 'saved' | 'too-large' | 'failed';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The browser's localStorage; undefined on the server or where storage is disabled (reading it throws there). */
export function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** The working copy of an editor (reading it inside an effect tracks every part). */
export function workingCopyOf(editor: Editor): WorkingCopy {
  return { snapshot: editor.snapshot, name: editor.name, sceneId: editor.sceneId };
}

/** Reads a stored working copy; null when there is none or it does not read back (with a warning). */
export function loadWorkingCopy(storage: Storage | undefined): WorkingCopy | null {
  let text: string | null;
  try {
    text = storage?.getItem(WORKING_COPY_KEY) ?? null;
  } catch {
    return null; // storage disabled
  }
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (!isRecord(value) || !isRecord(value.snapshot)) throw new Error('not a working copy object');
    const { scene, options } = value.snapshot;
    if (!isRecord(scene)) throw new Error('snapshot.scene is not an object');
    if (!isRecord(options)) throw new Error('snapshot.options is not an object');
    if (typeof value.name !== 'string') throw new Error('name is not a string');
    if (value.sceneId !== null && typeof value.sceneId !== 'string') throw new Error('sceneId is not a string or null');
    return { snapshot: { scene, options }, name: value.name, sceneId: value.sceneId };
  } catch (err) {
    console.warn(`clovers: ignoring the stored working copy (${(err as Error).message}); starting from the default scene`);
    return null;
  }
}

export function saveWorkingCopy(storage: Storage, copy: WorkingCopy): SaveOutcome {
  const text = JSON.stringify(copy);
  if (text.length > MAX_WORKING_COPY_CHARS) return 'too-large';
  try {
    storage.setItem(WORKING_COPY_KEY, text);
    return 'saved';
  } catch {
    return 'failed'; // QuotaExceededError, or storage disabled
  }
}

/** An Editor opened on the stored working copy, or on the default scene. */
export function restoreEditor(storage: Storage | undefined): Editor {
  const copy = loadWorkingCopy(storage);
  if (!copy) return new Editor();
  const editor = new Editor(copy.snapshot, copy.name);
  editor.sceneId = copy.sceneId;
  return editor;
}

export interface Autosave {
  /** Saves this copy after the delay, replacing a pending one (a burst of edits is one write). */
  schedule(copy: WorkingCopy): void;
  /** Writes a pending copy now (page hide). */
  flush(): void;
  /** What the last write did, for a warning when the copy is not kept. */
  readonly last: SaveOutcome | undefined;
}

export function createAutosave(storage: Storage | undefined, delayMs = AUTOSAVE_DELAY_MS): Autosave {
  let pending: WorkingCopy | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: SaveOutcome | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending || !storage) return;
    const outcome = saveWorkingCopy(storage, pending);
    if (outcome !== 'saved' && outcome !== last) {
      console.warn(`clovers: the working copy is not kept across reloads (${outcome === 'too-large' ? 'too large for local storage' : 'local storage is full or disabled'})`);
    }
    last = outcome;
    pending = undefined;
  };
  return {
    schedule(copy) {
      pending = copy;
      clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
    get last() {
      return last;
    }
  };
}
