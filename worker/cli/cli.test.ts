// The CLI as a user runs it: `node bin/clovers.js …` in a child process, checking exit codes, stdout/stderr and
// the files a real render (Dawn, lavapipe here) writes.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { identifyFormat, readExrChannels } from '../image/test-readers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'clovers-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; a run still going after `timeoutMs` is killed (a first pipeline compile on lavapipe can be slow). */
function clovers(
  args: string[],
  onStderr?: (text: string, kill: (signal: NodeJS.Signals) => void) => void,
  timeoutMs = 150_000
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/clovers.js', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onStderr?.(stderr, (signal) => child.kill(signal));
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** White furnace: a white sphere in a white [1,1,1] background, which renders mid-grey 141 (decision 8). */
const FURNACE = {
  time_0: 0,
  time_1: 1,
  background_color: [1, 1, 1],
  camera: { look_from: [0, 0, -5], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 30, aperture: 0, focus_distance: 5 },
  objects: [{ kind: 'Sphere', center: [0, 0, 0], radius: 1, material: 'white' }],
  materials: [{ name: 'white', kind: 'Lambertian', albedo: { kind: 'SolidColor', color: { xyz_e: [1, 1, 1] } } }]
};
const furnacePath = join(dir, 'furnace.json');
writeFileSync(furnacePath, JSON.stringify(FURNACE));

function meanGrey(png: PNG): number {
  let sum = 0;
  for (let i = 0; i < png.width * png.height; i++) sum += png.data[4 * i] + png.data[4 * i + 1] + png.data[4 * i + 2];
  return sum / (3 * png.width * png.height);
}

describe('clovers validate', () => {
  it('accepts a valid scene with exit 0 and counts its parts', async () => {
    const run = await clovers(['validate', furnacePath]);
    expect(run).toMatchObject({ code: 0, stdout: 'scene is valid (1 object, 1 material)\n' });
  });

  it('prints every error as path: message and exits 1', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...FURNACE, objects: [{ kind: 'Sphere', center: [0, 0], radius: null, material: 'white' }] }));
    const run = await clovers(['validate', bad]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines.map((line) => line.split(': ')[0])).toEqual(['objects[0].center', 'objects[0].radius']);
    expect(lines[1]).toBe('objects[0].radius: expected a number, got null');
    expect(run.stderr).toBe(`clovers: ${bad}: invalid scene (2 errors)\n`);
  });

  it('initialises the scene as a render would: degenerate geometry and a bad camera are errors with their path', async () => {
    const bad = join(dir, 'degenerate.json');
    writeFileSync(
      bad,
      JSON.stringify({
        ...FURNACE,
        camera: { ...FURNACE.camera, look_at: FURNACE.camera.look_from },
        objects: [
          { kind: 'Sphere', center: [0, 0, 0], radius: 0, material: 'white' },
          { kind: 'Quad', q: [0, 0, 0], u: [1, 0, 0], v: [2, 0, 0], material: 'white' }
        ]
      })
    );
    const camera = await clovers(['validate', bad]);
    expect(camera.code).toBe(1);
    expect(camera.stdout).toBe('camera.look_at: must differ from camera.look_from\n');
    writeFileSync(bad, JSON.stringify({ ...FURNACE, objects: JSON.parse(readFileSync(bad, 'utf8')).objects }));
    const geometry = await clovers(['validate', bad]);
    expect(geometry.code).toBe(1);
    expect(geometry.stdout).toBe('objects[0].radius: must not be 0\nobjects[1]: degenerate Quad: u and v are parallel or zero\n');
  });

  it('warns about what a mesh file asks for that the renderer does not do', async () => {
    // One triangle whose file uses an extension the renderer does not read (a self-contained .gltf), next to it.
    copyFileSync(join(ROOT, 'test/fixtures/clearcoat-pane.gltf'), join(dir, 'pane.gltf'));
    const scenePath = join(dir, 'pane.json');
    writeFileSync(scenePath, JSON.stringify({ ...FURNACE, objects: [{ kind: 'GLTF', path: 'pane.gltf' }] }));
    const run = await clovers(['validate', scenePath]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('warning: pane.gltf: extension "KHR_materials_clearcoat" is not supported (ignored)\nscene is valid (1 object, 1 material)\n');
  });

  it('checks the render_options of the file, and with -q prints only the errors', async () => {
    const withOptions = join(dir, 'options.json');
    writeFileSync(withOptions, JSON.stringify({ ...FURNACE, render_options: { width: 16, height: 12 } }));
    expect(await clovers(['-q', 'validate', withOptions])).toEqual({ code: 0, stdout: '', stderr: '' });
    writeFileSync(withOptions, JSON.stringify({ ...FURNACE, render_options: { width: -3 } }));
    const bad = await clovers(['validate', '-q', withOptions]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^render_options\.width: .*\n$/);
    expect(bad.stderr).toBe(`clovers: ${withOptions}: invalid scene (1 error)\n`);
  });

  it('reports JSON syntax errors with their line, and missing files, without a stack trace', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "time_0": 0,\n  "time_1": 1,,\n}');
    const syntax = await clovers(['validate', broken]);
    expect(syntax.code).toBe(1);
    expect(syntax.stdout).toMatch(/^\(root\).*: invalid JSON at line 3, column \d+/);
    const missing = await clovers(['validate', join(dir, 'nope.json')]);
    expect(missing).toMatchObject({ code: 1, stdout: '', stderr: `clovers: cannot read scene ${join(dir, 'nope.json')}: no such file\n` });
  });
});

