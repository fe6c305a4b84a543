import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_LIBRARY, libraryEnvironment, libraryEnvironmentUrl } from './library.ts';
import { environmentSource, unknownEnvironmentMessage } from './sources.ts';

describe('environment library', () => {
  it('finds bundled maps by name or file name', () => {
    expect(libraryEnvironment('studio')?.file).toBe('studio.hdr');
    expect(libraryEnvironment(' ./dusk.hdr ')?.name).toBe('dusk');
    expect(libraryEnvironment('studio')?.width).toBe(1024);
  });

  it('knows nothing else (paths are never opened as files by the service)', () => {
    expect(libraryEnvironment('../static/environments/studio.hdr')).toBeUndefined();
    expect(libraryEnvironment('/etc/passwd')).toBeUndefined();
    expect(libraryEnvironment('Studio')).toBeUndefined();
  });

  it('serves each map from /environments/', () => {
    expect(ENVIRONMENT_LIBRARY.map(libraryEnvironmentUrl)).toEqual(['/environments/studio.hdr', '/environments/dusk.hdr']);
  });
});

describe('environmentSource', () => {
  it('tells uploads from library maps and unknown paths', () => {
    expect(environmentSource('upload:abc-123')).toEqual({ kind: 'upload', id: 'abc-123' });
    expect(environmentSource('dusk')).toEqual({ kind: 'library', environment: libraryEnvironment('dusk') });
    expect(environmentSource('maps/sky.exr')).toBeUndefined();
  });

  it('lists the bundled names in the message for an unknown path', () => {
    expect(unknownEnvironmentMessage('sky.exr')).toBe(
      'environment "sky.exr" is neither a bundled environment (studio, dusk) nor an upload ("upload:<id>")'
    );
  });
});
