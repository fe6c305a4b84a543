import { describe, expect, it } from 'vitest';
import { needsFilteredChild, StderrFilter } from './dawn-warnings.js';

const UNIFORM = 'Warning: maxDynamicUniformBuffersPerPipelineLayout artificially reduced from 1000000 to 16 to fit dynamic offset allocation limit.';
const STORAGE = 'Warning: maxDynamicStorageBuffersPerPipelineLayout artificially reduced from 500000 to 16 to fit dynamic offset allocation limit.';

function filtered(chunks: string[]): string[] {
  const writes: string[] = [];
  const filter = new StderrFilter((text) => writes.push(text));
  for (const chunk of chunks) filter.write(chunk);
  filter.end();
  return writes;
}

describe('StderrFilter', () => {
  it("drops exactly Dawn's two limit warnings, wherever the chunks split them", () => {
    const text = `${UNIFORM}\n${STORAGE}\nclovers: adapter x\nWarning: something else\n`;
    expect(filtered([text]).join('')).toBe('clovers: adapter x\nWarning: something else\n');
    const oneByOne = [...text];
    expect(filtered(oneByOne).join('')).toBe('clovers: adapter x\nWarning: something else\n');
    // Near misses stay: another number format, text around the line.
    const near = `${UNIFORM} (again)\nnote: ${STORAGE}\n${UNIFORM.replace('16', 'sixteen')}\n`;
    expect(filtered([near]).join('')).toBe(near);
  });

  it('passes a progress line on at once and never drops a line that started mid-line', () => {
    const writes: string[] = [];
    const filter = new StderrFilter((text) => writes.push(text));
    filter.write('\r███░░░ 1/4 spp');
    expect(writes).toEqual(['\r███░░░ 1/4 spp']);
    filter.write(`${UNIFORM}\n`); // on screen it follows the bar: not a line of its own
    expect(writes.join('')).toBe(`\r███░░░ 1/4 spp${UNIFORM}\n`);
    filter.write('Warn');
    expect(writes).toHaveLength(2); // might become a warning: held back until its newline
    filter.write('ed\n');
    expect(writes.at(-1)).toBe('Warned\n');
  });

  it('passes on a last line without a newline at the end', () => {
    expect(filtered(['done\nWarning: max'])).toEqual(['done\n', 'Warning: max']);
  });
});

describe('needsFilteredChild', () => {
  it('is true for the commands that open a device, whatever global flags come first', () => {
    expect(needsFilteredChild(['-q', '--debug', 'render', 'x.json'])).toBe(process.platform !== 'win32' && process.env.CLOVERS_STDERR_FILTERED === undefined);
    expect(needsFilteredChild(['validate', 'x.json'])).toBe(false);
    expect(needsFilteredChild(['schema'])).toBe(false);
    expect(needsFilteredChild(['--version'])).toBe(false);
  });
});
