// The bench's plumbing with a stand-in renderer (the scene compiler is the real one): warm-up untimed, rates
// computed from the result, integrators alternated with medians in the table, scene costs, JSON written.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GpuContext } from '../../gpu/host/device.ts';
import type { RenderOptions, RenderResult } from '../../gpu/host/render/types.ts';
import { parseCommandLine, type BenchArgs } from './args.ts';
import { benchCommand, benchScenePath, type BenchResult, type RenderCompiledFn } from './bench-command.ts';
import { GENERATED_BENCH_SCENES } from './bench-scenes.ts';
import { EXIT } from './errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'clovers-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in device: the bench plans the scene's table bindings against its limits (those of lavapipe). */
const fakeGpu = () =>
  ({
    adapterName: 'fake adapter',
    isFallbackAdapter: false,
    device: { limits: { maxStorageBufferBindingSize: 2 ** 27, maxStorageBuffersPerShaderStage: 16 } },
    destroy() {}
  }) as unknown as GpuContext;

class Sink {
  text = '';
  readonly isTTY = false;
  write(s: string): void {
    this.text += s;
  }
}

describe('benchCommand', () => {
  it('renders a first small image per scene (its compile time reported), then reports rates from the timed render and writes them as JSON', async () => {
    const calls: RenderOptions[] = [];
    const renderCompiled: RenderCompiledFn = async (_gpu, _scene, _compiled, options) => {
      calls.push(options);
      return {
        width: options.width,
        height: options.height,
        samples: options.samples,
        xyz: new Float32Array(options.width * options.height * 3),
        stats: { compileMs: options.samples === 1 ? 1500 : 0, elapsedMs: 10, dispatches: 2, raySegments: 5 * options.width * options.height * options.samples, droppedSamples: 0 },
        adapter: 'fake',
        cancelled: false
      } satisfies RenderResult;
    };
    const gpu = fakeGpu();
    const stdout = new Sink();
    const args = parseCommandLine(['bench', '--scenes', 'cornell,one_weekend', '-w', '64', '-h', '48', '-s', '4', '--out-dir', dir]) as BenchArgs;
    const code = await benchCommand(args, { stdout, stderr: new Sink(), signal: new AbortController().signal }, { acquireDevice: async () => gpu, renderCompiled });

    expect(code).toBe(EXIT.ok);
    expect(calls.map((o) => [o.width, o.height, o.samples, o.maxDepth, o.integrator])).toEqual([
      [32, 32, 1, 64, 'megakernel'],
      [64, 48, 4, 64, 'megakernel'],
      [32, 32, 1, 64, 'megakernel'],
      [64, 48, 4, 64, 'megakernel']
    ]);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^bench-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.json$/);
    const report = JSON.parse(readFileSync(join(dir, files[0]), 'utf8')) as { adapter: string; settings: RenderOptions; results: BenchResult[] };
    expect(report.adapter).toBe('fake adapter');
    expect(report.settings).toMatchObject({ width: 64, height: 48, samples: 4, maxDepth: 64 });
    expect(report.results.map((r) => r.scene)).toEqual(['cornell', 'one_weekend']);
    for (const r of report.results) {
      expect(r.pixelSamples).toBe(64 * 48 * 4);
      expect(r.pixelSamplesPerSecond).toBeCloseTo(r.pixelSamples / r.wallSeconds, 6);
      expect(r.raySegmentsPerSecond).toBeCloseTo((5 * r.pixelSamples) / r.wallSeconds, 6);
      expect(r.renderSeconds).toBe(0.01);
      expect(r.triangles).toBe(0);
      expect(r.gpuMiB).toBeGreaterThan(0);
      expect(r.bvhNodes).toBeGreaterThan(0);
      expect(r.tableBindings).toBe('1/1/1');
      expect(r.shaderCompileSeconds).toBe(1.5);
      expect(r.firstImageSeconds).toBeGreaterThanOrEqual(0);
      expect(r.coldCache).toBe(false);
    }
    expect(stdout.text.split('\n').slice(0, 2)).toEqual([
      'adapter: fake adapter',
      'scene        integrator     size  triangles  BVH ms  GPU MiB  bindings  compile s  first image s  wall s  CPU s  pixel-samples/s  pixel-samples/CPU-s  ray segments/s'
    ]);
    expect(stdout.text).toContain(`results written to ${join(dir, files[0])}`);
  });

  it('alternates integrators round by round and reports medians per scene and integrator', async () => {
    const order: string[] = [];
    let call = 0;
    const renderCompiled: RenderCompiledFn = async (_gpu, _scene, _compiled, options) => {
      order.push(`${options.integrator}:${options.width}`);
      // Timed renders take 1, 2, 3... ms of "render time"; medians pick the middle run.
      call++;
      return {
        width: options.width,
        height: options.height,
        samples: options.samples,
        xyz: new Float32Array(options.width * options.height * 3),
        stats: { compileMs: 0, elapsedMs: call, dispatches: 1, raySegments: 1, droppedSamples: 0 },
        adapter: 'fake',
        cancelled: false
      } satisfies RenderResult;
    };
    const gpu = fakeGpu();
    const stdout = new Sink();
    const out = join(dir, 'alternate');
    const args = parseCommandLine(['bench', '--scenes', 'cornell', '-w', '40', '-h', '40', '-s', '2', '--integrator', 'megakernel,wavefront', '--repeat', '3', '--out-dir', out]) as BenchArgs;
    expect(await benchCommand(args, { stdout, stderr: new Sink(), signal: new AbortController().signal }, { acquireDevice: async () => gpu, renderCompiled })).toBe(EXIT.ok);
    expect(order).toEqual(['megakernel:32', 'wavefront:32', ...Array.from({ length: 3 }, () => ['megakernel:40', 'wavefront:40']).flat()]);
    const rows = stdout.text.split('\n').filter((l) => l.startsWith('cornell'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^cornell\s+megakernel ×3\s+40x40x2\s/);
    expect(rows[1]).toMatch(/^cornell\s+wavefront ×3\s+40x40x2\s/);
  });

  it('prints nothing with -q: the results are only in the file', async () => {
    const renderCompiled: RenderCompiledFn = async (_gpu, _scene, _compiled, options) => ({
      width: options.width,
      height: options.height,
      samples: options.samples,
      xyz: new Float32Array(options.width * options.height * 3),
      stats: { compileMs: 0, elapsedMs: 1, dispatches: 1, raySegments: 1, droppedSamples: 0 },
      adapter: 'fake',
      cancelled: false
    });
    const [stdout, stderr] = [new Sink(), new Sink()];
    const out = join(dir, 'quiet');
    const args = parseCommandLine(['-q', 'bench', '--scenes', 'cornell', '-w', '8', '-h', '8', '-s', '1', '--out-dir', out]) as BenchArgs;
    expect(await benchCommand(args, { stdout, stderr, signal: new AbortController().signal }, { acquireDevice: async () => fakeGpu(), renderCompiled })).toBe(EXIT.ok);
    expect([stdout.text, stderr.text]).toEqual(['', '']);
    expect(readdirSync(out)).toHaveLength(1);
  });

  it('rejects an unknown integrator, naming the flag', () => {
    expect(() => parseCommandLine(['bench', '--integrator', 'megakernel,warp'])).toThrow(/--integrator: .*"warp"/);
  });

  it('generates the big scenes: a 1M-triangle sphere, 10k instances of an 80-triangle sphere, a smooth 2.5M-triangle sphere', () => {
    const sphere = GENERATED_BENCH_SCENES['icosphere-1m']();
    expect(sphere.assets.meshes?.get('icosphere')?.indices.length).toBe(3 * 1_003_520);
    const grid = GENERATED_BENCH_SCENES['instances-10k']();
    expect(grid.scene.objects.filter((o) => o.kind === 'STL')).toHaveLength(10_000);
    expect(grid.assets.meshes?.get('small-icosphere')?.indices.length).toBe(3 * 80);
    expect(grid.cap).toEqual({ width: 128, height: 128, samples: 8 });
    const smooth = GENERATED_BENCH_SCENES['smooth-sphere-2.5m']().assets.meshes?.get('sphere');
    expect(smooth?.indices.length).toBe(3 * 2_506_320);
    // Unit normals at every corner: its shading records (112 bytes each, 268 MiB) exceed a 128 MiB binding.
    const n = smooth?.corners?.normals;
    expect(n?.length).toBe(9 * 2_506_320);
    expect(Math.hypot(n![0], n![1], n![2])).toBeCloseTo(1, 6);
  });

  it('finds example scenes by name and takes .json paths as they are', () => {
    expect(benchScenePath('cornell')).toMatch(/src\/lib\/scene\/examples\/cornell\.json$/);
    expect(benchScenePath('my/scene.json')).toBe('my/scene.json');
  });
});
