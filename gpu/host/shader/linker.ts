// A small deterministic WGSL linker. A module names its dependencies with comment directives
//   // #import spectrum/cmf
// (paths relative to gpu/shaders, without ".wgsl"); linking emits each module once, dependencies first, and
// keeps a line map so compiler messages point at the module file and line they came from.

export type ModuleSources = Readonly<Record<string, string>>;

export interface SourceLocation {
  readonly module: string;
  readonly line: number;
}

export interface LinkedShader {
  readonly code: string;
  /** lineMap[i] is the origin of output line i + 1. */
  readonly lineMap: readonly SourceLocation[];
  /** Modules in emission order. */
  readonly modules: readonly string[];
}

const IMPORT = /^\s*\/\/\s*#import\s+([\w/.-]+)\s*$/;

export class ShaderLinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShaderLinkError';
  }
}

export function importsOf(source: string): string[] {
  const names: string[] = [];
  for (const line of source.split('\n')) {
    const m = IMPORT.exec(line);
    if (m) names.push(m[1]);
  }
  return names;
}

export function linkShader(entry: string, sources: ModuleSources): LinkedShader {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, from: string | undefined): void => {
    const s = state.get(name);
    if (s === 'done') return;
    if (s === 'visiting') throw new ShaderLinkError(`import cycle through "${name}"`);
    const source = sources[name];
    if (source === undefined) {
      throw new ShaderLinkError(`unknown WGSL module "${name}"${from ? ` imported by ${from}.wgsl` : ''}`);
    }
    state.set(name, 'visiting');
    for (const dep of importsOf(source)) visit(dep, name);
    state.set(name, 'done');
    order.push(name);
  };
  visit(entry, undefined);

  const lines: string[] = [];
  const lineMap: SourceLocation[] = [];
  for (const name of order) {
    const moduleLines = sources[name].replace(/\r\n/g, '\n').split('\n');
    if (moduleLines[moduleLines.length - 1] === '') moduleLines.pop();
    moduleLines.forEach((text, i) => {
      lines.push(text);
      lineMap.push({ module: name, line: i + 1 });
    });
  }
  return { code: lines.join('\n') + '\n', lineMap, modules: order };
}
