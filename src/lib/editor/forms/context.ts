// The editor the scene forms edit, shared with nested form components through Svelte context (lists, material
// pickers and kind slots need the whole scene, not only their own field).
import { getContext, setContext } from 'svelte';
import type { Editor } from '../editor.svelte.ts';

const KEY = Symbol('scene-forms');

export function setFormsEditor(editor: Editor): void {
  setContext(KEY, editor);
}

export function formsEditor(): Editor {
  const editor = getContext<Editor | undefined>(KEY);
  if (!editor) throw new Error('scene form components must be used inside SceneForms');
  return editor;
}
