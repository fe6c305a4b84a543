import { describe, expect, it } from 'vitest';
import { CameraError } from '../../../../gpu/host/render/camera.ts';
import { SceneTooLargeError } from '../../../../gpu/host/render/scene-tables.ts';
import { SceneCompileError } from '../../../../gpu/host/scene/compile.ts';
import { ShaderCompileError } from '../../../../gpu/host/shader/compile.ts';
import { describeFailure } from './gpu-preview.ts';
import { PreviewMeshError } from './meshes.ts';

describe('describeFailure', () => {
  it('names the kind of each failure the preview shows, keeping its message', () => {
    const shader = new ShaderCompileError('integrator/path', [{ type: 'error', module: 'integrator/path', line: 3, column: 1, message: 'unresolved value', source: 'x' }]);
    expect(describeFailure(shader)).toEqual({ kind: 'shader', message: shader.message });
    expect(describeFailure(new SceneTooLargeError('the film: 300 MiB')).kind).toBe('scene-too-large');
    expect(describeFailure(new PreviewMeshError('objects[1].path', 'answered 404'))).toEqual({ kind: 'mesh', message: 'objects[1].path: answered 404' });
    expect(describeFailure(new SceneCompileError([{ path: 'objects[0].material', message: 'unknown material' }])).kind).toBe('scene');
    expect(describeFailure(new CameraError('camera.up', 'must not be zero')).kind).toBe('scene');
    expect(describeFailure(new Error('GPU out of memory'))).toEqual({ kind: 'gpu', message: 'GPU out of memory' });
    expect(describeFailure('lost')).toEqual({ kind: 'gpu', message: 'lost' });
  });
});
