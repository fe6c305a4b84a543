import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, MAX_MATERIALS, MAX_NAME_LENGTH, MAX_OBJECT_DEPTH, MAX_OBJECTS } from '../limits.ts';
import { parseScene, parseSceneText } from './parse.ts';
import { baseScene, expectIssue, parseErrors, parseOk } from './test-helpers.ts';

const leaf = { kind: 'Sphere', center: [0, 0, 0], radius: 1 };

/** A Translate chain `levels` objects deep, built iteratively. */
function chain(levels: number, wrapper: 'Translate' | 'ObjectList' = 'Translate'): unknown {
  let object: unknown = leaf;
  for (let i = 1; i < levels; i++) {
    object = wrapper === 'Translate' ? { kind: 'Translate', offset: [0, 0, 0], object } : { kind: 'ObjectList', objects: [object] };
  }
  return object;
}

describe('nesting depth', () => {
  it(`accepts ${MAX_OBJECT_DEPTH} levels`, () => {
    parseOk(baseScene({ objects: [chain(MAX_OBJECT_DEPTH)] }));
    parseOk(baseScene({ objects: [chain(MAX_OBJECT_DEPTH, 'ObjectList')] }));
  });
  for (const levels of [MAX_OBJECT_DEPTH + 1, 1000, 100_000]) {
    it(`rejects ${levels} levels with a clear error`, () => {
      const errors = parseErrors(baseScene({ objects: [chain(levels)] }));
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toBe(`objects are nested more than ${MAX_OBJECT_DEPTH} levels deep`);
      expect(errors[0].path).toBe(`objects[0]${'.object'.repeat(MAX_OBJECT_DEPTH)}`);
    });
  }
  it('rejects 100000 levels of ObjectList, also as JSON text', () => {
    const text = '{"time_0":0,"time_1":1,"background_color":[0,0,0],"camera":{},"objects":['
      + '{"kind":"ObjectList","objects":['.repeat(100_000) + ']}'.repeat(100_000) + ']}';
    const result = parseSceneText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message).toMatch(/nested more than 64 levels/);
  });
  it('rejects deep JSON outside the object tree (e.g. in an unknown key)', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const errors = parseErrors(baseScene({ comment: deep }));
    expectIssue(errors, `comment${'[0]'.repeat(31)}…`, `JSON nested more than ${MAX_JSON_DEPTH} levels deep`);
  });
  it('rejects cyclic JS objects instead of looping', () => {
    const translate: Record<string, unknown> = { kind: 'Translate', offset: [0, 0, 0] };
    translate.object = translate;
    expect(parseScene(baseScene({ objects: [translate] })).ok).toBe(false);
    const loop: unknown[] = [];
    loop.push(loop);
    expect(parseScene(baseScene({ objects: [loop] })).ok).toBe(false);
    const scene = baseScene();
    scene.self = scene;
    expect(parseScene(scene).ok).toBe(false);
  });
});

describe('counts and sizes', () => {
  it(`rejects more than ${MAX_OBJECTS} objects, nested ones included`, () => {
    const list = { kind: 'ObjectList', objects: Array.from({ length: MAX_OBJECTS }, () => leaf) };
    const errors = parseErrors(baseScene({ objects: [list] }));
    expect(errors).toEqual([{ path: 'objects', message: `too many objects: more than ${MAX_OBJECTS} (counting nested ones)` }]);
  });
  it(`accepts ${MAX_OBJECTS} objects`, () => {
    const result = parseOk(baseScene({ objects: Array.from({ length: MAX_OBJECTS }, () => leaf) }));
    expect(result.scene.objects).toHaveLength(MAX_OBJECTS);
  });
  it(`rejects more than ${MAX_MATERIALS} materials`, () => {
    const materials = Array.from({ length: MAX_MATERIALS + 1 }, (_, i) => ({ name: `m${i}`, kind: 'Lambertian' }));
    expectIssue(parseErrors(baseScene({ materials })), 'materials', `expected at most ${MAX_MATERIALS} items, got ${MAX_MATERIALS + 1}`);
  });
  it('rejects over-long names and empty mesh paths', () => {
    expectIssue(parseErrors(baseScene({ materials: [{ name: 'x'.repeat(MAX_NAME_LENGTH + 1), kind: 'Lambertian' }] })), 'materials[0].name', /too long/);
    expectIssue(parseErrors(baseScene({ objects: [{ kind: 'GLTF', path: '' }] })), 'objects[0].path', 'must not be empty');
  });
});
