// Paths of the original clovers-service (../shared/spec/clovers-service.md §2.1) and the browser's default
// favicon, redirected for good to where the same thing lives now. GET and HEAD only: the old API's POST /queue
// took another body shape, so it gets the ordinary 404 instead of a redirect to an API that would refuse it.
const UUID = '([0-9a-fA-F-]{36})';

const LEGACY: ReadonlyArray<readonly [RegExp, (id: string) => string]> = [
  [/^\/(?:queue|render)\/?$/, () => '/renders'],
  [new RegExp(`^/(?:queue|render)/${UUID}$`), (id) => `/renders/${id}`],
  [new RegExp(`^/thumb/${UUID}$`), (id) => `/api/renders/${id}/thumb.png`],
  [new RegExp(`^/preview/${UUID}$`), (id) => `/api/previews/${id}/image.png`],
  [/^\/healthz$/, () => '/api/health'],
  [/^\/favicon\.ico$/, () => '/favicon.svg']
];

/** Where an old path moved to (with its query string), or undefined. */
export function legacyLocation(url: URL): string | undefined {
  for (const [pattern, target] of LEGACY) {
    const match = pattern.exec(url.pathname);
    if (match) return target(match[1] ?? '') + url.search;
  }
  return undefined;
}
