// Texture atlas packing, and textures/image.wgsl on the GPU: bilinear filtering with REPEAT wrap inside each
// atlas rectangle (no bleeding from neighbours), sRGB decoding before filtering, and the texel RGB → spectrum
// basis against its host twin.
import { describe, expect, it } from 'vitest';
import { compileShader } from '../shader/compile.ts';
import { shaderSources } from '../shader/sources.ts';
import { testDevice } from '../testing/test-device.ts';
import { packAtlas, type TextureAtlas } from './atlas.ts';
import type { DecodedImage } from './image.ts';
import { rgbSpectrum } from './rgb-basis.ts';

/** An image whose every channel of texel (x, y) is value(x, y). */
function image(width: number, height: number, value: (x: number, y: number) => number): DecodedImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.fill(value(x, y), 4 * (y * width + x), 4 * (y * width + x) + 4);
  return { width, height, data };
}

const srgbDecode = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

describe('packAtlas', () => {
  it('places every image without overlap and copies its texels', () => {
    const images = [image(2, 2, (x, y) => 10 + x + 2 * y), image(4, 1, () => 200), image(1, 3, (_x, y) => 50 + y)];
    const atlas = packAtlas(images);
    const rects = atlas.rects;
    for (let i = 0; i < rects.length; i++) {
      const a = rects[i];
      expect(a.x + a.width).toBeLessThanOrEqual(atlas.width);
      expect(a.y + a.height).toBeLessThanOrEqual(atlas.height);
      for (let j = i + 1; j < rects.length; j++) {
        const b = rects[j];
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart).toBe(true);
      }
    }
    images.forEach((img, i) => {
      const r = rects[i];
      for (let y = 0; y < img.height; y++) {
        for (let x = 0; x < img.width; x++) expect(atlas.data[4 * ((r.y + y) * atlas.width + r.x + x)]).toBe(img.data[4 * (y * img.width + x)]);
      }
    });
  });

  it('gives scenes without images a 1×1 white atlas, and rejects images that cannot fit', () => {
    expect(packAtlas([])).toMatchObject({ width: 1, height: 1, rects: [] });
    const huge = { width: 4096, height: 4096, data: new Uint8Array(0) };
    expect(() => packAtlas([huge, huge, huge, huge, huge])).toThrow(/do not fit one 8192×8192 atlas/);
  });
});

