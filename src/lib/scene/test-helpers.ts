// Builders shared by the scene tests.
import { expect } from 'vitest';
import { parseScene, type ParseResult } from './parse.ts';
import type { SceneFile } from './schema.ts';
import type { SceneIssue } from './issues.ts';

export function baseScene(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    time_0: 0,
    time_1: 1,
    background_color: [0, 0, 0],
    camera: { look_from: [0, 0, -5], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 40, aperture: 0, focus_distance: 5 },
    objects: [],
    ...extra
  };
}

export function parseOk(input: unknown): Extract<ParseResult, { ok: true }> {
  const result = parseScene(input);
  if (!result.ok) throw new Error(`expected success, got:\n${result.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`);
  return result;
}

export function parseErrors(input: unknown): SceneIssue[] {
  const result = parseScene(input);
  if (result.ok) throw new Error('expected errors, got success');
  return result.errors;
}

/** Parses a scene holding one object and returns it. */
export function parseObject(object: Record<string, unknown>, extra: Record<string, unknown> = {}): SceneFile['objects'][number] {
  return parseOk(baseScene({ objects: [object], ...extra })).scene.objects[0];
}

/** Parses a scene whose only object uses `material` inline and returns the parsed material. */
export function parseMaterial(material: Record<string, unknown>): unknown {
  const object = parseObject({ kind: 'Sphere', center: [0, 0, 0], radius: 1, material });
  return 'material' in object ? object.material : undefined;
}

/** Parses a Lambertian albedo texture. */
export function parseTexture(texture: Record<string, unknown>): unknown {
  const material = parseMaterial({ kind: 'Lambertian', albedo: texture }) as { albedo: unknown };
  return material.albedo;
}

export function expectIssue(issues: SceneIssue[], path: string, message: string | RegExp): void {
  const match = issues.find((i) => i.path === path && (typeof message === 'string' ? i.message === message : message.test(i.message)));
  expect(match, `no issue at ${path} matching ${String(message)}; got:\n${issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`).toBeDefined();
}
