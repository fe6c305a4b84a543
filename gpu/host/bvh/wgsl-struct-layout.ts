// Host-shareable layout of a WGSL struct, read from the shader source (WGSL §14.4 alignment and size rules), so
// tests can check a packer's offsets against the shader. A stand-in for wgsl_reflect until that package is a
// dev dependency; it knows scalars, vectors and structs declared in the same source.

export interface StructMember {
  readonly name: string;
  readonly type: string;
  readonly offset: number;
  readonly size: number;
}

export interface StructLayout {
  readonly name: string;
  readonly size: number;
  readonly align: number;
  readonly members: readonly StructMember[];
}

const SCALAR = new Set(['f32', 'u32', 'i32']);

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

function typeLayout(type: string, structs: Map<string, string>): { size: number; align: number } {
  const t = type.replace(/\s+/g, '');
  if (SCALAR.has(t)) return { size: 4, align: 4 };
  const vec = /^vec([234])(?:<(f32|u32|i32)>|([fui]))$/.exec(t);
  if (vec) {
    const n = Number(vec[1]);
    return { size: 4 * n, align: n === 2 ? 8 : 16 };
  }
  const body = structs.get(t);
  if (body !== undefined) {
    const layout = layoutOf(t, body, structs);
    return { size: layout.size, align: layout.align };
  }
  throw new Error(`wgsl-struct-layout: unsupported type "${type}"`);
}

function layoutOf(name: string, body: string, structs: Map<string, string>): StructLayout {
  const members: StructMember[] = [];
  let offset = 0;
  let align = 1;
  for (const field of body.split(',')) {
    const m = /^\s*(?:@\w+(?:\([^)]*\))?\s*)*(\w+)\s*:\s*([\w<>\s]+?)\s*$/.exec(field);
    if (!m) {
      if (field.trim() !== '') throw new Error(`wgsl-struct-layout: cannot read field "${field.trim()}"`);
      continue;
    }
    const t = typeLayout(m[2], structs);
    offset = Math.ceil(offset / t.align) * t.align;
    members.push({ name: m[1], type: m[2].replace(/\s+/g, ''), offset, size: t.size });
    offset += t.size;
    align = Math.max(align, t.align);
  }
  return { name, size: Math.ceil(offset / align) * align, align, members };
}

/** Layout of struct `name` declared in `source`. */
export function wgslStructLayout(source: string, name: string): StructLayout {
  const structs = new Map<string, string>();
  for (const m of stripComments(source).matchAll(/struct\s+(\w+)\s*\{([^}]*)\}/g)) structs.set(m[1], m[2]);
  const body = structs.get(name);
  if (body === undefined) throw new Error(`wgsl-struct-layout: struct ${name} not found`);
  return layoutOf(name, body, structs);
}