async function runImageKernel(atlas: TextureAtlas, entry: 'sample_cases' | 'spectrum_cases', cases: Float32Array, outputs: number): Promise<Float32Array> {
  const device = await testDevice();
  const { module } = await compileShader(device, 'tests/image_test', shaderSources());
  const pipeline = await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: entry } });
  const texture = device.createTexture({ size: { width: atlas.width, height: atlas.height }, format: 'rgba8unorm', usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST });
  device.queue.writeTexture({ texture }, atlas.data, { bytesPerRow: atlas.width * 4 }, { width: atlas.width, height: atlas.height });
  const storage = (data: Float32Array | Uint32Array) => {
    const buffer = device.createBuffer({ size: Math.max(16, data.byteLength), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(buffer, 0, data);
    return buffer;
  };
  const rects = new Uint32Array(Math.max(4, atlas.rects.length * 4));
  atlas.rects.forEach((r, i) => rects.set([r.x, r.y, r.width, r.height], 4 * i));
  const output = device.createBuffer({ size: outputs * 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const read = device.createBuffer({ size: outputs * 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const entries: GPUBindGroupEntry[] = [
    { binding: 0, resource: texture.createView() },
    { binding: 1, resource: { buffer: storage(cases) } },
    { binding: 2, resource: { buffer: storage(rects) } },
    { binding: 3, resource: { buffer: output } }
  ];
  // An 'auto' layout holds only the bindings the entry point uses (spectrum_cases reads no texture).
  const used = entry === 'sample_cases' ? entries : [entries[1], entries[3]];
  const bindGroup = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: used });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(Math.ceil(outputs / 64));
  pass.end();
  encoder.copyBufferToBuffer(output, 0, read, 0, outputs * 16);
  device.queue.submit([encoder.finish()]);
  await read.mapAsync(GPUMapMode.READ);
  const result = new Float32Array(read.getMappedRange().slice(0));
  read.unmap();
  return result;
}

describe('textures/image.wgsl', () => {
  it('filters bilinearly with REPEAT inside each rectangle, decoding sRGB texels first', async () => {
    // A 2×2 image of known texels beside a bright 4×4 neighbour that must never bleed in.
    const texels = [
      [0, 64],
      [128, 255]
    ];
    const atlas = packAtlas([image(2, 2, (x, y) => texels[y][x]), image(4, 4, () => 250)]);
    const t = (x: number, y: number, srgb: boolean) => {
      const c = texels[((y % 2) + 2) % 2][((x % 2) + 2) % 2] / 255;
      return srgb ? srgbDecode(c) : c;
    };
    const bilinear = (u: number, v: number, srgb: boolean) => {
      const px = (u - Math.floor(u)) * 2 - 0.5;
      const py = (v - Math.floor(v)) * 2 - 0.5;
      const [x, y] = [Math.floor(px), Math.floor(py)];
      const [fx, fy] = [px - x, py - y];
      const top = t(x, y, srgb) * (1 - fx) + t(x + 1, y, srgb) * fx;
      const bottom = t(x, y + 1, srgb) * (1 - fx) + t(x + 1, y + 1, srgb) * fx;
      return top * (1 - fy) + bottom * fy;
    };
    // Texel centres, midpoints, the wrap seam at the edges, and uvs outside [0, 1).
    const uvs = [[0.25, 0.25], [0.75, 0.75], [0.5, 0.25], [0.25, 0.5], [0, 0], [0.99, 0.01], [1.25, -0.75], [-3.5, 2.5], [0.6, 0.9]];
    const cases = new Float32Array(uvs.length * 2 * 4);
    uvs.forEach(([u, v], i) => {
      cases.set([u, v, 0, 0], 8 * i);
      cases.set([u, v, 0, 1], 8 * i + 4);
    });
    const out = await runImageKernel(atlas, 'sample_cases', cases, uvs.length * 2);
    uvs.forEach(([u, v], i) => {
      expect(out[8 * i], `linear at (${u}, ${v})`).toBeCloseTo(bilinear(u, v, false), 5);
      expect(out[8 * i + 4], `sRGB at (${u}, ${v})`).toBeCloseTo(bilinear(u, v, true), 5);
    });
    // Exact texels at their centres.
    expect(out[0]).toBe(0);
    expect(out[8]).toBe(1);
  });

  it('turns texel RGB into the spectrum of the host basis', async () => {
    const colours: Array<[number, number, number, boolean]> = [[1, 1, 1, true], [0.5, 0.5, 0.5, true], [0.9, 0.1, 0.05, true], [0.1, 0.3, 0.9, true], [4, 3, 2, false]];
    const lambdas = [400, 480, 560, 700];
    const cases = new Float32Array(colours.length * 8);
    colours.forEach(([r, g, b, refl], i) => cases.set([r, g, b, refl ? 1 : 0, ...lambdas], 8 * i));
    const out = await runImageKernel(packAtlas([]), 'spectrum_cases', cases, colours.length);
    colours.forEach(([r, g, b, refl], i) => {
      lambdas.forEach((l, k) => expect(out[4 * i + k], `(${r}, ${g}, ${b}) at ${l} nm`).toBeCloseTo(rgbSpectrum([r, g, b], l, refl), 4));
    });
    // White is the flat 1.0 spectrum: a white texture reflects everything at every wavelength.
    expect(Array.from(out.subarray(0, 4)).every((x) => Math.abs(x - 1) < 1e-5)).toBe(true);
  });
});
