import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '$lib/scene/examples';
import { defaultSnapshot, RENDER_OPTIONS_KEY } from '../editor.svelte.ts';
import { nameOfFile, readSceneFile, sceneFileName, sceneFileText, snapshotOfFile } from './scene-file.ts';

const current = { width: 48, height: 48, samples: 4 };

describe('scene files', () => {
  it('export then import gives the same file, unknown keys and render options included', () => {
    const base = defaultSnapshot();
    const snapshot = {
      scene: { ...base.scene, x_author: { note: 'mine' }, objects: [...(base.scene.objects as unknown[])] },
      options: { ...base.options, width: 64, seed: 7 }
    };
    const text = sceneFileText(snapshot);
    expect(text).toContain('\n  "x_author": {');
    expect(JSON.parse(text)[RENDER_OPTIONS_KEY]).toEqual(snapshot.options);
    const read = readSceneFile(text, current);
    expect(read).toEqual({ ok: true, snapshot });
    if (read.ok) expect(sceneFileText(read.snapshot)).toBe(text);
  });

  it('exports the exposure with the render options (1 by default) and refuses a non-positive one', () => {
    expect(JSON.parse(sceneFileText(defaultSnapshot()))[RENDER_OPTIONS_KEY].exposure).toBe(1);
    const brighter = { ...defaultSnapshot(), options: { ...defaultSnapshot().options, exposure: 2.5 } };
    const text = sceneFileText(brighter);
    expect(JSON.parse(text)[RENDER_OPTIONS_KEY].exposure).toBe(2.5);
    expect(readSceneFile(text, current)).toEqual({ ok: true, snapshot: brighter });
    const dark = readSceneFile(sceneFileText({ ...brighter, options: { ...brighter.options, exposure: 0 } }), current);
    expect(dark.ok === false && dark.issues.map((i) => i.path)).toEqual(['render_options.exposure']);
  });

  it('keeps the current render options when the file carries none', () => {
    const read = readSceneFile(JSON.stringify(EXAMPLES.cornell), current);
    expect(read.ok && read.snapshot.options).toEqual(current);
    expect(snapshotOfFile({ ...(EXAMPLES.smoke as object) }, current).options).toBe(current);
  });

  it('refuses invalid JSON with its position, and schema errors with their paths', () => {
    const syntax = readSceneFile('{"time_0": 0,,}', current);
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) expect(syntax.message).toMatch(/invalid JSON at line 1, column \d+/);
    const bad = { ...(EXAMPLES.cornell as Record<string, unknown>), camera: { vertical_fov: 'wide' } };
    const schema = readSceneFile(JSON.stringify(bad), current, 'bad.json');
    expect(schema.ok).toBe(false);
    if (!schema.ok) expect(schema.message).toMatch(/^bad\.json is not a valid scene: camera/);
    const notObject = readSceneFile('[1, 2]', current);
    expect(notObject.ok).toBe(false);
  });

  it('refuses invalid render options naming the field', () => {
    const file = { ...(EXAMPLES.cornell as Record<string, unknown>), [RENDER_OPTIONS_KEY]: { width: 0 } };
    const read = readSceneFile(JSON.stringify(file), current);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.issues.map((i) => i.path)).toEqual(['render_options.width']);
      expect(read.message).toMatch(/invalid render options: render_options\.width/);
    }
  });

  it('names files after the scene', () => {
    expect(sceneFileName('cornell')).toBe('cornell.json');
    expect(sceneFileName(' a/b:c.json ')).toBe('a_b_c.json');
    expect(sceneFileName('  ')).toBe('scene.json');
    expect(nameOfFile('teapot.JSON')).toBe('teapot');
  });
});
