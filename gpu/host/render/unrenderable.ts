// The errors that say a scene cannot be rendered as given (too large for the texture atlas or the device's
// storage bindings, refused by the scene compiler or the camera set-up), as opposed to device or I/O trouble: a
// retry on the same kind of device would be refused again, so services fail such work for good.
import { SceneCompileError } from '../scene/compile.ts';
import { AtlasTooLargeError } from '../texture/atlas.ts';
import { CameraError } from './camera.ts';
import { SceneTooLargeError } from './scene-tables.ts';

export function isUnrenderableScene(error: unknown): error is Error {
  return error instanceof AtlasTooLargeError || error instanceof SceneTooLargeError || error instanceof SceneCompileError || error instanceof CameraError;
}
