// Command-line parsing (node:util parseArgs): one option table per command, values checked against the limits
// of src/lib/limits.ts, every problem a usage error that names the flag.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AOV_NAMES, INTEGRATORS, RENDER_MODES, SAMPLERS, type AovName, type IntegratorName, type RenderOptions } from '../../gpu/host/render/types.ts';
import { MAX_IMAGE_HEIGHT, MAX_IMAGE_WIDTH, MAX_RAY_DEPTH, MAX_SAMPLES } from '../../src/lib/limits.ts';
import { MAX_EXPOSURE } from '../../src/lib/render-options.ts';
import { usageError } from './errors.ts';

export const IMAGE_FORMATS = ['png', 'exr'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** Flags every command accepts (also before the command name). */
export interface CommonArgs {
  readonly quiet: boolean;
  readonly debug: boolean;
}

/** What a render needs besides the scene; shared by `render` and `bench`. */
export type RenderSettings = Pick<RenderOptions, 'width' | 'height' | 'samples' | 'maxDepth' | 'seed' | 'mode' | 'sampler'> & {
  readonly integrator: IntegratorName;
  /** Linear film scale before the sRGB curve (PNG only). */
  readonly exposure: number;
};

export interface RenderArgs extends CommonArgs {
  readonly command: 'render';
  readonly scene: string;
  /** The settings given as flags; the scene file's render_options, then RENDER_DEFAULTS, fill the rest. */
  readonly settings: Partial<RenderSettings>;
  /** Output path; its .png/.exr extension (if any) is replaced per format. */
  readonly output: string | undefined;
  readonly formats: readonly ImageFormat[];
  /** AOV layers for the EXR (--aov albedo,normal,depth); empty when not asked for. */
  readonly aov: readonly AovName[];
  /** The reference's --bvh choice: accepted for compatibility, but clovers has one BVH. */
  readonly bvh: BvhName | undefined;
}

export interface ValidateArgs extends CommonArgs {
  readonly command: 'validate';
  readonly scene: string;
}

export interface InfoArgs extends CommonArgs {
  readonly command: 'info';
  readonly json: boolean;
}

export interface BenchArgs extends CommonArgs, RenderSettings {
  readonly command: 'bench';
  /** Example scene names (src/lib/scene/examples/<name>.json) or paths to .json files. */
  readonly scenes: readonly string[];
  readonly outDir: string;
  /** Integrators to compare (--integrator megakernel,wavefront); `integrator` is the first. */
  readonly integrators: readonly IntegratorName[];
  /** Timed renders per scene and integrator (the table shows medians). */
  readonly repeat: number;
  /** Start from an empty shader cache (a fresh MESA_SHADER_CACHE_DIR), as a new machine does. */
  readonly cold: boolean;
}

export interface SchemaArgs extends CommonArgs {
  readonly command: 'schema';
}

export interface HelpArgs extends CommonArgs {
  readonly command: 'help';
  readonly topic: CommandName | undefined;
}

export interface VersionArgs extends CommonArgs {
  readonly command: 'version';
}

export type Args = RenderArgs | ValidateArgs | InfoArgs | BenchArgs | SchemaArgs | HelpArgs | VersionArgs;

export const COMMANDS = ['render', 'validate', 'info', 'bench', 'schema'] as const;
export type CommandName = (typeof COMMANDS)[number];

/** The reference's BVH builders (spec §3); clovers always builds a 4-wide SAH BVH. */
export const BVH_NAMES = ['lam', 'sah'] as const;
export type BvhName = (typeof BVH_NAMES)[number];

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON_OPTIONS = {
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  help: { type: 'boolean' }
} satisfies Options;

const RENDER_SETTING_OPTIONS = {
  width: { type: 'string', short: 'w' },
  height: { type: 'string', short: 'h' },
  samples: { type: 'string', short: 's' },
  'max-depth': { type: 'string', short: 'd' },
  seed: { type: 'string' },
  mode: { type: 'string', short: 'm' },
  sampler: { type: 'string' },
  integrator: { type: 'string' }
} satisfies Options;

/** Flags taking a list of formats: `-f png,exr`, `-f png -f exr` or the reference's `-f png exr`. */
const FORMAT_FLAGS = new Set(['-f', '--format', '--formats']);

const OPTIONS = {
  render: {
    ...COMMON_OPTIONS,
    ...RENDER_SETTING_OPTIONS,
    input: { type: 'string', short: 'i' },
    output: { type: 'string', short: 'o' },
    format: { type: 'string', short: 'f', multiple: true },
    exposure: { type: 'string' },
    aov: { type: 'string' },
    bvh: { type: 'string' }
  },
  validate: COMMON_OPTIONS,
  info: { ...COMMON_OPTIONS, json: { type: 'boolean' } },
  schema: COMMON_OPTIONS,
  bench: {
    ...COMMON_OPTIONS,
    ...RENDER_SETTING_OPTIONS,
    scenes: { type: 'string', multiple: true },
    'out-dir': { type: 'string' },
    repeat: { type: 'string' },
    cold: { type: 'boolean' }
  }
} satisfies Record<CommandName, Options>;

/** The reference engine's defaults (spec §4). */
export const RENDER_DEFAULTS: RenderSettings = {
  width: 1024,
  height: 1024,
  samples: 64,
  maxDepth: 64,
  seed: 0,
  mode: 'path-tracing',
  sampler: 'random',
  integrator: 'megakernel',
  exposure: 1
};

export const BENCH_DEFAULTS = {
  ...RENDER_DEFAULTS,
  width: 256,
  height: 256,
  scenes: ['cornell', 'one_weekend', 'teapot', 'icosphere-1m', 'instances-10k', 'smooth-sphere-2.5m'],
  outDir: 'bench-results',
  repeat: 1
} as const;

const USAGE: Record<CommandName, string> = {
  render: `clovers render <scene.json> [options]   (or -i, --input <scene.json>)
  settings not given as flags come from the scene file's render_options, else from the defaults below
  -o, --output <path>      output file; .png/.exr is replaced per format (default renders/<scene>-<time>)
  -w, --width <px>         image width (default ${RENDER_DEFAULTS.width})
  -h, --height <px>        image height (default ${RENDER_DEFAULTS.height})
  -s, --samples <n>        samples per pixel (default ${RENDER_DEFAULTS.samples})
  -d, --max-depth <n>      bounce limit (default ${RENDER_DEFAULTS.maxDepth})
      --seed <n>           random seed, 0..4294967295 (default ${RENDER_DEFAULTS.seed})
  -m, --mode <mode>        ${RENDER_MODES.join(' | ')} (default ${RENDER_DEFAULTS.mode})
      --sampler <name>     ${SAMPLERS.join(' | ')} (default ${RENDER_DEFAULTS.sampler})
      --integrator <name>  ${INTEGRATORS.join(' | ')} (default ${RENDER_DEFAULTS.integrator}; same image)
      --exposure <x>       linear film scale before the sRGB curve of the PNG (default ${RENDER_DEFAULTS.exposure})
  -f, --format(s) <list>   png, exr, png,exr or png exr (default png; EXR holds float CIE XYZ)
      --aov <list>         ${AOV_NAMES.join(',')} or some of them: layers of the first visible surface in the EXR
                           (albedo.R/G/B linear Rec.709, normal.X/Y/Z world space, depth.Z distance); needs -f exr
      --bvh <name>         ${BVH_NAMES.join(' | ')}: accepted and ignored (clovers builds one 4-wide SAH BVH)
  -q, --quiet              print errors only`,
  validate: `clovers validate <scene.json>
  prints every error (path: message) and warning; exit status 1 when the scene is invalid`,
  info: `clovers info [--json]
  prints the WebGPU adapter and the device limits clovers runs with`,
  bench: `clovers bench [options]
      --scenes <list>      example names, .json paths or generated scenes (icosphere-1m, instances-10k,
                           smooth-sphere-2.5m; these render at most 128x128 with 8 spp) (default ${BENCH_DEFAULTS.scenes.join(',')})
      --integrator <list>  ${INTEGRATORS.join(', ')} or both, compared side by side (default ${RENDER_DEFAULTS.integrator})
      --repeat <n>         timed renders per scene and integrator, alternating; medians reported (default ${BENCH_DEFAULTS.repeat})
      --cold               start from an empty shader cache (a fresh MESA_SHADER_CACHE_DIR), as a new machine does:
                           the compile and first-image columns then show cold compiles
  -w, --width <px>         (default ${BENCH_DEFAULTS.width})
  -h, --height <px>        (default ${BENCH_DEFAULTS.height})
  -s, --samples <n>        (default ${BENCH_DEFAULTS.samples})
  -d, --max-depth <n>      (default ${BENCH_DEFAULTS.maxDepth})
      --seed <n>           (default ${BENCH_DEFAULTS.seed})
  -m, --mode <mode>        (default ${BENCH_DEFAULTS.mode})
      --out-dir <dir>      where bench-<timestamp>.json goes (default ${BENCH_DEFAULTS.outDir})`,
  schema: `clovers schema
  prints the JSON Schema of scene files (for editors: clovers schema > scene.schema.json)`
};

export function usage(topic?: CommandName): string {
  if (topic) return `usage: ${USAGE[topic]}\n`;
  return [
    'clovers: spectral path tracer on WebGPU',
    '',
    'usage: clovers [--debug] [-q] <command> [options]',
    '',
    ...COMMANDS.map((c) => USAGE[c]),
    '',
    'Global flags: -q/--quiet, --debug (stack traces for internal errors), --help, --version',
    'Exit status: 0 ok, 1 invalid scene or other user error, 2 usage error, 3 GPU error, 130 cancelled',
    ''
  ].join('\n');
}

const GLOBAL_FLAGS = new Set(['-q', '--quiet', '--debug', '--help', '--version']);

export function parseCommandLine(argv: readonly string[]): Args {
  let i = 0;
  const global = { quiet: false, debug: false, help: false, version: false };
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    const flag = argv[i];
    if (!GLOBAL_FLAGS.has(flag)) {
      throw usageError(`unknown flag ${flag} before the command (global flags: ${[...GLOBAL_FLAGS].join(', ')})`);
    }
    if (flag === '-q' || flag === '--quiet') global.quiet = true;
    else if (flag === '--debug') global.debug = true;
    else if (flag === '--help') global.help = true;
    else global.version = true;
  }
  const common = { quiet: global.quiet, debug: global.debug };
  if (global.version) return { command: 'version', ...common };
  const name = argv[i];
  if (name === undefined || name === 'help') {
    const topic = argv[i + 1];
    return { command: 'help', ...common, topic: isCommand(topic) ? topic : undefined };
  }
  if (!isCommand(name)) throw usageError(`unknown command ${JSON.stringify(name)} (commands: ${COMMANDS.join(', ')})`);
  if (global.help) return { command: 'help', ...common, topic: name };

  const options: Options = OPTIONS[name];
  let values: FlagValues;
  let positionals: string[];
  try {
    const args = name === 'render' ? splitFormatLists(argv.slice(i + 1)) : argv.slice(i + 1);
    ({ values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true }));
  } catch (error) {
    // parseArgs' first sentence names the flag; the rest is advice about `--` that does not apply here.
    throw usageError(`${(error as Error).message.split('. ')[0]}\nflags of ${name}: ${flagList(options)}`);
  }
  const flags = new Flags(values);
  const shared = { quiet: common.quiet || flags.bool('quiet'), debug: common.debug || flags.bool('debug') };
  if (flags.bool('help')) return { command: 'help', ...shared, topic: name };

  switch (name) {
    case 'render': {
      const input = flags.string('input');
      if (input !== undefined) noPositionals(name, positionals);
      const integrator = flags.oneOf('integrator', INTEGRATORS);
      const formats = parseFormats(flags.list('format'));
      const aov = flags.string('aov') === undefined ? [] : flags.oneOfList('aov', AOV_NAMES, []);
      // AOVs are EXR layers: a PNG cannot hold them.
      if (aov.length > 0 && !formats.includes('exr')) throw usageError('--aov: AOVs are written into the EXR only: add -f exr (or -f png,exr)');
      return {
        command: 'render',
        ...shared,
        settings: definedOnly({ ...flagSettings(flags), integrator, exposure: flags.positive('exposure', MAX_EXPOSURE) }),
        scene: input ?? onePositional(name, positionals, '<scene.json>'),
        output: flags.string('output'),
        formats,
        aov,
        bvh: flags.oneOf('bvh', BVH_NAMES)
      };
    }
    case 'validate':
      return { command: 'validate', ...shared, scene: onePositional(name, positionals, '<scene.json>') };
    case 'info':
      noPositionals(name, positionals);
      return { command: 'info', ...shared, json: flags.bool('json') };
    case 'schema':
      noPositionals(name, positionals);
      return { command: 'schema', ...shared };
    case 'bench': {
      noPositionals(name, positionals);
      const scenes = flags.list('scenes').flatMap((s) => s.split(',')).filter((s) => s !== '');
      const integrators = flags.oneOfList('integrator', INTEGRATORS, [BENCH_DEFAULTS.integrator]);
      return {
        command: 'bench',
        ...shared,
        ...BENCH_DEFAULTS,
        ...definedOnly(flagSettings(flags)),
        integrator: integrators[0],
        integrators,
        scenes: scenes.length > 0 ? scenes : BENCH_DEFAULTS.scenes,
        outDir: flags.string('out-dir') ?? BENCH_DEFAULTS.outDir,
        repeat: flags.int('repeat', 1, 100) ?? BENCH_DEFAULTS.repeat,
        cold: flags.bool('cold')
      };
    }
  }
}

