// No committed file names a path of the machine it was made on: a home, temporary or work folder in source, docs
// or a fixture's metadata (PNG text chunks once carried the folder a reference image was rendered in) means the
// repository leaks a developer's machine and may depend on it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** Absolute folders of a particular machine (POSIX homes, temp and work trees, macOS and Windows homes). */
const MACHINE_PATH = /(?<![\w.])(\/home\/[\w.-]+|\/root\/|\/Users\/[\w.-]+|\/work\/|\/tmp\/[\w.-]|\/var\/folders\/|[A-Z]:\\Users\\)/;

describe('repository hygiene', () => {
  it('no committed file names an absolute home, temp or work path', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    expect(files.length).toBeGreaterThan(100);
    const offenders: string[] = [];
    for (const file of files) {
      if (file === 'test/repo-hygiene.test.ts') continue; // its own examples below
      let text: string;
      try {
        // latin1 keeps binary files (PNG text chunks, EXR headers) searchable byte for byte.
        text = readFileSync(join(ROOT, file), 'latin1');
      } catch {
        continue; // deleted in the working tree
      }
      const match = MACHINE_PATH.exec(text);
      if (match) offenders.push(`${file}: ${JSON.stringify(text.slice(Math.max(0, match.index - 30), match.index + 50))}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the pattern catches the paths it is meant to', () => {
    for (const path of ['/home/alice/x', '/root/.cache', '/Users/bob/a', '/work/steering/shared', '/tmp/clovers-x', 'C:\\Users\\eve']) {
      expect(MACHINE_PATH.test(`Scene file ${path}`), path).toBe(true);
    }
    for (const text of ['https://example.com/home/', 'renders/<id>/image.png', 'mktemp -d -t clovers-XXXX', "tmpdir(), 'clovers-'"]) {
      expect(MACHINE_PATH.test(text), text).toBe(false);
    }
  });
});