describe('clovers schema', () => {
  it('prints the scene JSON Schema', async () => {
    const run = await clovers(['schema']);
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout) as { $schema?: string; type?: string; required?: string[] };
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['camera', 'objects']));
  });
});

describe('clovers usage errors', () => {
  it('exits 2 on an unknown flag, listing the flags', async () => {
    const run = await clovers(['render', furnacePath, '--samples-per-pixel', '4']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--samples-per-pixel'");
    expect(run.stderr).toContain('-s/--samples');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a bad value and 0 for --help', async () => {
    expect((await clovers(['render', furnacePath, '-w', 'wide'])).code).toBe(2);
    const help = await clovers(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: clovers [--debug] [-q] <command> [options]');
  });
});

describe('clovers on the GPU', { timeout: 200_000 }, () => {
  it("info prints the adapter and its limits, without Dawn's limit warnings on stderr", async () => {
    const run = await clovers(['info', '--json']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const info = JSON.parse(run.stdout) as { adapter: string; fallbackAdapter: boolean; limits: Record<string, number> };
    expect(info.adapter.length).toBeGreaterThan(0);
    expect(typeof info.fallbackAdapter).toBe('boolean');
    expect(info.limits.maxStorageBufferBindingSize).toBeGreaterThanOrEqual(128 * 1024 * 1024);
    expect(info.limits.maxComputeInvocationsPerWorkgroup).toBeGreaterThanOrEqual(256);
  });

  it('render writes a PNG of the requested size with its metadata, and an EXR', async () => {
    const base = join(dir, 'out', 'furnace');
    const run = await clovers(['render', furnacePath, '-o', `${base}.png`, '-w', '32', '-h', '24', '-s', '4', '-f', 'png,exr']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Image saved to: ${base}.png\nImage saved to: ${base}.exr\n`);
    expect(run.stderr).toMatch(/clovers: compiling shaders…\n[^]*clovers: rendered 4 spp in \S+ s \(shaders compiled in \S+ s\)/);
    expect(run.stderr).not.toContain('artificially reduced');

    const png = PNG.sync.read(readFileSync(`${base}.png`));
    expect([png.width, png.height]).toEqual([32, 24]);
    expect(meanGrey(png)).toBeGreaterThan(137);
    expect(meanGrey(png)).toBeLessThan(145);
    expect(identifyFormat(`${base}.png`, '%[Software]|%[Samples]|%[Max depth]|%[Resolution]|%[Seed]|%[Mode]')).toBe(
      'clovers|4|64|32x24|0|path-tracing'
    );
    expect(identifyFormat(`${base}.png`, '%[Adapter]').length).toBeGreaterThan(0);
    expect(identifyFormat(`${base}.exr`, '%w %h')).toBe('32 24');
  });

  it('--aov adds the albedo, normal and depth of the first visible surface to the EXR', async () => {
    const base = join(dir, 'out', 'aov');
    const run = await clovers(['render', furnacePath, '-o', base, '-w', '15', '-h', '11', '-s', '2', '-f', 'png,exr', '--aov', 'albedo,normal,depth']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('clovers: AOVs albedo, normal, depth (2 spp) go into the EXR only');
    const channels = readExrChannels(`${base}.exr`);
    expect([...channels.keys()]).toEqual(['X', 'Y', 'Z', 'albedo.B', 'albedo.G', 'albedo.R', 'depth.Z', 'normal.X', 'normal.Y', 'normal.Z']);
    // The centre pixel looks straight at the white sphere (radius 1, 5 away); the corner misses it.
    const centre = 5 * 15 + 7;
    for (const c of ['R', 'G', 'B']) {
      expect(channels.get(`albedo.${c}`)![centre]).toBeCloseTo(1, 3);
      expect(channels.get(`albedo.${c}`)![0]).toBe(0);
    }
    expect(channels.get('depth.Z')![centre]).toBeCloseTo(4, 4);
    expect(channels.get('depth.Z')![0]).toBe(Number.POSITIVE_INFINITY);
    expect(channels.get('normal.Z')![centre]).toBeLessThan(-0.95);
    expect(identifyFormat(`${base}.png`, '%w %h')).toBe('15 11');
  });

  it("renders with the scene file's render_options, takes the reference's flags, and prints nothing with -q", async () => {
    const scene = join(dir, 'exported.json');
    writeFileSync(scene, JSON.stringify({ ...FURNACE, render_options: { width: 16, height: 12, samples: 2, max_depth: 4 } }));
    const base = join(dir, 'out', 'exported');
    const run = await clovers(['-q', 'render', '-i', scene, '-o', base, '--formats', 'png', 'exr', '--bvh', 'lam', '--exposure', '1']);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(identifyFormat(`${base}.png`, '%w %h|%[Samples]|%[Max depth]')).toBe('16 12|2|4');
    expect(identifyFormat(`${base}.exr`, '%w %h')).toBe('16 12');
  });

  it('Ctrl+C stops a long render promptly with exit 130, keeping what was rendered', async () => {
    const path = join(dir, 'cancelled.png');
    let sent = false;
    let sentAt = 0;
    const run = await clovers(['render', furnacePath, '-o', path, '-w', '64', '-h', '64', '-s', '1000000'], (stderr, kill) => {
      if (!sent && stderr.includes('clovers: adapter')) {
        sent = true;
        setTimeout(() => {
          sentAt = performance.now();
          kill('SIGINT');
        }, 3000);
      }
    });
    expect(run.code).toBe(130);
    expect(performance.now() - sentAt).toBeLessThan(10_000);
    expect(run.stderr).toContain('clovers: cancelling');
    if (existsSync(path)) {
      const samples = Number(identifyFormat(path, '%[Samples]'));
      expect(samples).toBeGreaterThan(0);
      expect(samples).toBeLessThan(1_000_000);
      expect(identifyFormat(path, '%[Cancelled]')).toBe(`after ${samples} of 1000000 samples`);
    } else {
      expect(run.stderr).toContain('cancelled before the first sample; no image written');
    }
  });
});
