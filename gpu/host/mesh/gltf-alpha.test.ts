// glTF alpha coverage in the path tracer: an emissive white pane before a blue background. MASK shows the pane
// where its texture's alpha reaches the cutoff and the background elsewhere; BLEND shows the alpha blend of the
// two in expectation (stochastic transparency), in the megakernel and the wavefront alike; a BLEND pane lighting a
// floor lights it by its alpha, next-event estimation included.
import { describe, expect, it } from 'vitest';
import { renderScene } from '../render/render.ts';
import type { IntegratorName } from '../render/types.ts';
import { sceneOf, SMALL } from '../testing/render-scene.ts';
import { testGpu } from '../testing/test-device.ts';
import { DEFAULT_GLTF_MATERIAL, type GltfMaterial } from './gltf-material.ts';
import type { TriangleMesh } from './mesh.ts';

const SIZE = 32;
const BACKGROUND = [0.1, 0.2, 0.9];

/** Corners of the pane facing −z (toward the camera), uv (0,0)–(1,1) left to right. */
const FACING_CAMERA = [-1, -1, 0, 1, -1, 0, 1, 1, 0, -1, 1, 0];

/** A square pane (corners as FACING_CAMERA's) emitting white. */
function pane(material: Partial<GltfMaterial>, image?: { width: number; height: number; data: Uint8Array }, corners = FACING_CAMERA): TriangleMesh {
  return {
    positions: new Float32Array(corners),
    // Counter-clockwise seen from −z: the front faces the camera.
    indices: new Uint32Array([0, 2, 1, 0, 3, 2]),
    corners: { uvs: new Float32Array([0, 1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0]) },
    surface: {
      triangleMaterials: new Uint32Array(2),
      materials: [{ ...DEFAULT_GLTF_MATERIAL, name: 'pane', emissiveFactor: [1, 1, 1], ...material }],
      images: image ? [image] : []
    }
  };
}

/** 16×16 white texels, transparent (alpha 0) in the left half and opaque in the right half. */
function halfTransparent() {
  const data = new Uint8Array(16 * 16 * 4).fill(255);
  for (let y = 0; y < 16; y++) for (let x = 0; x < 8; x++) data[4 * (y * 16 + x) + 3] = 0;
  return { width: 16, height: 16, data };
}

async function render(mesh: TriangleMesh, integrator: IntegratorName = 'megakernel', samples = 16) {
  const scene = sceneOf({
    time_0: 0,
    time_1: 1,
    background_color: BACKGROUND,
    camera: { look_from: [0, 0, -3], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 60, aperture: 0, focus_distance: 3 },
    objects: [{ kind: 'GLTF', path: 'pane' }],
    materials: []
  });
  const result = await renderScene(await testGpu(), scene, { ...SMALL, width: SIZE, height: SIZE, samples, maxDepth: 4, integrator }, {}, { meshes: new Map([['pane', mesh]]) });
  /** Mean Y and Z over a block of pixels. */
  return (x0: number, x1: number, y0: number, y1: number) => {
    let [y, z] = [0, 0];
    for (let py = y0; py < y1; py++) {
      for (let px = x0; px < x1; px++) {
        y += result.xyz[3 * (py * SIZE + px) + 1];
        z += result.xyz[3 * (py * SIZE + px) + 2];
      }
    }
    const n = (x1 - x0) * (y1 - y0);
    return { y: y / n, z: z / n };
  };
}

