// Thin-lens camera set-up of the reference (spec §2.3): the focus plane's lower-left corner and spans, the
// lens basis and radius. The aspect ratio comes from the render size.
import type { Camera } from '../../../src/lib/scene/index.ts';
import { cross, length, normalize, scale, sub, type V3 } from '../math/vec3.ts';

export interface CameraFrame {
  readonly origin: V3;
  readonly lower_left: V3;
  readonly horizontal: V3;
  readonly vertical: V3;
  readonly cam_u: V3;
  readonly cam_v: V3;
  readonly lens_radius: number;
}

export class CameraError extends Error {
  constructor(
    readonly path: string,
    message: string
  ) {
    super(`${path}: ${message}`);
    this.name = 'CameraError';
  }
}

export function cameraFrame(camera: Camera, aspect: number): CameraFrame {
  const from = camera.look_from as V3;
  const view = sub(from, camera.look_at as V3);
  if (length(view) === 0) throw new CameraError('camera.look_at', 'must differ from camera.look_from');
  if (!(camera.vertical_fov > 0 && camera.vertical_fov < 180)) {
    throw new CameraError('camera.vertical_fov', `must be in (0, 180) degrees, got ${camera.vertical_fov}`);
  }
  if (!(camera.aperture >= 0)) throw new CameraError('camera.aperture', `must be >= 0, got ${camera.aperture}`);
  if (!(camera.focus_distance > 0)) {
    throw new CameraError('camera.focus_distance', `must be > 0, got ${camera.focus_distance}`);
  }
  const w = normalize(view);
  const side = cross(camera.up as V3, w);
  if (length(side) < 1e-12 * length(camera.up as V3) || length(camera.up as V3) === 0) {
    throw new CameraError('camera.up', 'must not be zero or parallel to the view direction');
  }
  const u = normalize(side);
  const v = normalize(cross(w, u));
  const halfH = Math.tan((camera.vertical_fov * Math.PI) / 360);
  const halfW = aspect * halfH;
  const fd = camera.focus_distance;
  const lowerLeft = sub(sub(sub(from, scale(u, halfW * fd)), scale(v, halfH * fd)), scale(w, fd));
  return {
    origin: from,
    lower_left: lowerLeft,
    horizontal: scale(u, 2 * halfW * fd),
    vertical: scale(v, 2 * halfH * fd),
    cam_u: u,
    cam_v: v,
    lens_radius: camera.aperture / 2
  };
}
