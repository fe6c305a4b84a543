// The render command's plumbing with a stand-in renderer (no GPU): options passed through, files and metadata
// written, cancellation and failures mapped to exit codes. The real renderer is exercised in cli.test.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { GpuContext } from '../../gpu/host/device.ts';
import type { RenderOptions, RenderProgress, RenderResult } from '../../gpu/host/render/types.ts';
import { parseCommandLine, type RenderArgs } from './args.ts';
import { CliError, EXIT } from './errors.ts';
import { outputPaths, renderCommand, type RenderSceneFn } from './render-command.ts';
import { exrHeader, identifyFormat, readExrChannels, readRgb } from '../image/test-readers.ts';

const dir = mkdtempSync(join(tmpdir(), 'clovers-render-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenePath = join(dir, 'grey.json');
writeFileSync(
  scenePath,
  JSON.stringify({
    time_0: 0,
    time_1: 1,
    background_color: [1, 1, 1],
    camera: { look_from: [0, 0, -5], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 30, aperture: 0, focus_distance: 5 },
    objects: [{ kind: 'Sphere', center: [0, 0, 0], radius: 1, material: 'white' }],
    materials: [{ name: 'white', kind: 'Lambertian', albedo: { kind: 'SolidColor', color: [1, 1, 1] } }]
  })
);

/** The film of a flat radiance of 1: XYZ_E ≈ 0.267 everywhere, which is 8-bit sRGB 141 (decision 8). */
const FLAT_XYZ = [0.2669, 0.2673, 0.2671];

function fakeGpu(): GpuContext & { destroyed: number } {
  return {
    device: {} as GPUDevice,
    adapterInfo: {} as GPUAdapterInfo,
    adapterName: 'fake adapter',
    isFallbackAdapter: false,
    destroyed: 0,
    destroy() {
      this.destroyed++;
    }
  };
}

interface FakeRenderer {
  calls: RenderOptions[];
  progress: RenderProgress[];
  renderScene: RenderSceneFn;
}

/** Renders `samples` one by one; `abortAfter` aborts the controller after that many samples (a Ctrl+C). */
function fakeRenderer(abortAfter?: { controller: AbortController; samples: number }): FakeRenderer {
  const calls: RenderOptions[] = [];
  const progress: RenderProgress[] = [];
  const renderScene: RenderSceneFn = async (_gpu, _scene, options, control) => {
    calls.push(options);
    let done = 0;
    while (done < options.samples && !control?.signal?.aborted) {
      if (abortAfter && done === abortAfter.samples) abortAfter.controller.abort();
      if (control?.signal?.aborted) break;
      done++;
      const p = { samplesDone: done, samplesTotal: options.samples, elapsedMs: done, pixelSamplesPerSecond: 1e6, etaMs: 1 };
      progress.push(p);
      control?.onProgress?.(p);
    }
    const pixels = options.width * options.height;
    const cancelled = done < options.samples;
    // A renderer's AOVs: a flat white plane at distance 3 facing the camera (none when cancelled).
    const aov = options.aov?.length && !cancelled
      ? {
          width: options.width,
          height: options.height,
          samples: Math.min(options.samples, 16),
          ...(options.aov.includes('albedo') ? { albedo: new Float32Array(pixels * 3).fill(1) } : {}),
          ...(options.aov.includes('normal') ? { normal: Float32Array.from({ length: pixels * 3 }, (_, i) => (i % 3 === 2 ? -1 : 0)) } : {}),
          ...(options.aov.includes('depth') ? { depth: new Float32Array(pixels).fill(3) } : {})
        }
      : undefined;
    return {
      width: options.width,
      height: options.height,
      samples: done,
      xyz: Float32Array.from({ length: pixels * 3 }, (_, i) => FLAT_XYZ[i % 3]),
      stats: { compileMs: 0, elapsedMs: 1234, dispatches: done, raySegments: pixels * done * 3, droppedSamples: 0 },
      adapter: 'fake adapter',
      cancelled,
      ...(aov ? { aov } : {})
    } satisfies RenderResult;
  };
  return { calls, progress, renderScene };
}

class Sink {
  text = '';
  readonly isTTY = false;
  write(s: string): void {
    this.text += s;
  }
}

function io(signal = new AbortController().signal): { stdout: Sink; stderr: Sink; signal: AbortSignal } {
  return { stdout: new Sink(), stderr: new Sink(), signal };
}

function renderArgs(...flags: string[]): RenderArgs {
  return parseCommandLine(['render', scenePath, ...flags]) as RenderArgs;
}

describe('renderCommand', () => {
  it('passes the options to the renderer and writes PNG and EXR with metadata', async () => {
    const renderer = fakeRenderer();
    const gpu = fakeGpu();
    const out = io();
    const base = join(dir, 'nested', 'out');
    const args = renderArgs('-o', `${base}.png`, '-w', '8', '-h', '4', '-s', '3', '-d', '5', '--seed', '7', '-f', 'png,exr');
    const code = await renderCommand(args, out, { acquireDevice: async () => gpu, renderScene: renderer.renderScene });

    expect(code).toBe(EXIT.ok);
    expect(renderer.calls).toEqual([
      { width: 8, height: 4, samples: 3, maxDepth: 5, seed: 7, mode: 'path-tracing', sampler: 'random', integrator: 'megakernel', exposure: 1 }
    ]);
    expect(gpu.destroyed).toBe(1);
    expect(out.stdout.text).toBe(`Image saved to: ${base}.png\nImage saved to: ${base}.exr\n`);
    expect(out.stderr.text).toContain(
      `clovers: ${scenePath}: width 8 (flag), height 4 (flag), samples 3 (flag), max depth 5 (flag), seed 7 (flag), ` +
        'mode path-tracing (default), sampler random (default), integrator megakernel (default), exposure 1 (default)\n'
    );
    expect(out.stderr.text).toContain('clovers: rendered 3 spp in 1.2 s');

    const png = PNG.sync.read(readFileSync(`${base}.png`));
    expect([png.width, png.height]).toEqual([8, 4]);
    expect([...png.data.subarray(0, 4)]).toEqual([141, 141, 141, 255]);
    expect(identifyFormat(`${base}.png`, '%[Software]|%[Samples]|%[Max depth]|%[Seed]|%[Resolution]|%[Adapter]|%[Render time]')).toBe(
      'clovers|3|5|7|8x4|fake adapter|1.234 s'
    );
    const exr = readRgb(`${base}.exr`);
    expect(exr.length).toBe(8 * 4 * 3);
    expect(exr[0]).toBeCloseTo(FLAT_XYZ[0], 3);
    expect(exr[1]).toBeCloseTo(FLAT_XYZ[1], 3);
  });

  it('asks the renderer for the --aov layers and writes them into the EXR only', async () => {
    const renderer = fakeRenderer();
    const out = io();
    const base = join(dir, 'aov');
    const args = renderArgs('-o', base, '-w', '4', '-h', '2', '-s', '3', '-f', 'png,exr', '--aov', 'normal,depth');
    expect(await renderCommand(args, out, { acquireDevice: async () => fakeGpu(), renderScene: renderer.renderScene })).toBe(EXIT.ok);
    expect(renderer.calls[0].aov).toEqual(['normal', 'depth']);
    expect(out.stderr.text).toContain('clovers: AOVs normal, depth (3 spp) go into the EXR only\n');
    expect(exrHeader(`${base}.exr`)).toContain('normal: world-space shading normal');
    const channels = readExrChannels(`${base}.exr`);
    expect([...channels.keys()]).toEqual(['X', 'Y', 'Z', 'depth.Z', 'normal.X', 'normal.Y', 'normal.Z']);
    expect(channels.get('depth.Z')).toEqual(new Float32Array(8).fill(3));
    expect(channels.get('normal.Z')).toEqual(new Float32Array(8).fill(-1));
    // Without --aov the renderer is not asked for any.
    const plain = fakeRenderer();
    await renderCommand(renderArgs('-o', join(dir, 'no-aov'), '-w', '4', '-h', '2', '-s', '1', '-f', 'exr'), io(), { acquireDevice: async () => fakeGpu(), renderScene: plain.renderScene });
    expect(plain.calls[0]).not.toHaveProperty('aov');
  });

  it('says that a cancelled render has no AOV layers', async () => {
    const controller = new AbortController();
    const out = io(controller.signal);
    const base = join(dir, 'aov-cancelled');
    const code = await renderCommand(renderArgs('-o', base, '-w', '4', '-h', '4', '-s', '100', '-f', 'exr', '--aov', 'albedo'), out, {
      acquireDevice: async () => fakeGpu(),
      renderScene: fakeRenderer({ controller, samples: 2 }).renderScene
    });
    expect(code).toBe(EXIT.cancelled);
    expect(out.stderr.text).toContain('clovers: cancelled: the EXR has no AOV layers');
    expect([...readExrChannels(`${base}.exr`).keys()]).toEqual(['X', 'Y', 'Z']);
  });

  it('writes the partial image on Ctrl+C and exits 130', async () => {
    const controller = new AbortController();
    const renderer = fakeRenderer({ controller, samples: 2 });
    const out = io(controller.signal);
    const path = join(dir, 'partial.png');
    const code = await renderCommand(renderArgs('-o', path, '-w', '4', '-h', '4', '-s', '100'), out, {
      acquireDevice: async () => fakeGpu(),
      renderScene: renderer.renderScene
    });
    expect(code).toBe(EXIT.cancelled);
    expect(out.stdout.text).toBe(`Image saved to: ${path}\n`);
    expect(out.stderr.text).toContain('cancelled after 2 spp');
    expect(identifyFormat(path, '%[Samples]|%[Cancelled]')).toBe('2|after 2 of 100 samples');
  });

  it('writes nothing when cancelled before the first sample', async () => {
    const controller = new AbortController();
    controller.abort();
    const out = io(controller.signal);
    const path = join(dir, 'none.png');
    const code = await renderCommand(renderArgs('-o', path, '-w', '4', '-h', '4'), out, {
      acquireDevice: async () => fakeGpu(),
      renderScene: fakeRenderer().renderScene
    });
    expect(code).toBe(EXIT.cancelled);
    expect(existsSync(path)).toBe(false);
    expect(out.stdout.text).toBe('');
    expect(out.stderr.text).toContain('no image written');
  });

  it('maps adapter and renderer failures to exit 3 and always releases the device', async () => {
    const gpu = fakeGpu();
    const failing = renderCommand(renderArgs('-o', join(dir, 'x.png')), io(), {
      acquireDevice: async () => gpu,
      renderScene: async () => {
        throw new Error('device lost');
      }
    });
    await expect(failing).rejects.toThrow(new CliError('render failed: device lost', EXIT.gpu));
    await expect(failing.catch((e: CliError) => e.exitCode)).resolves.toBe(EXIT.gpu);
    expect(gpu.destroyed).toBe(1);

    const noAdapter = renderCommand(renderArgs('-o', join(dir, 'x.png')), io(), {
      acquireDevice: async () => {
        throw new Error('no WebGPU adapter found');
      },
      renderScene: fakeRenderer().renderScene
    });
    await expect(noAdapter).rejects.toThrow('cannot open a WebGPU device: no WebGPU adapter found');
  });

  it('reports every scene error and exits 1 before touching the GPU', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"time_0": 0, "objects": [{"kind": "Sphere", "center": [0, 0, 0], "radius": "big"}]}');
    const out = io();
    let acquired = false;
    const run = renderCommand(parseCommandLine(['render', bad]) as RenderArgs, out, {
      acquireDevice: async () => {
        acquired = true;
        return fakeGpu();
      },
      renderScene: fakeRenderer().renderScene
    });
    await expect(run).rejects.toMatchObject({ exitCode: EXIT.userError, message: `${bad}: invalid scene (4 errors)` });
    expect(acquired).toBe(false);
    const lines = out.stderr.text.split('\n').filter((line) => line.startsWith(`${bad}: `));
    expect(lines).toHaveLength(4);
    expect(lines.map((line) => line.split(':')[1].trim())).toEqual(['time_1', 'background_color', 'camera', 'objects[0].radius']);
    expect(lines[3]).toBe(`${bad}: objects[0].radius: expected a number, got a string ("big")`);
  });
});

