// GPU struct layouts defined once in TypeScript: the WGSL declaration is generated from the same description
// the packer writes with, so host byte offsets and shader offsets cannot drift apart. Offsets follow the WGSL
// host-shareable layout rules (vec3 aligns to 16 but occupies 12 bytes, structs round up to their alignment).

type Scalar = 'f32' | 'u32' | 'i32';
type Vector = 'vec2f' | 'vec3f' | 'vec4f' | 'vec2u' | 'vec3u' | 'vec4u';
/** A nested struct is one struct, or with `count` an array of them. */
export type FieldType = Scalar | Vector | { readonly struct: StructLayout; readonly count?: number };

export interface FieldLayout {
  readonly name: string;
  readonly type: FieldType;
  readonly offset: number;
  readonly size: number;
}

export interface StructLayout {
  readonly name: string;
  readonly fields: readonly FieldLayout[];
  readonly fieldByName: ReadonlyMap<string, FieldLayout>;
  readonly size: number;
  readonly align: number;
}

const PRIMITIVE: Record<Scalar | Vector, { size: number; align: number; components: number; int: boolean }> = {
  f32: { size: 4, align: 4, components: 1, int: false },
  u32: { size: 4, align: 4, components: 1, int: true },
  i32: { size: 4, align: 4, components: 1, int: true },
  vec2f: { size: 8, align: 8, components: 2, int: false },
  vec3f: { size: 12, align: 16, components: 3, int: false },
  vec4f: { size: 16, align: 16, components: 4, int: false },
  vec2u: { size: 8, align: 8, components: 2, int: true },
  vec3u: { size: 12, align: 16, components: 3, int: true },
  vec4u: { size: 16, align: 16, components: 4, int: true }
};

const roundUp = (n: number, align: number) => Math.ceil(n / align) * align;

function sizeAlign(type: FieldType): { size: number; align: number } {
  if (typeof type === 'string') return PRIMITIVE[type];
  const stride = roundUp(type.struct.size, type.struct.align);
  return { size: stride * (type.count ?? 1), align: type.struct.align };
}

export function defineStruct(name: string, fields: ReadonlyArray<readonly [string, FieldType]>): StructLayout {
  let offset = 0;
  let align = 4;
  const laid: FieldLayout[] = [];
  for (const [fieldName, type] of fields) {
    const sa = sizeAlign(type);
    offset = roundUp(offset, sa.align);
    laid.push({ name: fieldName, type, offset, size: sa.size });
    offset += sa.size;
    align = Math.max(align, sa.align);
  }
  return {
    name,
    fields: laid,
    fieldByName: new Map(laid.map((f) => [f.name, f])),
    size: roundUp(offset, align),
    align
  };
}

function wgslType(type: FieldType): string {
  if (typeof type === 'string') return type;
  return type.count === undefined ? type.struct.name : `array<${type.struct.name}, ${type.count}>`;
}

/** The WGSL declaration of a layout (nested struct types must be declared separately, before use). */
export function structWgsl(layout: StructLayout): string {
  const body = layout.fields.map((f) => `  ${f.name}: ${wgslType(f.type)},`).join('\n');
  return `struct ${layout.name} {\n${body}\n}\n`;
}

export type FieldValue = number | readonly number[] | readonly StructValues[] | StructValues;
export interface StructValues {
  readonly [field: string]: FieldValue;
}

/** Writes `values` into `view` at `base`; fields left out stay as they are (zero in a fresh buffer). */
export function writeStruct(layout: StructLayout, view: DataView, base: number, values: StructValues): void {
  for (const [key, value] of Object.entries(values)) {
    const field = layout.fieldByName.get(key);
    if (!field) throw new Error(`${layout.name} has no field "${key}"`);
    const at = base + field.offset;
    if (typeof field.type !== 'string') {
      const inner = field.type.struct;
      if (field.type.count === undefined) {
        writeStruct(inner, view, at, value as StructValues);
        continue;
      }
      const stride = roundUp(inner.size, inner.align);
      const items = value as readonly StructValues[];
      if (items.length > field.type.count) throw new Error(`${layout.name}.${key}: more than ${field.type.count} items`);
      items.forEach((item, i) => writeStruct(inner, view, at + i * stride, item));
      continue;
    }
    const prim = PRIMITIVE[field.type];
    const comps = typeof value === 'number' ? [value] : (value as readonly number[]);
    if (comps.length !== prim.components) {
      throw new Error(`${layout.name}.${key}: expected ${prim.components} components, got ${comps.length}`);
    }
    comps.forEach((c, i) => {
      const o = at + i * 4;
      if (!prim.int) view.setFloat32(o, c, true);
      else if (field.type === 'i32') view.setInt32(o, c, true);
      else view.setUint32(o, c >>> 0, true);
    });
  }
}

/** Packs an array of records into one ArrayBuffer (at least one record long, as WebGPU needs a non-empty buffer). */
export function packArray(layout: StructLayout, items: readonly StructValues[]): ArrayBuffer {
  const stride = roundUp(layout.size, layout.align);
  const buffer = new ArrayBuffer(Math.max(1, items.length) * stride);
  const view = new DataView(buffer);
  items.forEach((item, i) => writeStruct(layout, view, i * stride, item));
  return buffer;
}