describe('glTF alpha coverage', () => {
  it('MASK: the pane shows where its alpha reaches the cutoff, the background where it does not', async () => {
    const masked = await render(pane({ alphaMode: 'MASK', alphaCutoff: 0.5, baseColorTexture: { image: 0 } }, halfTransparent()));
    // References at the same pixels (so the same wavelength samples): the pane without alpha, and the pane fully cut
    // away (a cutoff no alpha reaches), which shows only the background.
    const solid = await render(pane({ baseColorTexture: { image: 0 } }, halfTransparent()));
    const cutAway = await render(pane({ alphaMode: 'MASK', alphaCutoff: 2, baseColorTexture: { image: 0 } }, halfTransparent()));
    // The pane spans the middle of the image (about pixels 6–25). Seen from −z with +y up, +x (u > 0.5, the
    // opaque texels) is on the image's left and −x (u < 0.5, transparent) on its right.
    const [opaqueSide, transparentSide] = [[9, 13, 12, 20], [19, 23, 12, 20]] as const;
    console.log(`MASK: opaque side Y ${masked(...opaqueSide).y.toFixed(3)} (pane ${solid(...opaqueSide).y.toFixed(3)}), transparent side Y ${masked(...transparentSide).y.toFixed(3)} (background ${cutAway(...transparentSide).y.toFixed(3)})`);
    expect(masked(...opaqueSide)).toEqual(solid(...opaqueSide));
    expect(masked(...transparentSide)).toEqual(cutAway(...transparentSide));
    expect(solid(...transparentSide).y).toBeGreaterThan(5 * cutAway(...transparentSide).y);
  });

  for (const integrator of ['megakernel', 'wavefront'] as IntegratorName[]) {
    it(`BLEND (${integrator}): alpha 0.3 shows 0.3 of the pane and 0.7 of the background, in expectation`, async () => {
      const block = await render(pane({ alphaMode: 'BLEND', baseColorFactor: [1, 1, 1, 0.3] }), integrator, 64);
      const opaque = (await render(pane({})))(11, 21, 11, 21);
      const background = block(0, 3, 0, 3);
      const mixed = block(11, 21, 11, 21);
      const expected = 0.3 * opaque.y + 0.7 * background.y;
      console.log(`BLEND ${integrator}: mixed Y ${mixed.y.toFixed(4)}, expected ${expected.toFixed(4)} (pane ${opaque.y.toFixed(3)}, background ${background.y.toFixed(3)})`);
      // 100 pixels × 64 samples of a two-valued estimator: the standard error is about 0.6% of the difference.
      expect(Math.abs(mixed.y - expected)).toBeLessThan(0.03 * (opaque.y - background.y));
    });
  }

  it('a BLEND pane of alpha 0.3 lights a floor 0.3 as much as an opaque one (next-event estimation included)', async () => {
    const overhead = [-0.5, 1.5, -0.5, 0.5, 1.5, -0.5, 0.5, 1.5, 0.5, -0.5, 1.5, 0.5];
    const floorY = async (material: Partial<GltfMaterial>) => {
      const scene = sceneOf({
        time_0: 0,
        time_1: 1,
        background_color: [0, 0, 0],
        // The pane is above the view; the camera sees the floor it lights.
        camera: { look_from: [0, 0.8, -3], look_at: [0, 0, 0], up: [0, 1, 0], vertical_fov: 20, aperture: 0, focus_distance: 3 },
        objects: [{ kind: 'GLTF', path: 'pane' }, { kind: 'Quad', q: [-3, 0, -3], u: [6, 0, 0], v: [0, 0, 6], material: 'white' }],
        materials: [{ name: 'white', kind: 'Lambertian', albedo: { kind: 'SolidColor', color: [0.8, 0.8, 0.8] } }]
      });
      const meshes = new Map([['pane', pane(material, undefined, overhead)]]);
      const result = await renderScene(await testGpu(), scene, { ...SMALL, width: SIZE, height: SIZE, samples: 64, maxDepth: 4 }, {}, { meshes });
      let y = 0;
      for (let i = 0; i < SIZE * SIZE; i++) y += result.xyz[3 * i + 1] / (SIZE * SIZE);
      return y;
    };
    const opaque = await floorY({});
    const blended = await floorY({ alphaMode: 'BLEND', baseColorFactor: [1, 1, 1, 0.3] });
    console.log(`floor lit by the pane: opaque Y ${opaque.toFixed(4)}, BLEND 0.3 Y ${blended.toFixed(4)}, ratio ${(blended / opaque).toFixed(3)}`);
    expect(opaque).toBeGreaterThan(0.005);
    expect(blended / opaque).toBeGreaterThan(0.27);
    expect(blended / opaque).toBeLessThan(0.33);
  });
});
