// `clovers validate <scene.json>`: every error as `path: message`, every warning, and a one-line verdict. Like
// the reference, a valid file is also fully initialised: meshes loaded, the scene compiled (BVH included) and the
// camera set up, so problems a render would hit (a zero radius, a degenerate quad, a missing mesh) show here.
// The file's render_options are checked too. With -q only the errors are printed.
import { forEachObject, formatIssue, parseWarnings } from '../../src/lib/scene/index.ts';
import { compileScene, SceneCompileError } from '../../gpu/host/scene/compile.ts';
import { cameraFrame, CameraError } from '../../gpu/host/render/camera.ts';
import type { ValidateArgs } from './args.ts';
import { CliError, EXIT, type ExitCode } from './errors.ts';
import type { CliIo } from './main.ts';
import { loadEnvironment, loadMeshes, plural, readSceneFile } from './scene-file.ts';

export async function validateCommand(args: ValidateArgs, io: CliIo): Promise<ExitCode> {
  const say = (line: string): void => {
    if (!args.quiet) io.stdout.write(`${line}\n`);
  };
  const parsed = await readSceneFile(args.scene);
  if (!parsed.ok) {
    for (const issue of parsed.errors) io.stdout.write(`${formatIssue(issue)}\n`);
    // Unknown keys too: a misspelt key is often why a field is missing.
    for (const issue of parseWarnings(parsed)) say(`warning: ${formatIssue(issue)}`);
    throw new CliError(`${args.scene}: invalid scene (${plural(parsed.errors.length, 'error')})`, EXIT.userError);
  }
  for (const issue of parsed.warnings) say(`warning: ${formatIssue(issue)}`);
  const scene = parsed.scene;
  const meshes = await loadMeshes(args.scene, scene, (note) => say(`warning: ${note}`));
  const environment = await loadEnvironment(args.scene, scene);
  try {
    cameraFrame(scene.camera, 1);
    compileScene(scene, { meshes, environment });
  } catch (error) {
    const issues =
      error instanceof SceneCompileError
        ? error.issues
        : error instanceof CameraError
          ? [{ path: error.path, message: error.message.slice(error.path.length + 2) }]
          : undefined;
    if (!issues) throw error;
    for (const issue of issues) io.stdout.write(`${formatIssue(issue)}\n`);
    throw new CliError(`${args.scene}: invalid scene (${plural(issues.length, 'error')})`, EXIT.userError);
  }
  let objects = 0;
  forEachObject(scene.objects, () => objects++);
  say(`scene is valid (${plural(objects, 'object')}, ${plural(scene.materials.length, 'material')})`);
  return EXIT.ok;
}
