// Writes the bundled environment maps static/environments/studio.hdr and dusk.hdr (our own work, CC0): 1024×512
// equirectangular Radiance .hdr files (RLE) in the renderer's convention, u = 0.5 + atan2(d.x, −d.z)/(2π),
// v = acos(d.y)/π, so the middle column looks down −Z. Each texel averages 4×4 directions across it (smooth box
// and sun edges). Run:
//   npm run make:environments [-- out-dir]
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeRadianceHdr } from '../gpu/host/environment/radiance-hdr.ts';

const WIDTH = 1024;
const HEIGHT = 512;
const SUBSAMPLES = 4;
const DEG = Math.PI / 180;

type Rgb = readonly [number, number, number];
/** Radiance seen along the direction at azimuth φ (0 toward −Z, +90° toward +X) and elevation e, in radians. */
type Radiance = (azimuth: number, elevation: number) => Rgb;

function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** Signed difference of two azimuths, in (−π, π]. */
function azimuthDelta(a: number, b: number): number {
  const d = (a - b) % (2 * Math.PI);
  return d > Math.PI ? d - 2 * Math.PI : d <= -Math.PI ? d + 2 * Math.PI : d;
}

interface SoftBox {
  readonly azimuth: number;
  readonly elevation: number;
  /** Half extents in degrees, across (azimuth, as seen: scaled by cos e) and up. */
  readonly halfWidth: number;
  readonly halfHeight: number;
  readonly radiance: Rgb;
}

/** Three soft boxes on the upper hemisphere (key, fill, overhead strip) over a dark grey floor and dim walls. */
const STUDIO_BOXES: readonly SoftBox[] = [
  { azimuth: -40 * DEG, elevation: 30 * DEG, halfWidth: 16, halfHeight: 11, radiance: [9, 8.6, 8] },
  { azimuth: 65 * DEG, elevation: 22 * DEG, halfWidth: 20, halfHeight: 13, radiance: [3.7, 3.9, 4.2] },
  { azimuth: 170 * DEG, elevation: 62 * DEG, halfWidth: 28, halfHeight: 7, radiance: [6, 6, 6] }
];

const studio: Radiance = (azimuth, elevation) => {
  if (elevation < 0) {
    // Floor: darker straight down, lighter toward the horizon where it meets the walls.
    return mix([0.02, 0.02, 0.02], [0.05, 0.05, 0.05], smoothstep(-90 * DEG, 0, elevation));
  }
  let light: Rgb = mix([0.09, 0.09, 0.09], [0.05, 0.05, 0.05], elevation / (90 * DEG));
  for (const box of STUDIO_BOXES) {
    const across = (Math.abs(azimuthDelta(azimuth, box.azimuth)) * Math.cos(elevation)) / DEG;
    const up = Math.abs(elevation - box.elevation) / DEG;
    // A 1.5° soft edge: a diffuser's rim, and no aliasing at this resolution.
    const inside = (1 - smoothstep(box.halfWidth - 1.5, box.halfWidth, across)) * (1 - smoothstep(box.halfHeight - 1.5, box.halfHeight, up));
    if (inside > 0) light = mix(light, box.radiance, inside);
  }
  return light;
};

const SUN_AZIMUTH = 30 * DEG;
const SUN_ELEVATION = 4 * DEG;
/** About twice the real sun's angular radius, so the disk covers a few texels. */
const SUN_RADIUS = 0.5 * DEG;
/** Some 5000 times the sky around it. */
const SUN_RADIANCE: Rgb = [6000, 4200, 2400];
const SUN_DIRECTION = direction(SUN_AZIMUTH, SUN_ELEVATION);

function direction(azimuth: number, elevation: number): Rgb {
  return [Math.cos(elevation) * Math.sin(azimuth), Math.sin(elevation), -Math.cos(elevation) * Math.cos(azimuth)];
}

const dusk: Radiance = (azimuth, elevation) => {
  if (elevation < 0) return mix([0.05, 0.035, 0.025], [0.012, 0.01, 0.01], smoothstep(0, -30 * DEG, elevation));
  // Deep blue overhead to orange at the horizon.
  const height = Math.pow(1 - elevation / (90 * DEG), 4);
  let sky = mix([0.04, 0.07, 0.18], [0.75, 0.38, 0.14], height);
  // A warm glow around the sun (within ~60° of it), brightest low in the sky.
  const d = direction(azimuth, elevation);
  const cosAngle = d[0] * SUN_DIRECTION[0] + d[1] * SUN_DIRECTION[1] + d[2] * SUN_DIRECTION[2];
  const angle = Math.acos(Math.min(1, cosAngle));
  if (angle < SUN_RADIUS) return SUN_RADIANCE;
  if (angle < 60 * DEG) {
    const glow = Math.exp(-angle / (8 * DEG)) * (1 - angle / (60 * DEG)) * (0.3 + 0.7 * height);
    sky = [sky[0] + 1.6 * glow, sky[1] + 0.9 * glow, sky[2] + 0.35 * glow];
  }
  return sky;
};

function render(radiance: Radiance): Float32Array {
  const rgb = new Float32Array(WIDTH * HEIGHT * 3);
  for (let row = 0; row < HEIGHT; row++) {
    for (let column = 0; column < WIDTH; column++) {
      let [r, g, b] = [0, 0, 0];
      for (let j = 0; j < SUBSAMPLES; j++) {
        for (let i = 0; i < SUBSAMPLES; i++) {
          const u = (column + (i + 0.5) / SUBSAMPLES) / WIDTH;
          const v = (row + (j + 0.5) / SUBSAMPLES) / HEIGHT;
          const [sr, sg, sb] = radiance((u - 0.5) * 2 * Math.PI, (0.5 - v) * Math.PI);
          [r, g, b] = [r + sr, g + sg, b + sb];
        }
      }
      const n = SUBSAMPLES * SUBSAMPLES;
      rgb.set([r / n, g / n, b / n], 3 * (row * WIDTH + column));
    }
  }
  return rgb;
}

const outDir = process.argv[2] ?? fileURLToPath(new URL('../static/environments/', import.meta.url));
await mkdir(outDir, { recursive: true });
for (const [name, radiance] of [
  ['studio', studio],
  ['dusk', dusk]
] as const) {
  const file = join(outDir, `${name}.hdr`);
  const bytes = encodeRadianceHdr({ width: WIDTH, height: HEIGHT, rgb: render(radiance) });
  await writeFile(file, bytes);
  console.log(`wrote ${file} (${bytes.length} bytes)`);
}
