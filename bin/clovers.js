#!/usr/bin/env node
// CLI entry. A command that opens a GPU device first runs again in a child process whose stderr drops Dawn's two
// limit warnings (worker/cli/dawn-warnings.js); this parent stays plain JavaScript so it starts fast. Other
// commands, and that child, load the TypeScript sources through tsx and run worker/cli/main.ts.
import { filteredChildStderr, needsFilteredChild, runWithFilteredStderr } from '../worker/cli/dawn-warnings.js';

const argv = process.argv.slice(2);
const status = needsFilteredChild(argv) ? await runWithFilteredStderr(argv) : undefined;
if (status !== undefined) {
  process.exitCode = status;
} else {
  await import('../scripts/register.mjs');
  const { main } = await import('../worker/cli/main.ts');
  process.exitCode = await main(argv, { stderr: filteredChildStderr() });
}
