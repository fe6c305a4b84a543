// The scene forms' logic without a browser: every kind's default (from its descriptor) is a valid scene item,
// and setting every descriptor field through the forms' Binding keeps the scene valid, round-tripping through
// serializeScene/parseScene with unknown keys kept.
import { describe, expect, it } from 'vitest';
import { parseScene, serializeScene, MATERIAL_KINDS, OBJECT_KINDS, TEXTURE_KINDS } from '$lib/scene';
import { Editor } from '../editor.svelte.ts';
import type { JsonPath } from '../document.ts';
import {
  CAMERA_FIELDS,
  defaultFields,
  defaultItem,
  descriptorOf,
  ENVIRONMENT_DESCRIPTORS,
  MATERIAL_DESCRIPTORS,
  OBJECT_DESCRIPTORS,
  RENDER_OPTION_FIELDS,
  SCENE_FIELDS,
  TEXTURE_DESCRIPTORS,
  type FieldDescriptor
} from './descriptors.ts';
import { colorForms, makeColor } from './colors.ts';
import {
  countReferences,
  editList,
  formatCount,
  materialNames,
  newSharedMaterial,
  optionsBinding,
  pathAfterEdit,
  parseNumberText,
  renameMaterial,
  sceneBinding,
  switchKind,
  workEstimate
} from './edit.ts';

function emptyEditor(): Editor {
  const scene = {
    time_0: 0, time_1: 1, background_color: [0, 0, 0],
    camera: { look_from: [0, 1, -5], look_at: [0, 1, 0], up: [0, 1, 0], vertical_fov: 40, aperture: 0, focus_distance: 5 },
    objects: [], materials: []
  };
  return new Editor({ scene, options: {} }, 'test');
}

function expectValid(editor: Editor, context: string): void {
  const v = editor.validation;
  expect(v.ok ? [] : v.errors.map((e) => `${e.path}: ${e.message}`), context).toEqual([]);
  expect(editor.optionsValidation.ok, `${context}: options`).toBe(true);
}

function expectRoundTrip(editor: Editor): void {
  const parsed = parseScene(editor.scene);
  if (!parsed.ok) throw new Error('invalid scene');
  const again = parseScene(JSON.parse(serializeScene(parsed.scene)));
  expect(again.ok && again.scene).toEqual(parsed.scene);
}

/** Valid values a form can write into a field, one per widget variant (every colour form, every kind). */
function sampleValues(field: FieldDescriptor, depth = 0): unknown[] {
  const w = field.widget;
  switch (w.type) {
    case 'number': return [w.integer ? (w.min ?? 0) + 1 : Math.min(w.max ?? Infinity, Math.max(w.min ?? -Infinity, 0.75))];
    case 'triple': return [[1, 2, 3]];
    case 'color': return colorForms(w.space).map((f) => makeColor(f.id, [0.2, 0.4, 0.6]));
    case 'texture': return TEXTURE_KINDS.map((k) => defaultItem('texture', k));
    case 'material': return ['', 'shared', ...MATERIAL_KINDS.map((k) => defaultItem('material', k))];
    case 'object': return depth > 0 ? [defaultItem('object', 'Sphere')] : OBJECT_KINDS.map((k) => defaultItem('object', k));
    case 'objects': return [[defaultItem('object', 'Sphere'), defaultItem('object', 'Quad')]];
    case 'boolean': return [true, false];
    case 'text': return ['a comment'];
    case 'select': return [...w.options];
    case 'mesh': return ['prism', 'upload:0b6f2c1e-0000-4000-8000-000000000000'];
    case 'environment-map': return ['studio', 'dusk.hdr', 'upload:0b6f2c1e-0000-4000-8000-000000000000'];
    case 'sun': return [[0, 1, 0], [0.5792, 0.5736, -0.5792], [1, 0, 0]];
    case 'group': return [defaultFields(w.fields)];
  }
}

/** Writes every sample of every field (and a group's sub-fields) at `base`, checking validity each time. */
function exerciseFields(editor: Editor, base: JsonPath, fields: readonly FieldDescriptor[], write = sceneBinding(editor).write): void {
  for (const field of fields) {
    for (const value of sampleValues(field)) {
      write([...base, field.key], value);
      expectValid(editor, `${[...base, field.key].join('.')} = ${JSON.stringify(value)}`);
    }
    if (field.widget.type === 'group') exerciseFields(editor, [...base, field.key], field.widget.fields, write);
  }
}