describe('renderCommand with render_options in the scene file', () => {
  const withOptions = (name: string, options: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(scenePath, 'utf8')), render_options: options }));
    return path;
  };
  const run = async (argv: string[]) => {
    const renderer = fakeRenderer();
    const out = io();
    const code = await renderCommand(parseCommandLine(['render', ...argv]) as RenderArgs, out, { acquireDevice: async () => fakeGpu(), renderScene: renderer.renderScene });
    return { code, options: renderer.calls[0], out };
  };

  it('renders with the options of the file, flags overriding them and the defaults filling the rest, and says which came from where', async () => {
    // As the editor exports them: every field present.
    const scene = withOptions('editor.json', { width: 6, height: 5, samples: 2, max_depth: 3, seed: 9, sampler: 'sobol', mode: 'path-tracing', exposure: 2 });
    const fromFile = await run([scene, '-o', join(dir, 'editor.png')]);
    expect(fromFile.code).toBe(EXIT.ok);
    expect(fromFile.options).toEqual({ width: 6, height: 5, samples: 2, maxDepth: 3, seed: 9, mode: 'path-tracing', sampler: 'sobol', integrator: 'megakernel', exposure: 2 });
    expect(PNG.sync.read(readFileSync(join(dir, 'editor.png'))).width).toBe(6);

    const partial = withOptions('partial.json', { width: 6, height: 5, samples: 2 });
    const overridden = await run(['-i', partial, '-o', join(dir, 'partial.png'), '-s', '4', '--exposure', '0.5']);
    expect(overridden.options).toMatchObject({ width: 6, height: 5, samples: 4, maxDepth: 64, exposure: 0.5 });
    expect(overridden.out.stderr.text).toContain(
      'width 6 (scene file), height 5 (scene file), samples 4 (flag), max depth 64 (default), seed 0 (default), ' +
        'mode path-tracing (default), sampler random (default), integrator megakernel (default), exposure 0.5 (flag)'
    );
    expect((await run([withOptions('normalmap.json', { normalmap: true }), '-o', join(dir, 'n.png'), '-w', '2', '-h', '2'])).options.mode).toBe('normal-map');
  });

  it('reports invalid render options by their path and exits 1 before touching the GPU', async () => {
    const bad = withOptions('bad-options.json', { width: 0, samples: 'many', colour: 'red' });
    const out = io();
    const failing = renderCommand(parseCommandLine(['render', bad]) as RenderArgs, out, {
      acquireDevice: async () => {
        throw new Error('must not be called');
      }
    });
    await expect(failing).rejects.toMatchObject({ exitCode: EXIT.userError, message: `${bad}: invalid scene (3 errors)` });
    const paths = out.stderr.text.trim().split('\n').map((line) => line.slice(bad.length + 2).split(':')[0]);
    expect(paths.sort()).toEqual(['render_options', 'render_options.samples', 'render_options.width']);
    expect(out.stderr.text).toContain(`${bad}: render_options.width: `);
  });
});

