// Compiles every registered WGSL module and attributes each compiler message (errors and warnings) to the module
// file and line it came from, without throwing. Library modules may use globals their importer declares (the
// bind group lives in integrator/bindings.wgsl or in a test kernel), so modules are compiled as part of the
// programs that link them: each root (a module no other module imports) is linked and compiled once, and a module
// is checked by every root that contains it. What the shader harness lists, and what the suite asserts.
import { mapMessages, type ShaderMessage } from '../../shader/compile.ts';
import { importsOf, linkShader, type LinkedShader, type ModuleSources } from '../../shader/linker.ts';

export interface ProgramCheck {
  /** The root module linked into a program. */
  readonly root: string;
  /** Undefined when linking failed (unknown import, cycle). */
  readonly linked?: LinkedShader;
  readonly messages: readonly ShaderMessage[];
  readonly ms: number;
}

export interface ModuleCheck {
  readonly name: string;
  /** Roots whose programs contain this module. */
  readonly programs: readonly string[];
  /** Messages located in this module, from any program, without duplicates. */
  readonly messages: readonly ShaderMessage[];
  readonly ok: boolean;
}

/** Modules no other module imports: together their programs contain every module. */
export function rootModules(sources: ModuleSources): string[] {
  const imported = new Set(Object.values(sources).flatMap(importsOf));
  return Object.keys(sources).filter((name) => !imported.has(name));
}

export async function checkProgram(device: GPUDevice, root: string, sources: ModuleSources): Promise<ProgramCheck> {
  const t0 = performance.now();
  let linked: LinkedShader;
  try {
    linked = linkShader(root, sources);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { root, messages: [{ type: 'error', module: root, line: 0, column: 0, message, source: '' }], ms: performance.now() - t0 };
  }
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label: `check ${root}`, code: linked.code });
  const info = await module.getCompilationInfo();
  const scopeError = await device.popErrorScope();
  const messages = mapMessages(linked, info.messages);
  // A validation error without a located message (the compiler's text only) is charged to the root.
  if (scopeError && !messages.some((m) => m.type === 'error')) {
    messages.push({ type: 'error', module: root, line: 0, column: 0, message: scopeError.message, source: '' });
  }
  return { root, linked, messages, ms: performance.now() - t0 };
}

/** Per-module results from the programs' results. */
export function moduleChecks(sources: ModuleSources, programs: readonly ProgramCheck[]): ModuleCheck[] {
  return Object.keys(sources).map((name) => {
    const containing = programs.filter((p) => p.root === name || p.linked?.modules.includes(name));
    const seen = new Set<string>();
    const messages: ShaderMessage[] = [];
    for (const p of containing) {
      for (const m of p.messages) {
        const key = `${m.module}:${m.line}:${m.column}:${m.type}:${m.message}`;
        if (m.module !== name || seen.has(key)) continue;
        seen.add(key);
        messages.push(m);
      }
    }
    return { name, programs: containing.map((p) => p.root), messages, ok: !messages.some((m) => m.type === 'error') };
  });
}
