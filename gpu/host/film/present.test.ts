// The canvas presentation pass on the GPU (Dawn/lavapipe): a resolved film drawn into a larger render target
// shows each film pixel as a block of target pixels, bytes unchanged.
import { describe, expect, it } from 'vitest';
import { testDevice } from '../testing/test-device.ts';
import { FilmPresent } from './present.ts';

describe('FilmPresent', () => {
  it('draws an RGBA8 film over the whole target, nearest neighbour, rows top to bottom', async () => {
    const device = await testDevice();
    const [width, height, scale] = [5, 3, 4];
    const film = new Uint8Array(width * height * 4);
    for (let i = 0; i < width * height; i++) film.set([i * 16, 255 - i * 8, (i * 37) % 256, 255], i * 4);
    const rgba8 = device.createBuffer({ size: film.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(rgba8, 0, film);
    const [tw, th] = [width * scale, height * scale];
    const target = device.createTexture({ size: [tw, th], format: 'rgba8unorm', usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC });
    const bytesPerRow = 256;
    const read = device.createBuffer({ size: bytesPerRow * th, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const present = await FilmPresent.create(device, 'rgba8unorm');
    const encoder = device.createCommandEncoder();
    present.encode(encoder, rgba8, width, height, target);
    encoder.copyTextureToBuffer({ texture: target }, { buffer: read, bytesPerRow }, [tw, th]);
    device.queue.submit([encoder.finish()]);
    await read.mapAsync(GPUMapMode.READ);
    const pixels = new Uint8Array(read.getMappedRange().slice(0));
    read.unmap();
    for (const b of [read, rgba8]) b.destroy();
    target.destroy();
    present.destroy();
    let mismatches = 0;
    for (let y = 0; y < th; y++) {
      for (let x = 0; x < tw; x++) {
        const src = (Math.floor(y / scale) * width + Math.floor(x / scale)) * 4;
        const dst = y * bytesPerRow + x * 4;
        for (let c = 0; c < 4; c++) if (pixels[dst + c] !== film[src + c]) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });
});
