// All WGSL sources a pipeline can link against: the files under gpu/shaders plus the modules generated from
// TypeScript constants.
import { SHADER_MODULES } from '../../shaders/index.ts';
import { GENERATED_MODULES } from './generated.ts';
import type { ModuleSources } from './linker.ts';

let cached: ModuleSources | undefined;

export function shaderSources(): ModuleSources {
  if (!cached) {
    const generated: Record<string, string> = {};
    for (const [name, generate] of Object.entries(GENERATED_MODULES)) generated[name] = generate();
    cached = { ...SHADER_MODULES, ...generated };
  }
  return cached;
}
