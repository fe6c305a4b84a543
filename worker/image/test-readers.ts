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
