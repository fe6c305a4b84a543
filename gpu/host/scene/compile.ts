// Scene compiler: a parsed scene → flat GPU tables. Objects are flattened to world-space primitives with
// Translate/RotateY baked in exactly (boxes become 6 quads), materials and textures become records with
// per-colour sigmoid spectra, the priority set and the emissive glTF triangles become the light table (emitters
// for next-event estimation, then guides), ConstantMedium boundaries become media whose primitives sit after the
// BVH's range.
import { backgroundToXyzE } from '../../../src/lib/color/convert.ts';
import type { Gltf, MaterialInit, Ply, SceneFile, SceneObject, Stl } from '../../../src/lib/scene/index.ts';
import { MAX_TRIANGLES } from '../../../src/lib/limits.ts';
import type { SceneIssue } from '../../../src/lib/scene/issues.ts';
import type { SigmoidCoefficients } from '../spectrum/sigmoid.ts';
import { MATERIAL_FLAG, MAX_MEDIA } from './kinds.ts';
import { LIGHT_RECORD } from './records.ts';
import { packArray, type StructValues } from '../shader/struct-layout.ts';
import { packPrimitives, primitiveArea, PRIMITIVE_FLAG_ALPHA, type PrimitiveDesc } from './primitives.ts';
import { EMITTER_KINDS, MaterialTables } from './material-tables.ts';
import { buildBvh, type BvhStats } from '../bvh/build.ts';
import type { SceneMeshes } from '../mesh/mesh.ts';
import { forEachPlacedTriangle, placementTransform, type Affine } from '../mesh/transform.ts';
import type { TriangleMesh } from '../mesh/mesh.ts';
import type { TextureAtlas } from '../texture/atlas.ts';
import { compileEnvironment, type CompiledEnvironment } from '../environment/environment.ts';
import type { EnvironmentImage } from '../environment/image.ts';
import { ShadingTable } from './shading.ts';
import { compose, cross, IDENTITY, length, rotateVector, rotationY, sub, transformPoint, translation, type Rigid, type V3 } from '../math/vec3.ts';

export class SceneCompileError extends Error {
  constructor(readonly issues: readonly SceneIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    this.name = 'SceneCompileError';
  }
}

export interface MediumDesc {
  readonly first_prim: number;
  readonly prim_count: number;
  readonly texture: number;
  readonly density: number;
}

export interface CompiledScene {
  /** All primitives: [0, sceneCount) in BVH leaf order (leaves index them directly); medium boundaries follow. */
  readonly primitives: readonly PrimitiveDesc[];
  readonly sceneCount: number;
  readonly primitiveData: ArrayBuffer;
  readonly bvhNodes: ArrayBuffer;
  readonly bvhStats: BvhStats;
  readonly materials: ArrayBuffer;
  readonly textures: ArrayBuffer;
  readonly illuminants: Float32Array;
  readonly lights: ArrayBuffer;
  /** TriangleShading records of mesh triangles with normals, UVs or tangents (gpu/host/scene/shading.ts). */
  readonly triangleShading: ArrayBuffer;
  /** Every image texture of the scene (glTF), packed. */
  readonly atlas: TextureAtlas;
  readonly emitterCount: number;
  /** Some primitive is flagged PRIMITIVE_FLAG_ALPHA: the shaders need their alpha test. */
  readonly alphaTested: boolean;
  readonly guideCount: number;
  readonly media: readonly MediumDesc[];
  readonly background: SigmoidCoefficients;
  /** The environment light (replaces the background), if the scene has one. */
  readonly environment?: CompiledEnvironment;
  /** Probability that next-event estimation samples the environment rather than an emitter. */
  readonly environmentLightProbability: number;
  readonly counts: { readonly materials: number; readonly textures: number };
  /** Mesh (STL/PLY/glTF) faces placed, and zero-area ones skipped (not in `primitives`). */
  readonly meshStats: { readonly triangles: number; readonly degenerate: number };
}



/** Boxy as 6 quads with outward normals (u×v), in the reference's face order. */
function boxQuads(c0: V3, c1: V3): Array<{ q: V3; u: V3; v: V3 }> {
  const [x0, y0, z0] = [Math.min(c0[0], c1[0]), Math.min(c0[1], c1[1]), Math.min(c0[2], c1[2])];
  const [x1, y1, z1] = [Math.max(c0[0], c1[0]), Math.max(c0[1], c1[1]), Math.max(c0[2], c1[2])];
  const dx: V3 = [x1 - x0, 0, 0];
  const dy: V3 = [0, y1 - y0, 0];
  const dz: V3 = [0, 0, z1 - z0];
  const neg = (a: V3): V3 => [-a[0], -a[1], -a[2]];
  return [
    { q: [x0, y0, z1], u: dx, v: dy },
    { q: [x1, y0, z1], u: neg(dz), v: dy },
    { q: [x1, y0, z0], u: neg(dx), v: dy },
    { q: [x0, y0, z0], u: dz, v: dy },
    { q: [x0, y1, z1], u: dx, v: neg(dz) },
    { q: [x0, y0, z0], u: dx, v: dz }
  ];
}

