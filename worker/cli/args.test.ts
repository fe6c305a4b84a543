import { describe, expect, it } from 'vitest';
import { parseCommandLine, RENDER_DEFAULTS, splitFormatLists, type RenderArgs } from './args.ts';
import { CliError, EXIT } from './errors.ts';

function usageErrorOf(argv: string[]): CliError {
  try {
    parseCommandLine(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT.usage);
    return error as CliError;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('parseCommandLine', () => {
  it('leaves render settings not given as flags to the scene file and the reference defaults (1024², 64 spp, depth 64)', () => {
    const args = parseCommandLine(['render', 'scene.json']) as RenderArgs;
    expect(args).toEqual({ command: 'render', scene: 'scene.json', settings: {}, output: undefined, formats: ['png'], aov: [], bvh: undefined, quiet: false, debug: false });
    expect(RENDER_DEFAULTS).toMatchObject({ width: 1024, height: 1024, samples: 64, maxDepth: 64, exposure: 1 });
  });

  it('reads every render flag, short and long', () => {
    const args = parseCommandLine([
      '--debug',
      'render',
      '-o',
      'out/x.png',
      'scene.json',
      '-w',
      '320',
      '-h',
      '200',
      '-s',
      '8',
      '-d',
      '0',
      '--seed',
      '4294967295',
      '--mode',
      'normal-map',
      '--integrator',
      'wavefront',
      '--format',
      'png,exr',
      '-f',
      'exr',
      '--aov',
      'depth,albedo',
      '-q'
    ]);
    expect(args).toEqual({
      command: 'render',
      scene: 'scene.json',
      output: 'out/x.png',
      settings: { width: 320, height: 200, samples: 8, maxDepth: 0, seed: 4294967295, mode: 'normal-map', integrator: 'wavefront' },
      formats: ['png', 'exr'],
      aov: ['depth', 'albedo'],
      bvh: undefined,
      quiet: true,
      debug: true
    });
  });

  it("takes the reference's render flags: -i/--input, --formats, -f png exr, --bvh, --sampler blue, -m primitive-test-count", () => {
    const args = parseCommandLine(['-q', 'render', '-i', 'in.json', '--formats', 'png', 'exr', '--bvh', 'lam', '--sampler', 'blue', '-m', 'primitive-test-count']);
    expect(args).toMatchObject({ command: 'render', scene: 'in.json', formats: ['png', 'exr'], bvh: 'lam', quiet: true });
    expect((args as RenderArgs).settings).toEqual({ sampler: 'blue', mode: 'primitive-test-count' });
    expect(parseCommandLine(['render', '--input', 'a.json', '-f', 'exr', 'png', '-o', 'x'])).toMatchObject({ scene: 'a.json', formats: ['exr', 'png'], output: 'x' });
    // A .json value ends the list: it is the scene.
    expect(parseCommandLine(['render', '-f', 'png', 'exr', 'a.json'])).toMatchObject({ scene: 'a.json', formats: ['png', 'exr'] });
    expect(parseCommandLine(['render', 'a.json', '--format=exr', 'png'])).toMatchObject({ formats: ['exr', 'png'] });
  });

  it('reads --aov as a list of AOV names for the EXR', () => {
    expect(parseCommandLine(['render', 'a.json', '-f', 'exr', '--aov', 'albedo,normal,depth'])).toMatchObject({ aov: ['albedo', 'normal', 'depth'] });
    expect(parseCommandLine(['render', 'a.json', '--aov=normal,normal', '-f', 'png', 'exr'])).toMatchObject({ aov: ['normal'], formats: ['png', 'exr'] });
  });

  it('reads --exposure as a positive number', () => {
    expect((parseCommandLine(['render', 'a.json', '--exposure', '2.5']) as RenderArgs).settings).toEqual({ exposure: 2.5 });
    expect((parseCommandLine(['render', 'a.json', '--exposure', '.5']) as RenderArgs).settings).toEqual({ exposure: 0.5 });
    expect((parseCommandLine(['render', 'a.json', '--exposure', '1e-1']) as RenderArgs).settings).toEqual({ exposure: 0.1 });
  });

  it('splits the values after one format flag into one flag each, up to the next flag, a .json value or --', () => {
    expect(splitFormatLists(['-f', 'png', 'exr', '-q'])).toEqual(['-f', 'png', '--format', 'exr', '-q']);
    expect(splitFormatLists(['-fpng', 'exr'])).toEqual(['-fpng', '--format', 'exr']);
    expect(splitFormatLists(['--formats', 'png', 'exr', 's.json', 'x'])).toEqual(['--format', 'png', '--format', 'exr', 's.json', 'x']);
    expect(splitFormatLists(['--formats=exr'])).toEqual(['--format=exr']);
    expect(splitFormatLists(['-f', 'png', '--', 'exr'])).toEqual(['-f', 'png', '--', 'exr']);
    expect(splitFormatLists(['-o', 'png', 'exr'])).toEqual(['-o', 'png', 'exr']);
  });

  it('rejects unknown flags and lists the command flags', () => {
    const error = usageErrorOf(['render', 'scene.json', '--spp', '4']);
    expect(error.message).toContain("Unknown option '--spp'");
    expect(error.message).toContain('-s/--samples');
    expect(error.message).toContain('-f/--format');
    expect(usageErrorOf(['--fast', 'render']).message).toContain('unknown flag --fast before the command');
  });

  it.each([
    [['render', 's.json', '-w', '0'], '--width: expected an integer from 1 to 8192, got "0"'],
    [['render', 's.json', '-w', '12px'], '--width: expected an integer from 1 to 8192, got "12px"'],
    [['render', 's.json', '-s', '1e3'], '--samples: expected an integer from 1 to 1000000, got "1e3"'],
    [['render', 's.json', '--seed', '4294967296'], '--seed: expected an integer from 0 to 4294967295'],
    [['render', 's.json', '-m', 'wireframe'], '--mode: expected one of path-tracing, normal-map, bvh-test-count, primitive-test-count, got "wireframe"'],
    [['render', 's.json', '--sampler', 'halton'], '--sampler: expected one of random, sobol, blue, got "halton"'],
    [['render', 's.json', '-f', 'jpg'], '--format: expected png, exr or a comma-separated list, got "jpg"'],
    [['render', 's.json', '-f', 'png', 'jpg'], '--format: expected png, exr or a comma-separated list, got "jpg"'],
    [['render', 's.json', '--bvh', 'bbox'], '--bvh: expected one of lam, sah, got "bbox"'],
    [['render', 's.json', '--exposure', '0'], '--exposure: expected a number above 0 and at most 65536, got "0"'],
    [['render', 's.json', '--exposure=-1'], '--exposure: expected a number above 0 and at most 65536, got "-1"'],
    [['render', 's.json', '--exposure', 'Infinity'], '--exposure: expected a number above 0 and at most 65536, got "Infinity"'],
    [['render', 's.json', '--exposure', '0x10'], '--exposure: expected a number above 0 and at most 65536, got "0x10"'],
    [['render', 's.json', '-f', 'exr', '--aov', 'albedo,alpha'], '--aov: expected albedo, normal, depth or a comma-separated list, got "alpha"'],
    [['render', 's.json', '-f', 'exr', '--aov', ''], '--aov: expected albedo, normal, depth or a comma-separated list'],
    [['render', 's.json', '--aov', 'depth'], '--aov: AOVs are written into the EXR only: add -f exr'],
    [['render', 's.json', '-f', 'png', '--aov', 'depth'], '--aov: AOVs are written into the EXR only: add -f exr'],
    [['render', '-i', 'a.json', 'b.json'], 'render: unexpected argument "b.json"'],
    [['render', 's.json', '-w'], "Option '-w, --width <value>' argument missing"],
    [['render'], 'render: missing <scene.json>'],
    [['render', 'a.json', 'b.json'], 'render: unexpected argument "b.json"'],
    [['validate'], 'validate: missing <scene.json>'],
    [['info', 'extra'], 'info: unexpected argument "extra"'],
    [['paint', 'x'], 'unknown command "paint" (commands: render, validate, info, bench, schema)'],
    [['schema', 'x'], 'schema: unexpected argument "x"']
  ])('%j is a usage error', (argv, message) => {
    expect(usageErrorOf(argv).message).toContain(message);
  });

  it('parses validate, info, bench, help and version', () => {
    expect(parseCommandLine(['validate', 'a.json'])).toEqual({ command: 'validate', scene: 'a.json', quiet: false, debug: false });
    expect(parseCommandLine(['info', '--json'])).toEqual({ command: 'info', json: true, quiet: false, debug: false });
    expect(parseCommandLine(['schema'])).toEqual({ command: 'schema', quiet: false, debug: false });
    expect(parseCommandLine(['bench', '--scenes', 'cornell', '--scenes', 'furnace,x.json', '-s', '4'])).toMatchObject({
      command: 'bench',
      scenes: ['cornell', 'furnace', 'x.json'],
      width: 256,
      height: 256,
      samples: 4,
      maxDepth: 64,
      outDir: 'bench-results'
    });
    expect(parseCommandLine(['bench'])).toMatchObject({
      scenes: ['cornell', 'one_weekend', 'teapot', 'icosphere-1m', 'instances-10k', 'smooth-sphere-2.5m'],
      samples: 64,
      integrators: ['megakernel'],
      repeat: 1
    });
    expect(parseCommandLine([])).toMatchObject({ command: 'help', topic: undefined });
    expect(parseCommandLine(['render', '--help'])).toMatchObject({ command: 'help', topic: 'render' });
    expect(parseCommandLine(['--help', 'validate'])).toMatchObject({ command: 'help', topic: 'validate' });
    expect(parseCommandLine(['--version'])).toMatchObject({ command: 'version' });
  });
});
