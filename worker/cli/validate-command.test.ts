// `clovers validate` in-process: unknown keys are printed as warnings with their "did you mean", for valid scenes
// and beside the errors of invalid ones.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baseScene } from '../../src/lib/scene/test-helpers.ts';
import { CliError } from './errors.ts';
import { validateCommand } from './validate-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'clovers-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function validate(scene: unknown, quiet = false): Promise<{ out: string; error?: unknown }> {
  const path = join(dir, `scene-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(scene));
  let out = '';
  const sink = { write: (text: string) => (out += text) };
  try {
    await validateCommand({ command: 'validate', scene: path, quiet, debug: false }, { stdout: sink, stderr: sink, signal: new AbortController().signal });
    return { out };
  } catch (error) {
    return { out, error };
  }
}

const sphere = { kind: 'Sphere', center: [0, 0, 0], radius: 1 };

describe('clovers validate', () => {
  it('prints unknown keys with a suggestion, and the scene stays valid', async () => {
    const camera = { ...(baseScene().camera as object), look_form: [0, 0, -5] };
    const { out, error } = await validate(baseScene({ camera, objects: [sphere, { ...sphere, radus: 2 }] }));
    expect(error).toBeUndefined();
    expect(out).toContain('warning: camera.look_form: unknown key "look_form" is ignored (did you mean "look_from"?)\n');
    expect(out).toContain('warning: objects[1].radus: unknown key "radus" is ignored (did you mean "radius"?)\n');
    expect(out).toMatch(/scene is valid/);
  });

  it('prints them beside the errors of an invalid scene', async () => {
    const { out, error } = await validate(baseScene({ objects: [{ kind: 'Sphere', center: [0, 0, 0], radus: 1 }] }));
    expect(error).toBeInstanceOf(CliError);
    expect(out).toBe(
      'objects[0].radius: missing required field (a number)\n' +
        'warning: objects[0].radus: unknown key "radus" is ignored (did you mean "radius"?)\n'
    );
    expect((await validate(baseScene({ objects: [{ kind: 'Sphere', center: [0, 0, 0], radus: 1 }] }), true)).out).not.toMatch(/warning/);
  });
});
