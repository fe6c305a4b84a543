import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSnapshot } from './editor.svelte.ts';
import {
  createAutosave,
  loadWorkingCopy,
  MAX_WORKING_COPY_CHARS,
  restoreEditor,
  saveWorkingCopy,
  WORKING_COPY_KEY,
  type WorkingCopy
} from './persistence.ts';

/** An in-memory Storage (the Web Storage interface) with an optional quota in characters, as browsers count. */
class MemoryStorage implements Storage {
  #items = new Map<string, string>();
  writes = 0;
  constructor(private readonly quota = Infinity) {}
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    if (value.length > this.quota) throw new DOMException('quota exceeded', 'QuotaExceededError');
    this.writes += 1;
    this.#items.set(key, value);
  }
}

function copy(name = 'my scene'): WorkingCopy {
  const snapshot = defaultSnapshot();
  return {
    snapshot: { scene: { ...snapshot.scene, my_note: 'kept' }, options: { ...snapshot.options, width: 48 } },
    name,
    sceneId: '0b6f1c2e-0000-4000-8000-000000000001'
  };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('working copy', () => {
  it('round-trips scene (unknown keys too), options, name and saved id', () => {
    const storage = new MemoryStorage();
    expect(saveWorkingCopy(storage, copy())).toBe('saved');
    expect(loadWorkingCopy(storage)).toEqual(copy());
    const editor = restoreEditor(storage);
    expect(editor.scene.my_note).toBe('kept');
    expect(editor.options.width).toBe(48);
    expect(editor.name).toBe('my scene');
    expect(editor.sceneId).toBe(copy().sceneId);
    expect(editor.canUndo).toBe(false);
  });

  it('starts from the default scene without a stored copy or without storage', () => {
    expect(loadWorkingCopy(new MemoryStorage())).toBeNull();
    expect(loadWorkingCopy(undefined)).toBeNull();
    expect(restoreEditor(undefined).scene).toEqual(defaultSnapshot().scene);
  });

  it('ignores a corrupt copy with a warning, not an error', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error');
    const storage = new MemoryStorage();
    for (const bad of ['{not json', '[]', '{"snapshot":{"scene":[],"options":{}},"name":"x","sceneId":null}', '{"snapshot":{"scene":{},"options":{}},"name":3,"sceneId":null}']) {
      storage.setItem(WORKING_COPY_KEY, bad);
      expect(loadWorkingCopy(storage), bad).toBeNull();
    }
    expect(warn).toHaveBeenCalledTimes(4);
    expect(String(warn.mock.calls[2][0])).toMatch(/snapshot\.scene/);
    expect(error).not.toHaveBeenCalled();
    expect(restoreEditor(storage).scene).toEqual(defaultSnapshot().scene);
  });

  it('does not write copies over the size guard and survives a full storage', () => {
    const big = copy();
    const huge: WorkingCopy = { ...big, snapshot: { ...big.snapshot, scene: { ...big.snapshot.scene, blob: 'x'.repeat(MAX_WORKING_COPY_CHARS) } } };
    const storage = new MemoryStorage();
    expect(saveWorkingCopy(storage, huge)).toBe('too-large');
    expect(storage.length).toBe(0);
    expect(saveWorkingCopy(new MemoryStorage(100), copy())).toBe('failed');
  });
});

describe('autosave', () => {
  it('writes a burst of changes once, after the delay, the last one winning', () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const autosave = createAutosave(storage, 300);
    autosave.schedule(copy('a'));
    vi.advanceTimersByTime(200);
    autosave.schedule(copy('b'));
    vi.advanceTimersByTime(299);
    expect(storage.writes).toBe(0);
    vi.advanceTimersByTime(1);
    expect(storage.writes).toBe(1);
    expect(loadWorkingCopy(storage)?.name).toBe('b');
    autosave.schedule(copy('c'));
    autosave.flush();
    expect(loadWorkingCopy(storage)?.name).toBe('c');
    vi.advanceTimersByTime(1000);
    expect(storage.writes).toBe(2);
  });

  it('warns once when storage is full, and keeps going', () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const autosave = createAutosave(new MemoryStorage(10), 300);
    autosave.schedule(copy());
    autosave.flush();
    autosave.schedule(copy());
    autosave.flush();
    expect(autosave.last).toBe('failed');
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
