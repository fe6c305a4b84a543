// Test helper: standard image readers (OpenEXR's exrheader, ImageMagick) installed by
// `scripts/setup-system.sh image-tools`, which scripts/test.sh runs.
import { execFileSync } from 'node:child_process';

function run(tool: string, args: string[]): Buffer {
  try {
    return execFileSync(tool, args, { maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is missing: run \`bash scripts/setup-system.sh image-tools\` (installs openexr, imagemagick)`);
    }
    throw error;
  }
}

/** `exrheader`'s text: OpenEXR's own parse of every header attribute. */
export function exrHeader(path: string): string {
  return run('exrheader', [path]).toString('utf8');
}

/** Pixels as ImageMagick (Q16) decodes them: interleaved R, G, B in [0, 1], in steps of 1/65535. */
export function readRgb(path: string): Float32Array {
  const raw = run('stream', ['-map', 'rgb', '-storage-type', 'short', path, '-']);
  const quanta = new Uint16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2);
  return Float32Array.from(quanta, (q) => q / 65535);
}

/** One ImageMagick property (`%[Software]`, `%w`, ...) of an image. */
export function identifyFormat(path: string, format: string): string {
  return run('identify', ['-format', format, path]).toString('utf8');
}

/**
 * Every channel of an EXR file as OpenEXR decodes it (pfstools' `pfsinexr`), by name: layers keep theirs
 * (`albedo.R`, `depth.Z`) and their float32 values; R, G, B come out as pfs' X, Y, Z, converted through the file's
 * chromaticities. Each channel is width × height floats, rows top to bottom.
 */
export function readExrChannels(path: string): Map<string, Float32Array> {
  const pfs = run('pfsinexr', [path]);
  const end = pfs.indexOf('ENDH');
  const lines = pfs.subarray(0, end).toString('utf8').split('\n');
  if (lines[0] !== 'PFS1') throw new Error(`pfsinexr: not a pfs stream: ${JSON.stringify(lines[0])}`);
  const [width, height] = lines[1].split(' ').map(Number);
  const count = Number(lines[2]);
  // Frame tags, then per channel its name and its tags.
  let at = 4 + Number(lines[3]);
  const names: string[] = [];
  for (let c = 0; c < count; c++) {
    names.push(lines[at]);
    at += 2 + Number(lines[at + 1]);
  }
  const data = pfs.subarray(end + 4);
  const pixels = width * height;
  return new Map(names.map((name, c) => [name, Float32Array.from({ length: pixels }, (_, p) => data.readFloatLE((c * pixels + p) * 4))]));
}
