import { describe, expect, it } from 'vitest';
import { formatIssue } from './issues.ts';
import { parseScene, parseSceneText } from './parse.ts';
import { baseScene, expectIssue, parseErrors } from './test-helpers.ts';

const sphere = (extra: Record<string, unknown> = {}) => ({ kind: 'Sphere', center: [0, 0, 0], radius: 1, ...extra });
const withObjects = (...objects: unknown[]) => baseScene({ objects });
const withAlbedoColor = (color: unknown) => withObjects(sphere({ material: { kind: 'Lambertian', albedo: { kind: 'SolidColor', color } } }));
const albedoColorPath = 'objects[0].material.albedo.color';

describe('scene errors', () => {
  it('wrong type names the path and what was found', () => {
    expectIssue(parseErrors(withObjects(sphere({ radius: null }))), 'objects[0].radius', 'expected a number, got null');
    expectIssue(parseErrors(withObjects(sphere({ radius: '1' }))), 'objects[0].radius', 'expected a number, got a string ("1")');
    expectIssue(parseErrors(withObjects(sphere({ priority: 'yes' }))), 'objects[0].priority', /expected true or false/);
  });
  it('missing required fields', () => {
    const errors = parseErrors(withObjects({ kind: 'Sphere' }));
    expectIssue(errors, 'objects[0].center', /missing required field/);
    expectIssue(errors, 'objects[0].radius', 'missing required field (a number)');
    expectIssue(parseErrors({ ...baseScene(), camera: undefined }), 'camera', /missing required field/);
    expectIssue(parseErrors(withObjects({ kind: 'Quad', material: { kind: 'DiffuseLight' }, q: [0, 0, 0], u: [1, 0, 0], v: [0, 1, 0] })), 'objects[0].material.emit', /missing required field/);
  });
  it('NaN and Infinity are rejected (JS callers can pass them)', () => {
    expectIssue(parseErrors(withObjects(sphere({ radius: NaN }))), 'objects[0].radius', 'expected a number, got NaN');
    expectIssue(parseErrors(withObjects(sphere({ center: [0, Infinity, 0] }))), 'objects[0].center[1]', 'expected a number, got Infinity');
    expectIssue(parseErrors({ ...baseScene(), time_1: -Infinity }), 'time_1', 'expected a number, got -Infinity');
  });
  it('vectors need exactly 3 numbers', () => {
    expectIssue(parseErrors(withObjects(sphere({ center: [0, 0] }))), 'objects[0].center', 'expected exactly 3 numbers, got 2');
    expectIssue(parseErrors(withObjects(sphere({ center: [0, 0, 0, 0] }))), 'objects[0].center', 'expected exactly 3 numbers, got 4');
    expectIssue(parseErrors(withObjects(sphere({ center: { x: 0 } }))), 'objects[0].center', /expected an array of 3 numbers, got an object/);
  });
  it('unknown and missing kinds', () => {
    expectIssue(parseErrors(withObjects({ kind: 'Cylinder' })), 'objects[0].kind', /^unknown object kind "Cylinder": expected one of Sphere, /);
    expectIssue(parseErrors(withObjects({ center: [0, 0, 0] })), 'objects[0].kind', /^missing "kind"/);
    expectIssue(parseErrors(withObjects(sphere({ material: { kind: 'Plastic' } }))), 'objects[0].material.kind', /^unknown material kind "Plastic"/);
    expectIssue(parseErrors(withObjects(sphere({ material: { kind: 'Lambertian', albedo: { kind: 'Marble' } } }))), 'objects[0].material.albedo.kind', /^unknown texture kind "Marble"/);
    expectIssue(parseErrors(baseScene({ materials: [{ name: 'x', kind: 'Glass' }] })), 'materials[0].kind', /^unknown material kind "Glass"/);
  });
  it('invalid hex is an error on the hex field', () => {
    const errors = parseErrors(withAlbedoColor({ hex: '#12345g' }));
    expect(errors).toHaveLength(1);
    expectIssue(errors, `${albedoColorPath}.hex`, /^invalid hex colour "#12345g"/);
  });
  it('bad colours are narrowed to the form that was meant', () => {
    expectIssue(parseErrors(withAlbedoColor({ srgb: [1, 2] })), `${albedoColorPath}.srgb`, 'expected exactly 3 numbers, got 2');
    expectIssue(parseErrors(withAlbedoColor([1, 'x', 0])), `${albedoColorPath}[1]`, /expected a number/);
    expectIssue(parseErrors(withAlbedoColor({ red: 1, green: 1 })), `${albedoColorPath}.blue`, /missing required field/);
    expectIssue(parseErrors(withAlbedoColor({ oklch: { l: 1, chroma: 0 } })), `${albedoColorPath}.oklch.hue`, /missing required field/);
    expectIssue(parseErrors(withAlbedoColor('#ffffff')), albedoColorPath, /^expected a colour: .*, got a string \("#ffffff"\)$/);
    expectIssue(parseErrors(withAlbedoColor({ hex: '#fff', comment: 'x' })), albedoColorPath, /unknown key "comment"/);
    expectIssue(parseErrors(withObjects(sphere({ material: 42 }))), 'objects[0].material', 'expected a material name or a material object, got 42');
  });
  it('non-object top level', () => {
    for (const input of [null, [], 'scene', 42, undefined]) {
      const errors = parseErrors(input);
      expect(errors).toHaveLength(1);
      expect(errors[0].path).toBe('');
      expect(errors[0].message).toMatch(/^a scene must be a JSON object/);
    }
  });
  it('reports every problem, not just the first', () => {
    const errors = parseErrors({
      ...withObjects(sphere({ radius: null }), { kind: 'Nope' }, sphere({ material: { kind: 'Metal', fuzz: 'x' } })),
      background_color: 'black'
    });
    expectIssue(errors, 'objects[0].radius', /expected a number/);
    expectIssue(errors, 'objects[1].kind', /unknown object kind/);
    expectIssue(errors, 'objects[2].material.fuzz', /expected a number/);
    expectIssue(errors, 'background_color', /expected \[red, green, blue\]/);
    expect(errors).toHaveLength(4);
  });
  it('formatIssue gives a one-line message', () => {
    expect(formatIssue({ path: 'objects[0].radius', message: 'expected a number, got null' })).toBe('objects[0].radius: expected a number, got null');
    expect(formatIssue({ path: '', message: 'x', line: 2, column: 3 })).toBe('(root): x');
  });
});

describe('JSON text', () => {
  it('malformed JSON reports line and column', () => {
    const result = parseSceneText('{\n  "time_0": 0,\n  "time_1": 1,\n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ path: '', line: 4, column: 1 });
    expect(result.errors[0].message).toMatch(/^invalid JSON at line 4, column 1: expected a property name/);
  });
  it('valid text goes through the schema', () => {
    const result = parseSceneText(JSON.stringify(baseScene()));
    expect(result.ok).toBe(true);
    const bad = parseSceneText('[1, 2]');
    expect(bad.ok).toBe(false);
  });
  it('rejects text over the size limit before parsing it', () => {
    const result = parseSceneText(`{"pad": "${'x'.repeat(16 * 1024 * 1024)}"}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message).toMatch(/too large/);
  });
  it('also works through parseScene with a JS object (no text)', () => {
    expect(parseScene(baseScene()).ok).toBe(true);
  });
});
