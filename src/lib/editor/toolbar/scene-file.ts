// Scene files in and out of the editor: examples, imported .json files, exports and saved scenes. A file may carry
// its render options under `render_options`; without them the editor keeps its current options. Unknown keys
// travel untouched both ways.
import { parseSceneText, type SceneIssue } from '$lib/scene';
import { RENDER_OPTIONS_KEY, joinSceneFile, splitSceneFile, validateOptions, type EditorSnapshot, type RenderOptionsDraft } from '../editor.svelte.ts';

export type SceneFileRead = { ok: true; snapshot: EditorSnapshot } | { ok: false; message: string; issues: SceneIssue[] };

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The editor's snapshot of a scene file value (already valid JSON), keeping `current` options unless it has its own. */
export function snapshotOfFile(file: Record<string, unknown>, current: RenderOptionsDraft): EditorSnapshot {
  const split = splitSceneFile(file);
  return RENDER_OPTIONS_KEY in file ? split : { scene: split.scene, options: current };
}

function describeIssues(what: string, issues: readonly SceneIssue[]): string {
  const shown = issues.slice(0, 3).map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`));
  const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : '';
  return `${what}: ${shown.join('; ')}${more}`;
}

/**
 * Reads scene file text as the scene parser does (size limit, JSON syntax with line and column, schema); render
 * options it carries are checked too. Nothing invalid is returned.
 */
export function readSceneFile(text: string, current: RenderOptionsDraft, source = 'the file'): SceneFileRead {
  const parsed = parseSceneText(text);
  if (!parsed.ok) return { ok: false, issues: parsed.errors, message: describeIssues(`${source} is not a valid scene`, parsed.errors) };
  const value: unknown = JSON.parse(text);
  if (!isRecord(value)) return { ok: false, issues: [], message: `${source} is not a scene object` };
  const snapshot = snapshotOfFile(value, current);
  if (RENDER_OPTIONS_KEY in value) {
    const options = validateOptions(snapshot.options);
    if (!options.ok) {
      const issues = options.errors.map((e) => ({ ...e, path: e.path === '' ? RENDER_OPTIONS_KEY : `${RENDER_OPTIONS_KEY}.${e.path}` }));
      return { ok: false, issues, message: describeIssues(`${source} has invalid render options`, issues) };
    }
  }
  return { ok: true, snapshot };
}

/** The exported file: the scene with its render options, pretty-printed. */
export function sceneFileText(snapshot: EditorSnapshot): string {
  return `${JSON.stringify(joinSceneFile(snapshot), null, 2)}\n`;
}

/** A file name for a scene name: `<name>.json`, without characters file systems refuse. */
export function sceneFileName(name: string): string {
  const base = name.trim().replace(/\.json$/i, '').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 120);
  return `${base === '' ? 'scene' : base}.json`;
}

/** The scene name a file name suggests (`teapot.json` → `teapot`). */
export function nameOfFile(fileName: string): string {
  return fileName.replace(/\.json$/i, '').trim() || 'scene';
}
