// One GPU device per vitest worker process (Dawn on lavapipe here), created lazily and destroyed at exit.
import { afterAll } from 'vitest';
import { acquireDevice, type GpuContext } from '../device.ts';

let context: Promise<GpuContext> | undefined;

export function testGpu(): Promise<GpuContext> {
  if (!context) {
    context = acquireDevice();
    afterAll(async () => (await context)?.destroy());
  }
  return context;
}

export async function testDevice(): Promise<GPUDevice> {
  return (await testGpu()).device;
}
