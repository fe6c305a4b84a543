// Camera moves of the live preview, as pure functions of the scene's look_from / look_at / up: orbit around
// look_at (distance kept, never over the poles of `up`), pan (both points move along the image plane) and
// dolly (towards look_at, never reaching or crossing it). The canvas turns pointer and key input into these.
import { add, cross, dot, length, normalize, scale, sub, type V3 } from '../../../../gpu/host/math/vec3.ts';

export interface OrbitCamera {
  readonly look_from: V3;
  readonly look_at: V3;
  readonly up: V3;
  readonly vertical_fov: number;
}

export type LookPoints = Pick<OrbitCamera, 'look_from' | 'look_at'>;

/** Closest the view direction gets to `up` (radians), so the camera's frame stays defined. */
const POLE_MARGIN = 0.01;
/** Nearest a dolly brings look_from to look_at, as a fraction of the distance before the move. */
const MIN_DOLLY_FACTOR = 1e-3;

/** Rodrigues' rotation of v about a unit axis. */
function rotate(v: V3, axis: V3, angle: number): V3 {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return add(add(scale(v, c), scale(cross(axis, v), s)), scale(axis, dot(axis, v) * (1 - c)));
}

/**
 * Turns look_from around look_at: `azimuth` radians about `up` (positive: the camera moves to its right),
 * `elevation` radians towards `up` (positive: the camera rises), clamped short of the poles.
 */
export function orbit(camera: OrbitCamera, azimuth: number, elevation: number): LookPoints {
  const up = normalize(camera.up);
  let offset = sub(camera.look_from, camera.look_at);
  const distance = length(offset);
  // Angle between the offset and up, in (0, π); rising lowers it.
  const polar = Math.acos(Math.min(1, Math.max(-1, dot(offset, up) / distance)));
  const target = Math.min(Math.PI - POLE_MARGIN, Math.max(POLE_MARGIN, polar - elevation));
  const right = cross(up, offset);
  if (length(right) > 0 && target !== polar) offset = rotate(offset, normalize(right), target - polar);
  offset = rotate(offset, up, azimuth);
  return { look_from: add(camera.look_at, scale(normalize(offset), distance)), look_at: camera.look_at };
}

/**
 * Slides both points along the image plane by (dx, dy) in units of the view's height at look_at (dx > 0: the
 * view moves right, so the scene moves left; dy > 0: the view moves up).
 */
export function pan(camera: OrbitCamera, dx: number, dy: number): LookPoints {
  const offset = sub(camera.look_from, camera.look_at);
  const w = normalize(offset);
  const u = normalize(cross(camera.up, w));
  const v = cross(w, u);
  const height = 2 * length(offset) * Math.tan((camera.vertical_fov * Math.PI) / 360);
  const shift = add(scale(u, dx * height), scale(v, dy * height));
  return { look_from: add(camera.look_from, shift), look_at: add(camera.look_at, shift) };
}

/** Scales the distance to look_at by `factor` (< 1: closer); look_from stays on its side of look_at. */
export function dolly(camera: OrbitCamera, factor: number): LookPoints {
  const f = Number.isFinite(factor) ? Math.max(MIN_DOLLY_FACTOR, factor) : 1;
  return { look_from: add(camera.look_at, scale(sub(camera.look_from, camera.look_at), f)), look_at: camera.look_at };
}

/** Distance factor of a wheel turn: 10% per 100 px of deltaY, smooth for trackpads. */
export function wheelFactor(deltaY: number): number {
  return Math.exp(deltaY * 0.001);
}

/** A camera object from scene JSON the moves can work on, or undefined when its fields are unusable. */
export function orbitCamera(value: unknown): OrbitCamera | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const c = value as Record<string, unknown>;
  const vec = (x: unknown): V3 | undefined =>
    Array.isArray(x) && x.length === 3 && x.every((n) => typeof n === 'number' && Number.isFinite(n)) ? (x as unknown as V3) : undefined;
  const [from, at, up] = [vec(c.look_from), vec(c.look_at), vec(c.up)];
  const fov = c.vertical_fov;
  if (!from || !at || !up || typeof fov !== 'number' || !(fov > 0 && fov < 180)) return undefined;
  const offset = sub(from, at);
  if (length(offset) === 0 || length(cross(up, offset)) === 0) return undefined;
  return { look_from: from, look_at: at, up, vertical_fov: fov };
}

/** Rounds a moved point for the scene file (drags produce long fractions that mean nothing). */
export function roundPoint(p: V3, digits = 4): [number, number, number] {
  const k = 10 ** digits;
  return [Math.round(p[0] * k) / k, Math.round(p[1] * k) / k, Math.round(p[2] * k) / k];
}
