// WGSL modules generated from TypeScript constants, so each fact (kind tags, colour matrices, table sizes)
// has one source. Each entry maps an import name to a function producing the module's WGSL.

export const GENERATED_MODULES: Readonly<Record<string, () => string>> = {};
