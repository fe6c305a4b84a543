// WGSL modules generated from TypeScript constants, so each fact (kind tags, record layouts, colour matrices)
// has one source. Each entry maps an import name to a function producing the module's WGSL.
import { colorMatricesWgsl } from '../film/color-matrices.ts';
import { sceneKindsWgsl } from '../scene/kinds.ts';
import { sceneRecordsWgsl } from '../scene/records.ts';
import { primitiveWgsl } from '../scene/primitives.ts';
import { bvhLayoutWgsl } from '../bvh/layout.ts';
import { rgbBasisWgsl } from '../texture/rgb-basis.ts';
import { sceneTablesWgsl } from '../render/scene-tables.ts';
import { sceneFeaturesWgsl } from '../scene/features.ts';
import { pathTracerBindingsWgsl, wavefrontStateWgsl } from '../render/binding-table.ts';

export const GENERATED_MODULES: Readonly<Record<string, () => string>> = {
  'generated/primitive': primitiveWgsl,
  'generated/bvh_layout': bvhLayoutWgsl,
  'generated/color_matrices': colorMatricesWgsl,
  'generated/scene_kinds': sceneKindsWgsl,
  'generated/scene_records': sceneRecordsWgsl,
  'generated/rgb_basis': rgbBasisWgsl,
  'generated/path_tracer_bindings': pathTracerBindingsWgsl,
  'generated/wavefront_state': wavefrontStateWgsl,
  /** One segment per table; the path tracer regenerates it for scenes above the binding limit. */
  'generated/scene_tables': () => sceneTablesWgsl(),
  /** Every feature and any view; the path tracer regenerates it for each scene's features and view. */
  'generated/scene_features': () => sceneFeaturesWgsl()
};