describe('descriptors', () => {
  it('cover every kind of the scene format', () => {
    expect(Object.keys(OBJECT_DESCRIPTORS).sort()).toEqual([...OBJECT_KINDS].sort());
    expect(Object.keys(MATERIAL_DESCRIPTORS).sort()).toEqual([...MATERIAL_KINDS].sort());
    expect(Object.keys(TEXTURE_DESCRIPTORS).sort()).toEqual([...TEXTURE_KINDS].sort());
    for (const d of [...Object.values(OBJECT_DESCRIPTORS), ...Object.values(MATERIAL_DESCRIPTORS), ...Object.values(TEXTURE_DESCRIPTORS)]) {
      for (const f of d.fields) expect(f.tooltip.length, `${d.kind}.${f.key} tooltip`).toBeGreaterThan(10);
    }
  });

  for (const kind of OBJECT_KINDS) {
    it(`object ${kind}: the default parses, and every field can be set through the form binding`, () => {
      const editor = emptyEditor();
      editor.updateScene((s) => editList(s, ['materials'], { op: 'add', item: { ...defaultItem('material', 'Metal'), name: 'shared' } }), 'add');
      editor.updateScene((s) => editList(s, ['objects'], { op: 'add', item: { ...defaultItem('object', kind), x_unknown: { keep: [1] } } }), 'add');
      expectValid(editor, `default ${kind}`);
      exerciseFields(editor, ['objects', 0], OBJECT_DESCRIPTORS[kind].fields);
      expectRoundTrip(editor);
      const parsed = parseScene(editor.scene);
      expect(parsed.ok && parsed.scene.objects[0]).toMatchObject({ kind, x_unknown: { keep: [1] } });
    });
  }

  for (const kind of MATERIAL_KINDS) {
    it(`material ${kind}: shared and inline defaults parse, and every field can be set`, () => {
      const editor = emptyEditor();
      editor.updateScene((s) => editList(s, ['materials'], { op: 'add', item: { ...newSharedMaterial(s, kind), x_unknown: 1 } }), 'add');
      editor.updateScene((s) => editList(s, ['objects'], { op: 'add', item: { ...defaultItem('object', 'Sphere'), material: defaultItem('material', kind) } }), 'add');
      expectValid(editor, `default ${kind}`);
      exerciseFields(editor, ['materials', 0], MATERIAL_DESCRIPTORS[kind].fields);
      exerciseFields(editor, ['objects', 0, 'material'], MATERIAL_DESCRIPTORS[kind].fields);
      expectRoundTrip(editor);
      expect(editor.get(['materials', 0, 'x_unknown'])).toBe(1);
    });
  }

  for (const kind of TEXTURE_KINDS) {
    it(`texture ${kind}: the default parses, and every field (every colour form) can be set`, () => {
      const editor = emptyEditor();
      const material = { ...defaultItem('material', 'Lambertian'), albedo: { ...defaultItem('texture', kind), x_unknown: 'kept' } };
      editor.updateScene((s) => editList(s, ['objects'], { op: 'add', item: { ...defaultItem('object', 'Sphere'), material } }), 'add');
      expectValid(editor, `default ${kind}`);
      exerciseFields(editor, ['objects', 0, 'material', 'albedo'], TEXTURE_DESCRIPTORS[kind].fields);
      expectRoundTrip(editor);
      expect(editor.get(['objects', 0, 'material', 'albedo', 'x_unknown'])).toBe('kept');
    });
  }

  it('camera, scene options and render options can be set through their bindings', () => {
    const editor = emptyEditor();
    editor.updateScene((s) => editList(s, ['objects'], { op: 'add', item: defaultItem('object', 'Sphere') }), 'add');
    exerciseFields(editor, ['camera'], CAMERA_FIELDS);
    exerciseFields(editor, [], SCENE_FIELDS);
    exerciseFields(editor, [], RENDER_OPTION_FIELDS, optionsBinding(editor).write);
    expectRoundTrip(editor);
  });

  for (const kind of Object.keys(ENVIRONMENT_DESCRIPTORS)) {
    it(`environment ${kind}: the default parses, every field can be set, and it can be removed again`, () => {
      const editor = emptyEditor();
      editor.set(['environment'], { ...defaultItem('environment', kind), x_unknown: [2] });
      expectValid(editor, `default ${kind}`);
      exerciseFields(editor, ['environment'], ENVIRONMENT_DESCRIPTORS[kind as keyof typeof ENVIRONMENT_DESCRIPTORS].fields);
      expectRoundTrip(editor);
      expect(editor.get(['environment', 'x_unknown'])).toEqual([2]);
      editor.set(['environment'], undefined);
      expectValid(editor, `no environment after ${kind}`);
      expect(editor.scene).not.toHaveProperty('environment');
    });
  }

  it('switching the environment kind keeps its intensity', () => {
    const hdri = { ...defaultItem('environment', 'Hdri'), intensity: 2.5 };
    expect(hdri).toEqual({ kind: 'Hdri', path: 'studio', intensity: 2.5, rotation: 0 });
    const sky = switchKind('environment', hdri, 'Sky');
    expect(sky).toMatchObject({ kind: 'Sky', intensity: 2.5, turbidity: 3, ground_albedo: 0.3 });
    expect(sky).not.toHaveProperty('path');
    expect(parseScene({ ...emptyEditor().scene, environment: sky }).ok).toBe(true);
  });

  it('unknown kinds have no descriptor', () => {
    expect(descriptorOf('object', 'Torus')).toBeUndefined();
    expect(descriptorOf('object', 'toString')).toBeUndefined();
    expect(() => defaultItem('material', 'Plastic')).toThrow(/unknown material kind "Plastic"/);
  });
});

