import { describe, expect, it } from 'vitest';
import { gltfUploadProblem } from './mesh-upload.ts';

const text = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('gltfUploadProblem', () => {
  it('accepts self-contained glTF, GLB and other formats', () => {
    expect(gltfUploadProblem(text({ asset: { version: '2.0' }, buffers: [{ uri: 'data:application/octet-stream;base64,AAAA', byteLength: 3 }] }), 'gltf')).toBeUndefined();
    const glb = new Uint8Array(12);
    new DataView(glb.buffer).setUint32(0, 0x46546c67, true);
    expect(gltfUploadProblem(glb, 'glb')).toBeUndefined();
    expect(gltfUploadProblem(new Uint8Array([1, 2, 3]), 'stl')).toBeUndefined();
  });

  it('rejects external resources, non-JSON .gltf and a .glb without its header', () => {
    expect(gltfUploadProblem(text({ buffers: [{ uri: 'model.bin', byteLength: 3 }] }), 'gltf')).toMatch(/buffers\[0\] refers to an external file/);
    expect(gltfUploadProblem(text({ images: [{ uri: '../../etc/passwd' }] }), 'gltf')).toMatch(/images\[0\] refers to an external file/);
    expect(gltfUploadProblem(new TextEncoder().encode('{nope'), 'gltf')).toMatch(/UTF-8 JSON/);
    expect(gltfUploadProblem(new Uint8Array(20), 'glb')).toMatch(/GLB header/);
  });
});
