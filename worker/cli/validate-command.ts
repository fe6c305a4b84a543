// `clovers validate <scene.json>`: every error as `path: message`, every warning, and a one-line verdict.
import { forEachObject, formatIssue } from '../../src/lib/scene/index.ts';
import type { ValidateArgs } from './args.ts';
import { CliError, EXIT, type ExitCode } from './errors.ts';
import type { CliIo } from './main.ts';
import { plural, readSceneFile } from './scene-file.ts';

export async function validateCommand(args: ValidateArgs, io: CliIo): Promise<ExitCode> {
  const parsed = await readSceneFile(args.scene);
  if (!parsed.ok) {
    for (const issue of parsed.errors) io.stdout.write(`${formatIssue(issue)}\n`);
    throw new CliError(`${args.scene}: invalid scene (${plural(parsed.errors.length, 'error')})`, EXIT.userError);
  }
  for (const issue of parsed.warnings) io.stdout.write(`warning: ${formatIssue(issue)}\n`);
  let objects = 0;
  forEachObject(parsed.scene.objects, () => objects++);
  io.stdout.write(`scene is valid (${plural(objects, 'object')}, ${plural(parsed.scene.materials.length, 'material')})\n`);
  return EXIT.ok;
}
