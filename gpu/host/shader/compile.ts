// Creates shader modules from linked WGSL and reports compiler messages at their module file and line.
import { linkShader, type LinkedShader, type ModuleSources } from './linker.ts';

export interface ShaderMessage {
  readonly type: GPUCompilationMessageType;
  readonly module: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** The offending source line. */
  readonly source: string;
}

export class ShaderCompileError extends Error {
  constructor(
    readonly label: string,
    readonly messages: readonly ShaderMessage[]
  ) {
    super(`WGSL compilation of ${label} failed:\n${messages.map(formatShaderMessage).join('\n')}`);
    this.name = 'ShaderCompileError';
  }
}

export function formatShaderMessage(m: ShaderMessage): string {
  return `  ${m.module}.wgsl:${m.line}:${m.column}: ${m.type}: ${m.message}\n      ${m.source.trim()}`;
}

export function mapMessages(linked: LinkedShader, messages: readonly GPUCompilationMessage[]): ShaderMessage[] {
  const lines = linked.code.split('\n');
  return messages.map((m) => {
    const origin = m.lineNum > 0 ? linked.lineMap[m.lineNum - 1] : undefined;
    return {
      type: m.type,
      module: origin?.module ?? '<linked>',
      line: origin?.line ?? m.lineNum,
      column: m.linePos,
      message: m.message,
      source: m.lineNum > 0 ? (lines[m.lineNum - 1] ?? '') : ''
    };
  });
}

export interface CompiledShader {
  readonly module: GPUShaderModule;
  readonly linked: LinkedShader;
  readonly warnings: readonly ShaderMessage[];
}

/** Links `entry`, compiles it and throws ShaderCompileError (with file:line) on any error. */
export async function compileShader(
  device: GPUDevice,
  entry: string,
  sources: ModuleSources,
  label = entry
): Promise<CompiledShader> {
  const linked = linkShader(entry, sources);
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label, code: linked.code });
  const info = await module.getCompilationInfo();
  const scopeError = await device.popErrorScope();
  const messages = mapMessages(linked, info.messages);
  const errors = messages.filter((m) => m.type === 'error');
  if (errors.length > 0) throw new ShaderCompileError(label, errors);
  if (scopeError) {
    throw new ShaderCompileError(label, [
      { type: 'error', module: entry, line: 0, column: 0, message: scopeError.message, source: '' }
    ]);
  }
  return { module, linked, warnings: messages.filter((m) => m.type !== 'error') };
}