class Compiler {
  readonly issues: SceneIssue[] = [];
  readonly scenePrims: PrimitiveDesc[] = [];
  readonly mediumPrims: Array<{ desc: PrimitiveDesc; priority: boolean }> = [];
  readonly priority: boolean[] = [];
  readonly media: MediumDesc[] = [];
  readonly meshStats = { triangles: 0, degenerate: 0 };
  readonly tables: MaterialTables;
  readonly shading = new ShadingTable();
  /** glTF files compiled so far: their first material's index (materials are shared by every instance). */
  private readonly gltfMaterialBase = new Map<TriangleMesh, number>();

  constructor(
    readonly scene: SceneFile,
    readonly assets: CompileAssets
  ) {
    this.tables = new MaterialTables(scene);
  }

  /**
   * Places a loaded mesh in the world (gpu/host/mesh/transform.ts), one triangle primitive per face with its
   * shading record; `material(t)` gives triangle t's material.
   */
  mesh(obj: Stl | Ply | Gltf, mesh: TriangleMesh, transform: Affine, path: string, material: (t: number) => number, emit: (desc: PrimitiveDesc) => void): void {
    const count = mesh.indices.length / 3;
    if (this.meshStats.triangles + count > MAX_TRIANGLES) {
      this.issues.push({
        path: `${path}.path`,
        message: `too many triangles: ${JSON.stringify(obj.path)} adds ${count.toLocaleString('en')} to ${this.meshStats.triangles.toLocaleString('en')}, over the scene limit of ${MAX_TRIANGLES.toLocaleString('en')}`
      });
      return;
    }
    const placed = forEachPlacedTriangle(mesh, transform, (q, u, v, t) =>
      emit({ kind: 'triangle', q, u, v, shading: this.shading.add(mesh, t, transform.m, u, v), material: material(t), medium: 0, flags: 0 })
    );
    if (placed.nonFinite > 0) {
      this.issues.push({ path, message: `${placed.nonFinite} triangles of ${JSON.stringify(obj.path)} fall outside the 32-bit float range (scale or center too large)` });
    }
    this.meshStats.triangles += count;
    this.meshStats.degenerate += placed.degenerate;
  }

  /** The loaded mesh an STL/PLY/GLTF object names, or undefined after reporting it missing. */
  loaded(obj: Stl | Ply | Gltf, path: string): TriangleMesh | undefined {
    const mesh = this.assets.meshes?.get(obj.path);
    if (!mesh) this.issues.push({ path: `${path}.path`, message: `mesh ${JSON.stringify(obj.path)} is not loaded (not a bundled model or uploaded file?)` });
    return mesh;
  }

  /** A sphere's radius may be negative: as in the reference, its normal (p − c)/r then points inward, which makes
   * the inner wall of a hollow glass shell (Shirley's bubble: radius 0.5 around −0.45). Only 0 is refused. */
  radius(radius: number, path: string): void {
    if (radius === 0) this.issues.push({ path: `${path}.radius`, message: 'must not be 0' });
  }