describe('renderCommand -q and --bvh', () => {
  it('notes that --bvh is ignored, and prints nothing at all with -q', async () => {
    const loud = io();
    await renderCommand(renderArgs('-o', join(dir, 'bvh.png'), '-w', '2', '-h', '2', '-s', '1', '--bvh', 'lam'), loud, { acquireDevice: async () => fakeGpu(), renderScene: fakeRenderer().renderScene });
    expect(loud.stderr.text).toContain('clovers: --bvh lam ignored: clovers has one BVH (SAH, 4-wide)\n');

    const quiet = io();
    const path = join(dir, 'quiet.png');
    const args = parseCommandLine(['-q', 'render', scenePath, '-o', path, '-w', '2', '-h', '2', '-s', '1', '--bvh', 'sah', '-f', 'png', 'exr']) as RenderArgs;
    expect(await renderCommand(args, quiet, { acquireDevice: async () => fakeGpu(), renderScene: fakeRenderer().renderScene })).toBe(EXIT.ok);
    expect([quiet.stdout.text, quiet.stderr.text]).toEqual(['', '']);
    expect(existsSync(path) && existsSync(join(dir, 'quiet.exr'))).toBe(true);
  });
});

describe('outputPaths', () => {
  const now = new Date(1_700_000_000_500);
  it('replaces a .png/.exr extension per format and keeps any other name whole', () => {
    expect(outputPaths('a/b.PNG', 's.json', ['png', 'exr'], now)).toEqual([
      ['png', 'a/b.png'],
      ['exr', 'a/b.exr']
    ]);
    expect(outputPaths('a/b.v2', 's.json', ['exr'], now)).toEqual([['exr', 'a/b.v2.exr']]);
  });
  it('defaults to renders/<scene>-<unix seconds>', () => {
    expect(outputPaths(undefined, 'scenes/cornell.json', ['png'], now)).toEqual([['png', 'renders/cornell-1700000000.png']]);
  });
});
