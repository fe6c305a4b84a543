// Reading a scene file from disk for the CLI: I/O failures and invalid scenes become one-line user errors.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { sceneMeshNotes, type SceneMeshes } from '../../gpu/host/mesh/mesh.ts';
import { loadSceneMeshes, MeshFileError } from '../mesh-files.ts';
import { EnvironmentFileError, loadSceneEnvironment } from '../environment-files.ts';
import type { EnvironmentImage } from '../../gpu/host/environment/image.ts';
import { formatIssue, parseSceneText, type SceneFile, type SceneIssue } from '../../src/lib/scene/index.ts';
import type { RenderSettings } from './args.ts';
import { CliError, EXIT } from './errors.ts';
import type { TextSink } from './progress.ts';
import { fileSettings, RENDER_OPTIONS_KEY } from './render-settings.ts';

export type SceneFileResult =
  | {
      ok: true;
      scene: SceneFile;
      warnings: SceneIssue[];
      /** What the file's render_options set (empty without them). */
      settings: Partial<RenderSettings>;
    }
  /** `warnings`: as ParseResult's, the unknown keys found beside the errors. */
  | { ok: false; errors: SceneIssue[]; warnings?: SceneIssue[] };

/** The scene and the render options it carries; invalid render_options are errors of the file. */
export async function readSceneFile(path: string): Promise<SceneFileResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new CliError(`cannot read scene ${path}: ${reason}`, EXIT.userError);
  }
  const parsed = parseSceneText(text);
  if (!parsed.ok) return parsed;
  // The parser keeps keys it does not know, so the value is the file's own.
  const carried: unknown = (parsed.scene as Record<string, unknown>)[RENDER_OPTIONS_KEY];
  if (carried === undefined) return { ...parsed, settings: {} };
  const options = fileSettings(carried);
  return options.ok ? { ...parsed, settings: options.settings } : { ok: false, errors: options.errors, warnings: parsed.warnings };
}

/** The parsed scene and its render options; errors (and, unless quiet, warnings) go to `stderr`. */
export async function loadScene(
  path: string,
  stderr: TextSink,
  quiet: boolean
): Promise<{ scene: SceneFile; settings: Partial<RenderSettings> }> {
  const parsed = await readSceneFile(path);
  // Warnings go after the errors too: an unknown key is often why a field is missing.
  const warn = () => {
    if (!quiet) for (const issue of parsed.warnings ?? []) stderr.write(`${path}: warning: ${formatIssue(issue)}\n`);
  };
  if (!parsed.ok) {
    for (const issue of parsed.errors) stderr.write(`${path}: ${formatIssue(issue)}\n`);
    warn();
    throw new CliError(`${path}: invalid scene (${plural(parsed.errors.length, 'error')})`, EXIT.userError);
  }
  warn();
  return { scene: parsed.scene, settings: parsed.settings };
}

/**
 * The scene's meshes: bundled models by name, else files resolved against the current directory, then the scene
 * file's folder (the reference resolves against the current directory only). What a file asks for that the
 * renderer does not do (its notes) goes to `warn`, one line each.
 */
export async function loadMeshes(scenePath: string, scene: SceneFile, warn?: (line: string) => void): Promise<SceneMeshes> {
  let meshes: SceneMeshes;
  try {
    meshes = await loadSceneMeshes(scene, { searchDirs: [process.cwd(), dirname(resolve(scenePath))] });
  } catch (error) {
    if (error instanceof MeshFileError) throw new CliError(`${scenePath}: ${error.message}`, EXIT.userError, { cause: error });
    throw error;
  }
  if (warn) for (const note of sceneMeshNotes(meshes)) warn(note);
  return meshes;
}

/** The map of the scene's Hdri environment (undefined without one), resolved like the meshes. */
export async function loadEnvironment(scenePath: string, scene: SceneFile): Promise<EnvironmentImage | undefined> {
  try {
    return await loadSceneEnvironment(scene, { searchDirs: [process.cwd(), dirname(resolve(scenePath))] });
  } catch (error) {
    if (error instanceof EnvironmentFileError) throw new CliError(`${scenePath}: ${error.message}`, EXIT.userError, { cause: error });
    throw error;
  }
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