  /** Flattens an object into world-space primitives. */
  object(obj: SceneObject, to: Rigid, priority: boolean, path: string, medium: number): void {
    const isPriority = priority || obj.priority;
    const emit = (desc: PrimitiveDesc) => {
      if (medium > 0) this.mediumPrims.push({ desc: { ...desc, medium }, priority: isPriority });
      else {
        this.scenePrims.push(desc);
        this.priority.push(isPriority);
      }
    };
    const mat = (init: MaterialInit) => (medium > 0 ? 0 : this.tables.material(init, path));
    switch (obj.kind) {
      case 'Sphere':
        this.radius(obj.radius, path);
        emit({ kind: 'sphere', center: transformPoint(to, obj.center), radius: obj.radius, material: mat(obj.material), medium: 0, flags: 0 });
        break;
      case 'MovingSphere':
        this.radius(obj.radius, path);
        emit({
          kind: 'movingSphere',
          center0: transformPoint(to, obj.center_0),
          center1: transformPoint(to, obj.center_1),
          radius: obj.radius,
          material: mat(obj.material),
          medium: 0,
          flags: 0
        });
        break;
      case 'Quad':
      case 'Triangle':
        if (length(cross(obj.u, obj.v)) === 0) {
          this.issues.push({ path, message: `degenerate ${obj.kind}: u and v are parallel or zero` });
          break;
        }
        emit({
          kind: obj.kind === 'Quad' ? 'quad' : 'triangle',
          q: transformPoint(to, obj.q),
          u: rotateVector(to, obj.u),
          v: rotateVector(to, obj.v),
          material: mat(obj.material),
          medium: 0,
          flags: 0
        });
        break;
      case 'Boxy': {
        const m = mat(obj.material);
        const size = sub(obj.corner_1, obj.corner_0);
        if (size.some((s) => s === 0)) {
          this.issues.push({ path, message: 'degenerate Boxy: corner_0 and corner_1 share a coordinate' });
          break;
        }
        for (const f of boxQuads(obj.corner_0, obj.corner_1)) {
          emit({ kind: 'quad', q: transformPoint(to, f.q), u: rotateVector(to, f.u), v: rotateVector(to, f.v), material: m, medium: 0, flags: 0 });
        }
        break;
      }
      case 'ConstantMedium': {
        if (medium > 0) {
          this.issues.push({
            path,
            message:
              'a ConstantMedium cannot be (part of) the boundary of another ConstantMedium (decision 17); place it ' +
              'beside the other as its own object, where overlapping media add up'
          });
          break;
        }
        if (this.media.length >= MAX_MEDIA) {
          this.issues.push({ path, message: `too many ConstantMedium objects: at most ${MAX_MEDIA} per scene (decision 17)` });
          break;
        }
        if (!(obj.density > 0)) {
          this.issues.push({ path: `${path}.density`, message: `must be > 0, got ${obj.density}` });
          break;
        }
        const index = this.media.length;
        const first = this.mediumPrims.length;
        const texture = this.tables.texture(obj.texture, `${path}.texture`);
        this.media.push({ first_prim: first, prim_count: 0, texture, density: obj.density });
        this.object(obj.boundary, to, isPriority, `${path}.boundary`, index + 1);
        (this.media[index] as { prim_count: number }).prim_count = this.mediumPrims.length - first;
        break;
      }
      case 'RotateY':
        this.object(obj.object, compose(to, rotationY(obj.angle)), isPriority, `${path}.object`, medium);
        break;
      case 'Translate':
        this.object(obj.object, compose(to, translation(obj.offset)), isPriority, `${path}.object`, medium);
        break;
      case 'ObjectList':
        obj.objects.forEach((child, i) => this.object(child, to, isPriority, `${path}.objects[${i}]`, medium));
        break;
      case 'STL':
      case 'PLY': {
        const mesh = this.loaded(obj, path);
        if (!mesh) break;
        const m = mat(obj.material);
        this.mesh(obj, mesh, placementTransform(obj, to), path, () => m, emit);
        break;
      }
      case 'GLTF': {
        const mesh = this.loaded(obj, path);
        if (!mesh) break;
        const surface = mesh.surface;
        if (!surface) {
          this.issues.push({ path: `${path}.path`, message: `${JSON.stringify(obj.path)} is not a glTF file (its materials are missing)` });
          break;
        }
        let base = this.gltfMaterialBase.get(mesh);
        if (base === undefined) {
          const imageBase = this.tables.addImages(surface.images);
          base = this.tables.materialRecords.length;
          for (const m of surface.materials) this.tables.gltfMaterial(m, imageBase);
          this.gltfMaterialBase.set(mesh, base);
        }
        const first = base;
        // Inside a medium boundary only the shape counts (material 0), as for every other object.
        const material = medium > 0 ? () => 0 : (t: number) => first + surface.triangleMaterials[t];
        // A glTF file places itself (node transforms); only enclosing Translate/RotateY move it further.
        this.mesh(obj, mesh, placementTransform({ scale: 1, center: [0, 0, 0], rotation: [0, 0, 0] }, to), path, material, emit);
        break;
      }
    }
  }
}

export interface CompileAssets {
  /** Loaded mesh files by the scene's `path` strings (STL and PLY objects). */
  readonly meshes?: SceneMeshes;
  /** The decoded map of an Hdri environment (the caller loads `environment.path`; a Sky needs none). */
  readonly environment?: EnvironmentImage;
}

