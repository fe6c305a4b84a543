// Where a scene can come from besides the editor itself: an example, a saved scene, the snapshot of a render.
// Each load replaces the working copy as one undoable step.
import { EXAMPLES } from '$lib/scene/examples';
import { api } from '../api/index.ts';
import type { Editor } from '../editor.svelte.ts';
import { isRecord, snapshotOfFile } from './scene-file.ts';

export function loadExample(editor: Editor, name: string): void {
  const file = EXAMPLES[name];
  if (!isRecord(file)) throw new Error(`no example scene named ${JSON.stringify(name)}`);
  editor.replace(snapshotOfFile(structuredClone(file), editor.options), `load example ${name}`, { name, sceneId: null });
}

/** Opens a saved scene (GET /api/scenes/:id); its render options come with it when it was saved with them. */
export async function openSavedScene(editor: Editor, id: string): Promise<string> {
  const saved = await api.getScene(id);
  if (!isRecord(saved.scene)) throw new Error(`saved scene ${id} has no scene object`);
  editor.replace(snapshotOfFile(saved.scene, editor.options), `open ${saved.name}`, { name: saved.name, sceneId: saved.id });
  return saved.name;
}

/** Opens the scene snapshot a render was made from, with the options it was rendered with (a new, unsaved copy). */
export async function openRenderScene(editor: Editor, id: string): Promise<string> {
  const render = await api.getRender(id);
  if (!isRecord(render.scene)) throw new Error(`render ${id} has no scene snapshot`);
  const name = render.name ?? `render ${id.slice(0, 8)}`;
  const file = snapshotOfFile(render.scene, editor.options);
  editor.replace({ scene: file.scene, options: { ...render.options } }, `open the scene of ${name}`, { name, sceneId: null });
  return name;
}
