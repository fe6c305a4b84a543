import { describe, expect, it } from 'vitest';
import { Editor, joinSceneFile, RENDER_OPTIONS_KEY, splitSceneFile } from './editor.svelte.ts';
import { editArrayAt, moveItem, setAt } from './document.ts';

describe('Editor', () => {
  it('starts valid on the default example and reports a bad field at its path', () => {
    const editor = new Editor();
    expect(editor.validation.ok).toBe(true);
    editor.set(['camera', 'vertical_fov'], 'wide');
    expect(editor.validation.ok).toBe(false);
    expect(editor.errorsAt(['camera', 'vertical_fov']).join()).toMatch(/number/);
    expect(editor.errorCountUnder(['camera'])).toBe(1);
    expect(editor.errorCountUnder(['objects'])).toBe(0);
  });

  it('coalesces typing in one field into one undo step, and undoes and redoes', () => {
    const editor = new Editor();
    const before = editor.get(['camera', 'vertical_fov']);
    editor.set(['camera', 'vertical_fov'], 4);
    editor.set(['camera', 'vertical_fov'], 45);
    editor.set(['camera', 'aperture'], 0.5);
    editor.undo();
    expect(editor.get(['camera', 'aperture'])).toBe(0);
    expect(editor.get(['camera', 'vertical_fov'])).toBe(45);
    editor.undo();
    expect(editor.get(['camera', 'vertical_fov'])).toBe(before);
    expect(editor.canUndo).toBe(false);
    editor.redo();
    expect(editor.get(['camera', 'vertical_fov'])).toBe(45);
    expect(editor.canRedo).toBe(true);
    editor.set(['camera', 'aperture'], 1);
    expect(editor.canRedo).toBe(false);
  });

  it('restarts the preview only on scene changes, and validates render options under their own key', () => {
    const editor = new Editor();
    const revision = editor.sceneRevision;
    editor.setOption('width', 0);
    expect(editor.sceneRevision).toBe(revision);
    expect(editor.optionsValidation.ok).toBe(false);
    expect(editor.errorsAt(`${RENDER_OPTIONS_KEY}.width`).length).toBe(1);
    editor.updateScene((s) => editArrayAt(s, ['objects'], (items) => moveItem(items, 0, 1)), 'move');
    expect(editor.sceneRevision).toBe(revision + 1);
  });

  it('keeps unknown keys and carries render options through a scene file', () => {
    const editor = new Editor();
    editor.set(['my_note'], { keep: [1, 2] });
    editor.setOption('samples', 8);
    const file = joinSceneFile(editor.snapshot);
    const back = splitSceneFile(JSON.parse(JSON.stringify(file)) as Record<string, unknown>);
    expect(back.scene).toEqual(editor.scene);
    expect(back.options).toEqual(editor.options);
    expect(RENDER_OPTIONS_KEY in back.scene).toBe(false);
  });
});

describe('Editor loads', () => {
  it("undo of a load brings back the scene's name and id; undo of an edit leaves them", () => {
    const editor = new Editor();
    editor.sceneId = 'saved-1';
    editor.replace(splitSceneFile({ camera: {}, objects: [] }), 'load example', { name: 'boing', sceneId: null });
    expect([editor.name, editor.sceneId]).toEqual(['boing', null]);
    editor.set(['camera', 'vertical_fov'], 30);
    editor.name = 'renamed';
    editor.undo();
    expect(editor.name).toBe('renamed');
    editor.undo();
    expect([editor.name, editor.sceneId]).toEqual(['cornell', 'saved-1']);
    editor.redo();
    expect([editor.name, editor.sceneId]).toEqual(['renamed', null]);
  });
});

describe('document edits', () => {
  it('copies only the changed spine', () => {
    const doc = { a: { b: [1, 2, 3] }, c: { d: 1 } };
    const next = setAt(doc, ['a', 'b', 1], 9);
    expect(next.a.b).toEqual([1, 9, 3]);
    expect(doc.a.b).toEqual([1, 2, 3]);
    expect(next.c).toBe(doc.c);
    expect(setAt(doc, ['c', 'd'], undefined).c).toEqual({});
  });
});
