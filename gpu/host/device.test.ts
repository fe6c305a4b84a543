import { describe, expect, it } from 'vitest';
import { describeAdapter } from './device.ts';

const info = (fields: Partial<GPUAdapterInfo>) => ({ vendor: '', architecture: '', device: '', description: '', ...fields }) as GPUAdapterInfo;

describe('describeAdapter', () => {
  it("names an adapter by the driver's description, adding what it lacks", () => {
    expect(describeAdapter(info({ vendor: 'mesa', description: 'llvmpipe: Mesa 25.0.7 (LLVM 15.0.6)' }))).toBe('llvmpipe: Mesa 25.0.7 (LLVM 15.0.6)');
    expect(describeAdapter(info({ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' }))).toBe('NVIDIA H200 (hopper)');
  });
  it('falls back to the architecture when a browser hides description and device', () => {
    expect(describeAdapter(info({ vendor: 'google', architecture: 'swiftshader' }))).toBe('swiftshader (google)');
    expect(describeAdapter(info({}))).toBe('unknown adapter');
  });
});
