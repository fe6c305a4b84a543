// Reflected interface of a WGSL module (wgsl_reflect): the bindings, structs with member offsets and sizes, and
// compute entry points of the program the module links to, each located at its module file and line.
import { ResourceType, WgslReflect, type StructInfo, type TypeInfo } from 'wgsl_reflect/wgsl_reflect.module.js';
import type { LinkedShader, SourceLocation } from '../../../gpu/host/shader/linker.ts';

export interface ReflectedBinding {
  readonly group: number;
  readonly binding: number;
  readonly name: string;
  readonly resource: string;
  readonly access: string;
  readonly type: string;
  /** Bytes; 0 for runtime-sized arrays and non-buffer resources. */
  readonly size: number;
  readonly at?: SourceLocation;
}

export interface ReflectedMember {
  readonly name: string;
  readonly type: string;
  readonly offset: number;
  readonly size: number;
}

export interface ReflectedStruct {
  readonly name: string;
  readonly size: number;
  readonly align: number;
  readonly members: readonly ReflectedMember[];
  readonly at?: SourceLocation;
}

export interface ReflectedEntryPoint {
  readonly name: string;
  readonly workgroupSize: readonly number[];
  readonly at?: SourceLocation;
}

export interface Reflection {
  readonly bindings: readonly ReflectedBinding[];
  readonly structs: readonly ReflectedStruct[];
  readonly entryPoints: readonly ReflectedEntryPoint[];
}

export class ReflectionError extends Error {
  constructor(
    message: string,
    readonly at?: SourceLocation
  ) {
    super(at ? `${at.module}.wgsl:${at.line}: ${message}` : message);
    this.name = 'ReflectionError';
  }
}

const RESOURCE_NAMES: Readonly<Record<number, string>> = {
  [ResourceType.Uniform]: 'uniform',
  [ResourceType.Storage]: 'storage',
  [ResourceType.Immediate]: 'immediate',
  [ResourceType.Texture]: 'texture',
  [ResourceType.Sampler]: 'sampler',
  [ResourceType.StorageTexture]: 'storage texture'
};

const typeName = (t: TypeInfo | null): string => t?.getTypeName() ?? '?';

function structOf(info: StructInfo, at: SourceLocation | undefined): ReflectedStruct {
  return {
    name: info.name,
    size: info.size,
    align: info.align,
    at,
    members: info.members.map((m) => ({ name: m.name, type: typeName(m.type), offset: m.offset, size: m.size }))
  };
}

/** Reflects the linked program; throws ReflectionError located at the module line the parser stopped on. */
export function reflectLinked(linked: LinkedShader): Reflection {
  const at = (line: number): SourceLocation | undefined => (line > 0 ? linked.lineMap[line - 1] : undefined);
  let reflect: WgslReflect;
  try {
    reflect = new WgslReflect(linked.code);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const line = /Line: (\d+)/.exec(message);
    throw new ReflectionError(message.replace(/\s*Line: \d+\s*$/, ''), line ? at(Number(line[1])) : undefined);
  }
  const lines = linked.code.split('\n');
  const declarationLine = (name: string): number => {
    const pattern = new RegExp(`\\bvar\\b[^;]*\\b${name}\\s*:`);
    return lines.findIndex((l) => pattern.test(l)) + 1;
  };
  const bindings = reflect
    .getBindGroups()
    .flatMap((group) => group ?? [])
    .filter((v) => v !== undefined && v !== null)
    .map((v) => ({
      group: v.group,
      binding: v.binding,
      name: v.name,
      resource: RESOURCE_NAMES[v.resourceType] ?? String(v.resourceType),
      access: v.access,
      type: typeName(v.type),
      size: v.size,
      at: at(declarationLine(v.name))
    }));
  return {
    bindings,
    structs: reflect.structs.map((s) => structOf(s, at(s.startLine))),
    entryPoints: reflect.entry.compute.map((f) => ({
      name: f.name,
      workgroupSize: f.workgroupSize ?? [1, 1, 1],
      at: at(f.startLine)
    }))
  };
}
