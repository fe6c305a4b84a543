// The editor the scene forms edit, shared with nested form components through Svelte context (lists, material
// pickers and kind slots need the whole scene, not only their own field).
import { getContext, setContext } from 'svelte';
import { SvelteSet } from 'svelte/reactivity';
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

const OPEN = new WeakMap<Editor, SvelteSet<string>>();

/**
 * Paths of the list items the user has expanded, per editor: kept outside the components so switching to the
 * JSON view and back keeps them open.
 */
export function openItems(editor: Editor): SvelteSet<string> {
  let set = OPEN.get(editor);
  if (!set) OPEN.set(editor, (set = new SvelteSet()));
  return set;
}
