// Scene → JSON text. Parsed scenes keep every value in the form it was written (colour forms, unknown keys),
// so plain JSON is a faithful round trip: parseScene(JSON.parse(serializeScene(s))) equals s.
import type { SceneFile } from './schema.ts';

/** Pretty JSON (2-space indent, trailing newline). */
export function serializeScene(scene: SceneFile): string {
  return `${JSON.stringify(scene, null, 2)}\n`;
}