function isCommand(name: string | undefined): name is CommandName {
  return (COMMANDS as readonly (string | undefined)[]).includes(name);
}

function flagList(options: Options): string {
  return Object.entries(options)
    .map(([long, o]) => (o.short ? `-${o.short}/--${long}` : `--${long}`))
    .join(', ');
}

/**
 * The reference's `--formats` is `--format` here, and it takes several formats after one flag (`-f png exr`): each
 * value up to the next flag becomes its own `--format`. A .json value ends the list, so `-f png scene.json` still
 * reads the scene.
 */
export function splitFormatLists(args: readonly string[]): string[] {
  const out: string[] = [];
  // 'value': the next argument is the flag's own value; 'more': further values extend the list.
  let state: 'none' | 'value' | 'more' = 'none';
  for (const [index, arg] of args.entries()) {
    if (arg === '--') return [...out, ...args.slice(index)];
    const isFlag = arg.startsWith('-');
    if (state === 'more' && !isFlag && !arg.toLowerCase().endsWith('.json')) {
      out.push('--format', arg);
      continue;
    }
    out.push(arg.replace(/^--formats(?==|$)/, '--format'));
    if (state === 'value' && !isFlag) state = 'more';
    else if (FORMAT_FLAGS.has(arg)) state = 'value';
    else state = /^(--formats?=|-f.)/.test(arg) ? 'more' : 'none';
  }
  return out;
}

