// Where a scene's environment map comes from, as the browser preview and the render workers both read it: an
// Hdri environment's `path` names a bundled library map or an upload (`upload:<id>`). The CLI alone may also
// resolve file paths, on the user's own machine.
import { ENVIRONMENT_LIBRARY, libraryEnvironment, type LibraryEnvironment } from './library.ts';

/** An environment `path` that names an uploaded map: `upload:` then the id the upload returned. */
export const ENVIRONMENT_UPLOAD_PREFIX = 'upload:';

export type EnvironmentSource =
  | { readonly kind: 'upload'; readonly id: string }
  | { readonly kind: 'library'; readonly environment: LibraryEnvironment };

/** What an environment `path` names in the service (browser or worker), or undefined when it names nothing there. */
export function environmentSource(path: string): EnvironmentSource | undefined {
  if (path.startsWith(ENVIRONMENT_UPLOAD_PREFIX)) {
    return { kind: 'upload', id: path.slice(ENVIRONMENT_UPLOAD_PREFIX.length).trim() };
  }
  const environment = libraryEnvironment(path);
  return environment ? { kind: 'library', environment } : undefined;
}

/** The message for a `path` that is neither a bundled environment nor an upload. */
export function unknownEnvironmentMessage(path: string): string {
  const names = ENVIRONMENT_LIBRARY.map((e) => e.name).join(', ');
  return `environment ${JSON.stringify(path)} is neither a bundled environment (${names}) nor an upload ("${ENVIRONMENT_UPLOAD_PREFIX}<id>")`;
}
