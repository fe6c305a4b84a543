// Waiting for the GPU: the watchdog fires on work that never finishes, and a wait on real GPU work leaves the
// main thread (where dawn.node polls) mostly idle, so the CPU goes to the renderer.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScene } from '../scene/compile.ts';
import { renderTest, sceneOf } from '../testing/render-scene.ts';
import { testDevice } from '../testing/test-device.ts';
import { cameraFrame } from './camera.ts';
import { GpuStallError, waitForGpu, waitForQueue } from './gpu-wait.ts';
import { PathTracer } from './path-tracer.ts';

/** CPU seconds of this process's main thread (Linux: /proc/self/task/<pid>/stat, utime + stime in clock ticks). */
function mainThreadCpuSeconds(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

describe('waitForGpu', () => {
  it('resolves with the work, and fails with GpuStallError when the work makes no progress in time', async () => {
    await expect(waitForGpu(Promise.resolve(7), 'a test', 1000)).resolves.toBe(7);
    const never = new Promise<never>(() => {});
    const error = await waitForGpu(never, 'the shader compile', 50).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GpuStallError);
    expect((error as GpuStallError).message).toBe('the GPU made no progress on the shader compile within 50 ms (watchdog)');
    await expect(waitForGpu(Promise.reject(new Error('device lost')), 'a test', 1000)).rejects.toThrow('device lost');
  });

  it('a render whose shader compile outlasts its watchdog fails with GpuStallError instead of waiting', async () => {
    const error = await renderTest('furnace', { watchdog: { compileMs: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GpuStallError);
    expect((error as Error).message).toMatch(/shader compile within 1 ms/);
    // The device is still usable (the stalled work was only given up on).
    const after = await renderTest('furnace', { width: 8, height: 8, samples: 1 });
    expect(after.samples).toBe(1);
  });

  it.runIf(process.platform === 'linux')('leaves the main thread idle while the GPU renders', async () => {
    const device = await testDevice();
    const scene = sceneOf('cornell_classic');
    const tracer = await PathTracer.create(device, compileScene(scene), {
      width: 128,
      height: 128,
      maxDepth: 16,
      seed: 1,
      mode: 'path-tracing',
      camera: cameraFrame(scene.camera, 1),
      time0: 0,
      time1: 1
    });
    try {
      await tracer.compile(600_000);
      const cpu0 = mainThreadCpuSeconds();
      const t0 = performance.now();
      tracer.dispatch(0, 24);
      await waitForQueue(device, 'a test dispatch', 120_000);
      const wall = (performance.now() - t0) / 1000;
      const cpu = mainThreadCpuSeconds() - cpu0;
      console.log(`dispatch ${wall.toFixed(2)} s wall, main thread ${cpu.toFixed(2)} CPU-s`);
      expect(wall).toBeGreaterThan(0.2);
      // Awaiting onSubmittedWorkDone alone keeps the main thread at ~100% for the whole dispatch.
      expect(cpu).toBeLessThan(0.25 * wall);
    } finally {
      tracer.destroy();
    }
  });
});