describe('form edits', () => {
  it('parses number text without ever yielding NaN', () => {
    expect(parseNumberText('1.5')).toEqual({ ok: true, value: 1.5 });
    expect(parseNumberText(' -2e3 ')).toEqual({ ok: true, value: -2000 });
    expect(parseNumberText('.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseNumberText('')).toEqual({ ok: 'empty' });
    for (const bad of ['abc', '1..2', '0x10', 'NaN', 'Infinity', '1e999', '-']) expect(parseNumberText(bad).ok, bad).toBe(false);
    expect(parseNumberText('2.5', true)).toMatchObject({ ok: false, message: /whole number/ });
  });

  it('switching kind keeps the fields both kinds show', () => {
    const sphere = { kind: 'Sphere', center: [1, 2, 3], radius: 2, material: 'glass', comment: 'ball', priority: true };
    const moving = switchKind('object', sphere, 'MovingSphere');
    expect(moving).toMatchObject({ kind: 'MovingSphere', radius: 2, material: 'glass', comment: 'ball', priority: true });
    expect(parseScene({ ...emptyEditor().scene, objects: [moving] }).ok).toBe(true);
    const box = switchKind('object', sphere, 'Boxy');
    expect(box).not.toHaveProperty('radius');
    expect(box).not.toHaveProperty('center');
  });

  it('renaming a shared material renames the references, nested ones included', () => {
    const editor = new Editor();
    const names = materialNames(editor.scene);
    const index = names.indexOf('white');
    expect(index).toBeGreaterThanOrEqual(0);
    const before = countReferences(editor.scene, 'white');
    expect(before).toBeGreaterThan(1);
    editor.updateScene((s) => renameMaterial(s, index, 'chalk'), 'rename');
    expect(countReferences(editor.scene, 'white')).toBe(0);
    expect(countReferences(editor.scene, 'chalk')).toBe(before);
    expect(editor.validation.ok && editor.validation.warnings).toEqual([]);
  });

  it('adds, duplicates, moves and deletes list items', () => {
    const doc = { objects: [{ kind: 'A' }, { kind: 'B' }] };
    expect(editList(doc, ['objects'], { op: 'duplicate', index: 0 }).objects.map((o) => o.kind)).toEqual(['A', 'A', 'B']);
    expect(editList(doc, ['objects'], { op: 'move', from: 0, to: 1 }).objects.map((o) => o.kind)).toEqual(['B', 'A']);
    expect(editList(doc, ['objects'], { op: 'delete', index: 1 }).objects.map((o) => o.kind)).toEqual(['A']);
    expect(editList(doc, ['objects'], { op: 'add', item: { kind: 'C' } }).objects.map((o) => o.kind)).toEqual(['A', 'B', 'C']);
    expect(doc.objects.length).toBe(2);
  });

  it('moves expanded item paths with their items', () => {
    const list = 'objects[2].objects';
    expect(pathAfterEdit('objects[2].objects[3].object', list, { op: 'delete', index: 1 })).toBe('objects[2].objects[2].object');
    expect(pathAfterEdit('objects[2].objects[1]', list, { op: 'delete', index: 1 })).toBeUndefined();
    expect(pathAfterEdit('objects[2].objects[0]', list, { op: 'delete', index: 1 })).toBe('objects[2].objects[0]');
    expect(pathAfterEdit('objects[2].objects[2]', list, { op: 'duplicate', index: 1 })).toBe('objects[2].objects[3]');
    expect(pathAfterEdit('objects[2].objects[1]', list, { op: 'move', from: 1, to: 0 })).toBe('objects[2].objects[0]');
    expect(pathAfterEdit('objects[2].objects[0]', list, { op: 'move', from: 1, to: 0 })).toBe('objects[2].objects[1]');
    expect(pathAfterEdit('objects[1]', list, { op: 'delete', index: 1 })).toBe('objects[1]');
    expect(pathAfterEdit('objects[2].objects_x[1]', list, { op: 'delete', index: 1 })).toBe('objects[2].objects_x[1]');
  });

  it('estimates the work of a render', () => {
    const defaults = { width: 512, height: 512, samples: 64, max_depth: 64, mode: 'path-tracing' };
    expect(workEstimate({ width: 100, height: 10, samples: 2, max_depth: 5 }, defaults)).toEqual({ pixelSamples: 2000, rays: 20_000 });
    expect(workEstimate({ width: 100, height: 10, samples: 2, mode: 'normal-map' }, defaults)).toEqual({ pixelSamples: 2000, rays: 2000 });
    expect(workEstimate({ width: 'wide' }, defaults)).toBeUndefined();
    expect(formatCount(1_234_567)).toBe('1.23 M');
    expect(formatCount(999)).toBe('999');
  });
});
