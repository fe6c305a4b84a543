// Reading a scene file from disk for the CLI: I/O failures and invalid scenes become one-line user errors.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { sceneMeshNotes, type SceneMeshes } from '../../gpu/host/mesh/mesh.ts';
import { loadSceneMeshes, MeshFileError } from '../mesh-files.ts';
import { formatIssue, parseSceneText, type ParseResult, type SceneFile } from '../../src/lib/scene/index.ts';
import { CliError, EXIT } from './errors.ts';
import type { TextSink } from './progress.ts';

export async function readSceneFile(path: string): Promise<ParseResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new CliError(`cannot read scene ${path}: ${reason}`, EXIT.userError);
  }
  return parseSceneText(text);
}

/** The parsed scene; errors (and, unless quiet, warnings) go to `stderr`. */
export async function loadScene(path: string, stderr: TextSink, quiet: boolean): Promise<SceneFile> {
  const parsed = await readSceneFile(path);
  if (!parsed.ok) {
    for (const issue of parsed.errors) stderr.write(`${path}: ${formatIssue(issue)}\n`);
    throw new CliError(`${path}: invalid scene (${plural(parsed.errors.length, 'error')})`, EXIT.userError);
  }
  if (!quiet) for (const issue of parsed.warnings) stderr.write(`${path}: warning: ${formatIssue(issue)}\n`);
  return parsed.scene;
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

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