function onePositional(command: CommandName, positionals: string[], what: string): string {
  if (positionals.length === 0) throw usageError(`${command}: missing ${what}\n${usage(command).trimEnd()}`);
  if (positionals.length > 1) throw usageError(`${command}: unexpected argument ${JSON.stringify(positionals[1])}`);
  return positionals[0];
}

function noPositionals(command: CommandName, positionals: string[]): void {
  if (positionals.length > 0) throw usageError(`${command}: unexpected argument ${JSON.stringify(positionals[0])}`);
}

type FlagValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

class Flags {
  constructor(private readonly values: FlagValues) {}

  bool(name: string): boolean {
    return this.values[name] === true;
  }

  string(name: string): string | undefined {
    const v = this.values[name];
    return typeof v === 'string' ? v : undefined;
  }

  list(name: string): string[] {
    const v = this.values[name];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }

  /** An integer in [min, max]; strictly decimal digits (no 1e3, no 0x10, no 12px). Undefined when not given. */
  int(name: string, min: number, max: number): number | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    const value = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw usageError(`--${name}: expected an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
    }
    return value;
  }

  /** A decimal number in (0, max] (0.5, 2, 1e-1; not 0x10, Infinity or 2x). Undefined when not given. */
  positive(name: string, max: number): number | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    const value = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : NaN;
    if (!(value > 0 && value <= max)) {
      throw usageError(`--${name}: expected a number above 0 and at most ${max}, got ${JSON.stringify(text)}`);
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(text)) {
      throw usageError(`--${name}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(text)}`);
    }
    return text as T;
  }

  /** A comma-separated list of allowed names, without repeats. */
  oneOfList<T extends string>(name: string, allowed: readonly T[], fallback: readonly T[]): T[] {
    const text = this.string(name);
    if (text === undefined) return [...fallback];
    const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
    for (const n of names) {
      if (!(allowed as readonly string[]).includes(n)) {
        throw usageError(`--${name}: expected ${allowed.join(', ')} or a comma-separated list, got ${JSON.stringify(n)}`);
      }
    }
    if (names.length === 0) throw usageError(`--${name}: expected ${allowed.join(', ')} or a comma-separated list`);
    return [...new Set(names as T[])];
  }
}

/** The settings `render` and `bench` share, as far as flags give them (undefined: not given). */
function flagSettings(flags: Flags) {
  return {
    width: flags.int('width', 1, MAX_IMAGE_WIDTH),
    height: flags.int('height', 1, MAX_IMAGE_HEIGHT),
    samples: flags.int('samples', 1, MAX_SAMPLES),
    maxDepth: flags.int('max-depth', 0, MAX_RAY_DEPTH),
    seed: flags.int('seed', 0, 0xffff_ffff),
    mode: flags.oneOf('mode', RENDER_MODES),
    sampler: flags.oneOf('sampler', SAMPLERS)
  };
}

type DefinedOnly<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/** Drops the keys whose value is undefined, so spreading the result never overwrites a default with undefined. */
function definedOnly<T extends object>(values: T): DefinedOnly<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as DefinedOnly<T>;
}

function parseFormats(values: string[]): ImageFormat[] {
  const names = values.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
  if (names.length === 0) return ['png'];
  const formats: ImageFormat[] = [];
  for (const name of names) {
    if (!(IMAGE_FORMATS as readonly string[]).includes(name)) {
      throw usageError(`--format: expected ${IMAGE_FORMATS.join(', ')} or a comma-separated list, got ${JSON.stringify(name)}`);
    }
    if (!formats.includes(name as ImageFormat)) formats.push(name as ImageFormat);
  }
  return formats;
}
