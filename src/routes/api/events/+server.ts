// GET /api/events: Server-Sent Events of the caller's renders (all renders for the admin) and of previews.
// Optional filters: ?render=<id> (repeatable), ?preview=<id>. Fed by the process's single Redis subscriber.
import type { ServiceEvent } from '$lib/server/events/channels.ts';
import { eventHub } from '$lib/server/events/hub.ts';
import { eventStream, SSE_HEADERS } from '$lib/server/events/sse.ts';
import { client } from '$lib/server/api/params.ts';
import { renderOwner } from '$lib/server/api/owners.ts';
import { apiHandler } from '$lib/server/http/errors.ts';

export const GET = apiHandler(async (event) => {
  const c = client(event);
  const renders = new Set(event.url.searchParams.getAll('render'));
  const previews = new Set(event.url.searchParams.getAll('preview'));
  const accept = async (e: ServiceEvent): Promise<boolean> => {
    if (e.type === 'preview.ready') return previews.size === 0 || previews.has(e.previewId);
    if (renders.size > 0 && !renders.has(e.renderId)) return false;
    if (c.isAdmin) return true;
    return (await renderOwner(e.renderId)) === c.owner;
  };
  return new Response(eventStream({ hub: eventHub(), accept, signal: event.request.signal }), { headers: SSE_HEADERS });
});
