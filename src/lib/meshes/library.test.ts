import { describe, expect, it } from 'vitest';
import { libraryModel, libraryModelUrl, MODEL_LIBRARY } from './library.ts';

describe('model library', () => {
  it('maps the reference renderer paths and library names to the bundled files', () => {
    expect(libraryModel('stl/teapot.stl')?.file).toBe('teapot.stl');
    expect(libraryModel('teapot.stl')?.file).toBe('teapot.stl');
    expect(libraryModel('teapot')?.file).toBe('teapot.stl');
    expect(libraryModel('./stl/prism.stl')?.file).toBe('prism.stl');
    expect(libraryModel('prism')?.triangles).toBe(8);
    expect(libraryModel('gltf-sample.glb')?.name).toBe('gltf-sample');
  });

  it('knows nothing else (paths are never opened as files by the service)', () => {
    expect(libraryModel('ply/bunny.binary.ply')).toBeUndefined();
    expect(libraryModel('../../etc/passwd')).toBeUndefined();
    expect(libraryModel('/static/models/teapot.stl')).toBeUndefined();
  });

  it('serves each model from /models/', () => {
    expect(MODEL_LIBRARY.map(libraryModelUrl)).toEqual(['/models/teapot.stl', '/models/prism.stl', '/models/gltf-sample.glb']);
  });
});
