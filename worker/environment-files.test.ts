import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeRadianceHdr } from '../gpu/host/environment/radiance-hdr.ts';
import { parseScene, type SceneFile } from '../src/lib/scene/index.ts';
import { MAX_ENVIRONMENT_FILE_BYTES } from '../src/lib/limits.ts';
import { EnvironmentFileError, loadSceneEnvironment } from './environment-files.ts';

function scene(environment?: Record<string, unknown>): SceneFile {
  const parsed = parseScene({
    time_0: 0,
    time_1: 1,
    background_color: [0, 0, 0],
    ...(environment ? { environment } : {}),
    camera: { look_from: [0, 0, -5], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 40, aperture: 0, focus_distance: 5 },
    objects: [{ kind: 'Sphere', center: [0, 0, 0], radius: 1 }]
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.scene;
}

const hdri = (path: string) => scene({ kind: 'Hdri', path });
const map = (value: number) => encodeRadianceHdr({ width: 8, height: 4, rgb: new Float32Array(8 * 4 * 3).fill(value) });

const dir = mkdtempSync(join(tmpdir(), 'clovers-environments-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'cwd'));
mkdirSync(join(dir, 'scenes'));
writeFileSync(join(dir, 'cwd', 'both.hdr'), map(1));
writeFileSync(join(dir, 'scenes', 'both.hdr'), map(2));
writeFileSync(join(dir, 'scenes', 'only-here.hdr'), map(4));
writeFileSync(join(dir, 'scenes', 'broken.exr'), Uint8Array.of(0x76, 0x2f, 0x31, 0x01, 2, 0, 0));
// One byte over the limit, sparse: nothing is written.
const huge = join(dir, 'scenes', 'huge.hdr');
writeFileSync(huge, '');
truncateSync(huge, MAX_ENVIRONMENT_FILE_BYTES + 1);
const searchDirs = [join(dir, 'cwd'), join(dir, 'scenes')];

describe('loading a scene\'s environment map', () => {
  it('is undefined without an Hdri environment', async () => {
    expect(await loadSceneEnvironment(scene())).toBeUndefined();
    expect(await loadSceneEnvironment(scene({ kind: 'Sky', sun_direction: [0, 1, 0] }))).toBeUndefined();
  });

  it('loads bundled maps by name or file name, without any search folder', async () => {
    const studio = await loadSceneEnvironment(hdri('studio'));
    expect([studio?.width, studio?.height]).toEqual([1024, 512]);
    const dusk = await loadSceneEnvironment(hdri('dusk.hdr'));
    // The sun is thousands of times brighter than the median sky texel.
    const red = Float32Array.from({ length: dusk!.width * dusk!.height }, (_, i) => dusk!.rgb[3 * i]).sort();
    expect(red[red.length - 1] / red[red.length >> 1]).toBeGreaterThan(2000);
  });

  it('never opens a file path unless search folders are given (the service)', async () => {
    await expect(loadSceneEnvironment(hdri(join(dir, 'cwd', 'both.hdr')))).rejects.toThrow(
      /^environment\.path: environment ".*both.hdr" not found: not a bundled environment \(maps come from/
    );
    await expect(loadSceneEnvironment(hdri('both.hdr'))).rejects.toBeInstanceOf(EnvironmentFileError);
  });

  it('CLI: resolves against the current directory first, then the scene folder', async () => {
    expect((await loadSceneEnvironment(hdri('both.hdr'), { searchDirs }))?.rgb[0]).toBeCloseTo(1, 1);
    expect((await loadSceneEnvironment(hdri('only-here.hdr'), { searchDirs }))?.rgb[0]).toBeCloseTo(4, 1);
    expect((await loadSceneEnvironment(hdri(join(dir, 'scenes', 'both.hdr')), { searchDirs }))?.rgb[0]).toBeCloseTo(2, 1);
  });

  it('CLI: a missing, broken or oversized file is an error on environment.path', async () => {
    await expect(loadSceneEnvironment(hdri('missing.exr'), { searchDirs })).rejects.toThrow(
      /^environment\.path: environment "missing.exr" not found: not a bundled environment, and no such file in .*cwd or .*scenes$/
    );
    await expect(loadSceneEnvironment(hdri('broken.exr'), { searchDirs })).rejects.toThrow(/^environment\.path: broken\.exr: OpenEXR: .*truncated/);
    await expect(loadSceneEnvironment(hdri('huge.hdr'), { searchDirs })).rejects.toThrow(/^environment\.path: .*huge\.hdr is 536870913 bytes, more than the 512 MiB/);
  });
});
