// The editor's environment edits as pure functions: a Sky's `sun_direction` as the azimuth and elevation its
// sliders show, and the Hdri `rotation` a sideways drag in the live preview turns to. Azimuth follows the map's
// own longitude (gpu/host/environment/image.ts: u = 0.5 + atan2(d.x, −d.z)/2π): 0° looks along −Z, 90° along +X.
import type { V3 } from '../../../gpu/host/math/vec3.ts';

const DEG = Math.PI / 180;

/** Degrees in [−180, 180), to 0.1° (what the rotation slider and the scene JSON show). */
export function wrapDegrees(degrees: number): number {
  const wrapped = ((((degrees + 180) % 360) + 360) % 360) - 180;
  return Math.round(wrapped * 10) / 10 || 0;
}

export interface SunAngles {
  /** Degrees about +Y: 0 toward −Z, 90 toward +X. */
  readonly azimuth: number;
  /** Degrees above the horizon, 0–90. */
  readonly elevation: number;
}

/** The angles of a sun direction (any length); a direction straight up has azimuth 0. */
export function sunAngles(direction: readonly number[]): SunAngles {
  const [x, y, z] = direction;
  const horizontal = Math.hypot(x, z);
  const elevation = Math.atan2(y, horizontal) / DEG;
  const azimuth = horizontal > 0 ? Math.atan2(x, -z) / DEG : 0;
  return { azimuth: Math.round(azimuth * 10) / 10 || 0, elevation: Math.round(elevation * 10) / 10 || 0 };
}

/** The unit sun direction of these angles, to 4 decimals (so the JSON reads [0.5, 0.7071, -0.5], not 17 digits). */
export function sunDirection({ azimuth, elevation }: SunAngles): V3 {
  const round = (v: number) => Math.round(v * 1e4) / 1e4 || 0;
  const el = Math.min(90, Math.max(0, elevation)) * DEG;
  const az = azimuth * DEG;
  return [round(Math.cos(el) * Math.sin(az)), round(Math.sin(el)), round(-Math.cos(el) * Math.cos(az))];
}

/**
 * The rotation after dragging `dx` pixels sideways across a view `width` pixels wide, so that the map follows the
 * pointer: the view spans the camera's horizontal field of view, and a positive rotation (counter-clockwise seen
 * from above) moves the map to the left for any camera looking sideways.
 */
export function dragRotation(rotation: number, dx: number, width: number, verticalFov: number, aspect: number): number {
  const horizontalFov = (2 * Math.atan(Math.tan((verticalFov * DEG) / 2) * aspect)) / DEG;
  return wrapDegrees(rotation - (dx / width) * horizontalFov);
}
