// The bench's plumbing with a stand-in renderer: warm-up untimed, rates computed from the result, JSON written.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GpuContext } from '../../gpu/host/device.ts';
import type { RenderOptions, RenderResult } from '../../gpu/host/render/types.ts';
import { parseCommandLine, type BenchArgs } from './args.ts';
import { benchCommand, benchScenePath, type BenchResult } from './bench-command.ts';
import { EXIT } from './errors.ts';
import type { RenderSceneFn } from './render-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'clovers-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

class Sink {
  text = '';
  readonly isTTY = false;
  write(s: string): void {
    this.text += s;
  }
}

describe('benchCommand', () => {
  it('warms up each scene untimed, then reports rates from the timed render and writes them as JSON', async () => {
    const calls: RenderOptions[] = [];
    const renderScene: RenderSceneFn = async (_gpu, _scene, options) => {
      calls.push(options);
      return {
        width: options.width,
        height: options.height,
        samples: options.samples,
        xyz: new Float32Array(options.width * options.height * 3),
        stats: { elapsedMs: 10, dispatches: 2, raySegments: 5 * options.width * options.height * options.samples, droppedSamples: 0 },
        adapter: 'fake',
        cancelled: false
      } satisfies RenderResult;
    };
    const gpu = { adapterName: 'fake adapter', isFallbackAdapter: false, destroy() {} } as GpuContext;
    const stdout = new Sink();
    const args = parseCommandLine(['bench', '--scenes', 'cornell,one_weekend', '-w', '64', '-h', '48', '-s', '4', '--out-dir', dir]) as BenchArgs;
    const code = await benchCommand(args, { stdout, stderr: new Sink(), signal: new AbortController().signal }, { acquireDevice: async () => gpu, renderScene });

    expect(code).toBe(EXIT.ok);
    expect(calls.map((o) => [o.width, o.height, o.samples, o.maxDepth])).toEqual([
      [32, 32, 1, 64],
      [64, 48, 4, 64],
      [32, 32, 1, 64],
      [64, 48, 4, 64]
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
    }
    expect(stdout.text.split('\n').slice(0, 2)).toEqual([
      'adapter: fake adapter',
      'scene        wall s  CPU s  pixel-samples/s  pixel-samples/CPU-s  ray segments/s'
    ]);
    expect(stdout.text).toContain(`results written to ${join(dir, files[0])}`);
  });

  it('finds example scenes by name and takes .json paths as they are', () => {
    expect(benchScenePath('cornell')).toMatch(/src\/lib\/scene\/examples\/cornell\.json$/);
    expect(benchScenePath('my/scene.json')).toBe('my/scene.json');
  });
});
