#!/usr/bin/env node
// CLI entry: loads the TypeScript sources through tsx, then hands over to worker/cli/main.ts.
import '../scripts/register.mjs';

const { main } = await import('../worker/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
