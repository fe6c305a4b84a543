import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { encodePng } from './png.ts';
import { identifyFormat } from './test-readers.ts';

const dir = mkdtempSync(join(tmpdir(), 'clovers-png-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Chunk {
  type: string;
  data: Buffer;
}

/** Walks the chunk list, checking every CRC. */
function chunks(png: Buffer): Chunk[] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  const out: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    out.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

/** RGBA with a varying alpha, which the encoder must drop. */
function image(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 37) & 0xff;
  return rgba;
}

describe('encodePng', () => {
  const width = 7;
  const height = 5;
  const rgba = image(width, height);
  const text = { Software: 'clovers', Comment: 'cornell.json, 7x5, 4 spp', Title: 'Würfel ✓' };
  const png = encodePng({ width, height, rgba }, text);

  it('stores 8-bit RGB without alpha and decodes to the same colours', () => {
    const ihdr = chunks(png)[0].data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([width, height, 8, 2]);
    const decoded = PNG.sync.read(png);
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    for (let i = 0; i < width * height; i++) {
      expect([...decoded.data.subarray(4 * i, 4 * i + 4)]).toEqual([rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2], 255]);
    }
  });

  it('places the text chunks between IHDR and IEND with valid CRCs (tEXt for ASCII, iTXt otherwise)', () => {
    const list = chunks(png);
    expect(list[0].type).toBe('IHDR');
    expect(list.at(-1)?.type).toBe('IEND');
    expect(list.findIndex((c) => c.type === 'IEND')).toBe(list.length - 1);
    expect(list.findIndex((c) => c.type === 'tEXt')).toBeLessThan(list.findIndex((c) => c.type === 'IDAT'));
    const texts = list.filter((c) => c.type === 'tEXt').map((c) => c.data.toString('latin1').split('\0'));
    expect(texts).toEqual([
      ['Software', 'clovers'],
      ['Comment', 'cornell.json, 7x5, 4 spp']
    ]);
    const itxt = list.filter((c) => c.type === 'iTXt').map((c) => c.data);
    // keyword, 0, compression flag 0, method 0, empty language tag, 0, empty translated keyword, 0, UTF-8 text
    expect(itxt).toEqual([Buffer.concat([Buffer.from('Title'), Buffer.of(0, 0, 0, 0, 0), Buffer.from('Würfel ✓', 'utf8')])]);
  });

  it('is read by libpng (ImageMagick) with its size and text', () => {
    const path = join(dir, 'text.png');
    writeFileSync(path, png);
    expect(identifyFormat(path, '%w %h|%[Software]|%[Comment]')).toBe('7 5|clovers|cornell.json, 7x5, 4 spp');
  });

  it('rejects invalid keywords and wrong pixel counts', () => {
    expect(() => encodePng({ width, height, rgba }, { ' lead': 'x' })).toThrow(/invalid text keyword/);
    expect(() => encodePng({ width, height, rgba }, { ['k'.repeat(80)]: 'x' })).toThrow(/invalid text keyword/);
    expect(() => encodePng({ width: 2, height: 2, rgba: new Uint8Array(12) })).toThrow(/expected 16 bytes/);
  });
});
