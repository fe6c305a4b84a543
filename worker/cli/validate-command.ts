// `clovers validate <scene.json>`: every error as `path: message`, every warning, and a one-line verdict. Like
// the reference, a valid file is also fully initialised: meshes loaded, the scene compiled (BVH included) and the
// camera set up, so problems a render would hit (a zero radius, a degenerate quad, a missing mesh) show here.
import { forEachObject, formatIssue } from '../../src/lib/scene/index.ts';
import { compileScene, SceneCompileError } from '../../gpu/host/scene/compile.ts';
import { cameraFrame, CameraError } from '../../gpu/host/render/camera.ts';
import type { ValidateArgs } from './args.ts';
import { CliError, EXIT, type ExitCode } from './errors.ts';
import type { CliIo } from './main.ts';
import { loadMeshes, plural, readSceneFile } from './scene-file.ts';

export async function validateCommand(args: ValidateArgs, io: CliIo): Promise<ExitCode> {
  const parsed = await readSceneFile(args.scene);
  if (!parsed.ok) {
    for (const issue of parsed.errors) io.stdout.write(`${formatIssue(issue)}\n`);
    throw new CliError(`${args.scene}: invalid scene (${plural(parsed.errors.length, 'error')})`, EXIT.userError);
  }
  for (const issue of parsed.warnings) io.stdout.write(`warning: ${formatIssue(issue)}\n`);
  const scene = parsed.scene;
  const meshes = await loadMeshes(args.scene, scene, (note) => io.stdout.write(`warning: ${note}\n`));
  try {
    cameraFrame(scene.camera, 1);
    compileScene(scene, { meshes });
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
  io.stdout.write(`scene is valid (${plural(objects, 'object')}, ${plural(scene.materials.length, 'material')})\n`);
  return EXIT.ok;
}
