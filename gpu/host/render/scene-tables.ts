// The scene's three big tables (primitives, BVH nodes, triangle shading records) and how they are bound. A
// storage binding may be no larger than the device's maxStorageBufferBindingSize (128 MiB on lavapipe and on many
// browsers), so a table above it is split into segments of whole records, one binding each, and the generated
// WGSL module generated/scene_tables reads a record through an accessor (primitive_at, bvh_node_at,
// triangle_shading_at) that picks the segment. With one segment per table (every scene below the limit) the
// accessors are plain array reads, so the common case pays nothing for the split.
import { BVH_NODE_RECORD } from '../bvh/layout.ts';
import { PRIMITIVE_RECORD } from '../scene/primitives.ts';
import { TRIANGLE_SHADING_RECORD } from '../scene/records.ts';
import type { StructLayout } from '../shader/struct-layout.ts';
import { BINDING, FIRST_SEGMENT_BINDING, FIXED_STORAGE_BUFFERS, type BindingName, type SegmentedBindingName } from './binding-table.ts';

export class SceneTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SceneTooLargeError';
  }
}

/** A byte count as SceneTooLargeError messages write it: "12.3 MiB". */
export function formatMiB(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** Named as their bindings (binding-table.ts). */
export type SceneTableKey = SegmentedBindingName;

interface TableDescriptor {
  readonly key: SceneTableKey;
  /** For messages. */
  readonly label: string;
  /** WGSL variable of the first segment; later segments append _1, _2, … */
  readonly variable: string;
  readonly accessor: string;
  readonly record: StructLayout;
}

const TABLES: readonly TableDescriptor[] = [
  { key: 'primitives', label: 'primitives', variable: 'primitives', accessor: 'primitive_at', record: PRIMITIVE_RECORD },
  { key: 'bvhNodes', label: 'BVH nodes', variable: 'bvh_nodes', accessor: 'bvh_node_at', record: BVH_NODE_RECORD },
  { key: 'triangleShading', label: 'triangle shading data', variable: 'triangle_shading', accessor: 'triangle_shading_at', record: TRIANGLE_SHADING_RECORD }
];

export interface TablePlan {
  readonly key: SceneTableKey;
  readonly recordBytes: number;
  readonly records: number;
  /** Records per segment; every segment but the last is full. */
  readonly perSegment: number;
  /** One binding per segment, the first at the table's own binding number. */
  readonly bindings: readonly number[];
}

export type SceneTablesPlan = Readonly<Record<SceneTableKey, TablePlan>> & {
  /** Compile the traversal's alpha test in (the scene has alpha-tested triangles); scenes without pay nothing. */
  readonly alphaTest: boolean;
};

export interface BindingLimits {
  readonly maxStorageBufferBindingSize: number;
  readonly maxStorageBuffersPerShaderStage: number;
}

/**
 * Splits each table into segments of at most `limits.maxStorageBufferBindingSize` bytes (`maxSegmentBytes`, when
 * given and smaller, lowers it: tests use it to split small scenes). Throws SceneTooLargeError when the segments
 * need more storage bindings than the device grants per shader stage.
 */
export function planSceneTables(
  bytes: Readonly<Record<SceneTableKey, number>>,
  limits: BindingLimits,
  maxSegmentBytes = Infinity,
  alphaTest = false
): SceneTablesPlan {
  const segmentBytes = Math.min(limits.maxStorageBufferBindingSize, maxSegmentBytes);
  let next = FIRST_SEGMENT_BINDING;
  const plans = TABLES.map((t): TablePlan => {
    const recordBytes = t.record.size;
    const records = Math.ceil(bytes[t.key] / recordBytes);
    const perSegment = Math.floor(segmentBytes / recordBytes);
    if (perSegment < 1) throw new SceneTooLargeError(`the device's storage binding limit (${segmentBytes} bytes) is smaller than one ${t.record.name} record`);
    const segments = Math.max(1, Math.ceil(records / perSegment));
    const bindings = [BINDING[t.key]];
    for (let s = 1; s < segments; s++) bindings.push(next++);
    return { key: t.key, recordBytes, records, perSegment, bindings };
  });
  const needed = FIXED_STORAGE_BUFFERS + plans.reduce((n, p) => n + p.bindings.length, 0);
  if (needed > limits.maxStorageBuffersPerShaderStage) {
    const parts = TABLES.map((t, i) => `${t.label} ${formatMiB(bytes[t.key])} in ${plans[i].bindings.length}`).join(', ');
    throw new SceneTooLargeError(
      `the scene needs ${needed} storage bindings of at most ${formatMiB(segmentBytes)} (${parts}), over this device's ` +
        `${limits.maxStorageBuffersPerShaderStage} per shader stage (simplify the scene or use a device with higher limits)`
    );
  }
  return { primitives: plans[0], bvhNodes: plans[1], triangleShading: plans[2], alphaTest };
}

/** The three tables' plans. */
export function tablePlans(plan: SceneTablesPlan): TablePlan[] {
  return [plan.primitives, plan.bvhNodes, plan.triangleShading];
}

/** One segment per table: the layout of every scene within the binding limit (and of the shader harness). */
export const SINGLE_SEGMENT_PLAN: SceneTablesPlan = planSceneTables(
  { primitives: 0, bvhNodes: 0, triangleShading: 0 },
  { maxStorageBufferBindingSize: 2 ** 27, maxStorageBuffersPerShaderStage: 8 }
);

/** The binding numbers of `names`, with every segment of the split tables among them. */
export function withSegments(plan: SceneTablesPlan, names: readonly BindingName[]): number[] {
  const out = names.map((n) => BINDING[n]);
  for (const t of tablePlans(plan)) if (names.includes(t.key)) out.push(...t.bindings.slice(1));
  return out;
}

/** WGSL of generated/scene_tables for a plan: the segments' bindings and the accessors. */
export function sceneTablesWgsl(plan: SceneTablesPlan = SINGLE_SEGMENT_PLAN): string {
  const lines = [
    '// Generated by gpu/host/render/scene-tables.ts: the big scene tables, each split into segments of at most the',
    "// device's storage binding size (one binding each), and the accessors that pick a record's segment.",
    '// #import generated/primitive',
    '// #import generated/bvh_layout',
    '// #import generated/scene_records',
    '',
    '/// Whether the traversal and next-event estimation run the alpha test of flagged triangles (materials/alpha).',
    `const SCENE_ALPHA_TEST: bool = ${plan.alphaTest};`
  ];
  for (const t of TABLES) {
    const { bindings, perSegment } = plan[t.key];
    const name = (s: number) => (s === 0 ? t.variable : `${t.variable}_${s}`);
    lines.push('');
    bindings.forEach((binding, s) => lines.push(`@group(0) @binding(${binding}) var<storage, read> ${name(s)}: array<${t.record.name}>;`));
    lines.push('', `fn ${t.accessor}(i: u32) -> ${t.record.name} {`);
    for (let s = 0; s < bindings.length - 1; s++) {
      lines.push(`  if (i < ${(s + 1) * perSegment}u) {`, `    return ${name(s)}[i${s > 0 ? ` - ${s * perSegment}u` : ''}];`, '  }');
    }
    const last = bindings.length - 1;
    lines.push(`  return ${name(last)}[i${last > 0 ? ` - ${last * perSegment}u` : ''}];`, '}');
  }
  return lines.join('\n');
}