export function compileScene(scene: SceneFile, assets: CompileAssets = {}): CompiledScene {
  const c = new Compiler(scene, assets);
  scene.objects.forEach((obj, i) => c.object(obj, IDENTITY, false, `objects[${i}]`, 0));
  if (c.issues.length > 0) throw new SceneCompileError(c.issues);

  // Scene primitives in BVH leaf order, so leaves address them directly (no index indirection on the GPU).
  const bvh = buildBvh(c.scenePrims);
  const order = c.scenePrims.length > 0 ? Array.from(bvh.primIndices) : [];
  const all = [...order.map((i) => c.scenePrims[i]), ...c.mediumPrims.map((m) => m.desc)];
  const isPriority = [...order.map((i) => c.priority[i]), ...c.mediumPrims.map((m) => m.priority)];

  // Light set: emitters (next-event estimation, chosen in proportion to area × power) then guides. Analytic
  // lights join when marked `priority`, as in the reference. Emissive glTF triangles always join: the file's
  // emissive factors already say they are lights, a user expects an emissive mesh to light the scene, and
  // `priority` on a GLTF would also make every non-emissive triangle a guide. (The reference cannot sample glTF
  // triangles at all, so there is no behaviour of its to follow; the converged image is the same either way.)
  const emitters: number[] = [];
  const guides: number[] = [];
  all.forEach((p, i) => {
    const kind = c.tables.materialKinds[p.material];
    const scene = i < c.scenePrims.length;
    if (scene && kind === 'glTF' && c.tables.materialPower[p.material] > 0) emitters.push(i);
    else if (isPriority[i]) (scene && EMITTER_KINDS.has(kind) ? emitters : guides).push(i);
  });
  // The environment and the emitters share next-event estimation half and half: neither can be ranked by power
  // without the scene's extent, and half the samples suffice for either to converge without fireflies.
  const environment = compileEnvironment(scene.environment, assets.environment);
  const environmentLightProbability = environment ? (emitters.length > 0 ? 0.5 : 1) : 0;
  const lightRecords = emitterRecords(emitters, emitters.map((i) => primitiveArea(all[i]) * c.tables.materialPower[all[i].material]), 1 - environmentLightProbability);
  for (const prim of guides) lightRecords.push({ prim, probability: 0, cdf: 1 });
  // An emitter primitive's flags hold its light index + 1, so a hit can find its selection probability; triangles
  // of alpha-tested glTF materials are flagged for the traversal's alpha test.
  const flags = new Uint32Array(all.length);
  emitters.forEach((prim, k) => (flags[prim] = k + 1));
  const alphaMaterial = c.tables.materialRecords.map((r) => ((r.flags as number) & (MATERIAL_FLAG.alphaMask | MATERIAL_FLAG.alphaBlend)) !== 0);
  let alphaTested = false;
  if (alphaMaterial.some(Boolean)) {
    all.forEach((p, i) => {
      if (p.kind === 'triangle' && alphaMaterial[p.material]) {
        flags[i] = (flags[i] | PRIMITIVE_FLAG_ALPHA) >>> 0;
        alphaTested = true;
      }
    });
  }
  const primitives = all.map((p, i) => (flags[i] > 0 ? { ...p, flags: flags[i] } : p));

  const tables = c.tables.pack();
  const media = c.media.map((m) => ({ ...m, first_prim: m.first_prim + c.scenePrims.length }));

  return {
    primitives,
    sceneCount: c.scenePrims.length,
    primitiveData: packPrimitives(primitives.length > 0 ? primitives : [placeholderPrimitive()]),
    bvhNodes: bvh.nodes,
    bvhStats: bvh.stats,
    materials: tables.materials,
    textures: tables.textures,
    illuminants: tables.illuminants,
    lights: packArray(LIGHT_RECORD, lightRecords),
    triangleShading: c.shading.pack(),
    atlas: tables.atlas,
    emitterCount: emitters.length,
    alphaTested,
    guideCount: guides.length,
    media,
    background: c.tables.spectrum(backgroundToXyzE(scene.background_color)),
    environment,
    environmentLightProbability,
    counts: { materials: c.tables.materialRecords.length, textures: c.tables.textureRecords.length },
    meshStats: { ...c.meshStats }
  };
}

/**
 * Light records choosing emitter primitive prims[k] in proportion to weights[k] (uniformly when all are 0).
 * The cdf is rounded to f32 as the GPU reads it, and each probability is the width of its rounded interval —
 * the frequency with which the binary search really picks it — so that pdf and choice agree even for a
 * million lights whose probabilities are near f32's resolution (a light whose interval rounds to nothing has
 * probability 0: never chosen, and its emission found by BSDF sampling weighs 1). `share` is the probability that
 * next-event estimation picks an emitter at all (the environment takes the rest): it scales the probabilities,
 * not the cdf the search runs on.
 */
export function emitterRecords(prims: readonly number[], weights: readonly number[], share = 1): StructValues[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  let previous = 0;
  return weights.map((w, k) => {
    sum += total > 0 ? w / total : 1 / weights.length;
    const cdf = k === weights.length - 1 ? 1 : Math.fround(sum);
    const record = { prim: prims[k], probability: Math.fround(Math.fround(cdf - previous) * share), cdf };
    previous = cdf;
    return record;
  });
}

/** WebGPU buffers cannot be empty; a zero-radius sphere outside the BVH is never tested. */
function placeholderPrimitive(): PrimitiveDesc {
  return { kind: 'sphere', center: [0, 0, 0], radius: 0, material: 0, medium: 0, flags: 0 };
}
