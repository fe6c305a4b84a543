// GET /api/events: Server-Sent Events of the caller's renders and previews (everything for the admin).
// Optional filters: ?render=<id> (repeatable), ?preview=<id>. Fed by the process's single Redis subscriber.
// At most MAX_EVENT_STREAMS_PER_OWNER open streams per client and MAX_EVENT_STREAMS_PER_ADDRESS per client
// address (the admin is exempt): one more is a 429 with Retry-After naming the limit.
import type { ServiceEvent } from '$lib/server/events/channels.ts';
import { eventHub } from '$lib/server/events/hub.ts';
import { StreamSlots } from '$lib/server/events/slots.ts';
import { eventStream, SSE_HEADERS } from '$lib/server/events/sse.ts';
import { client } from '$lib/server/api/params.ts';
import { renderOwner } from '$lib/server/api/owners.ts';
import { clientAddress } from '$lib/server/api/rate.ts';
import { config } from '$lib/server/config.ts';
import { ApiError, apiHandler } from '$lib/server/http/errors.ts';
import { getPreviewOwner, previewVisibleTo } from '$lib/server/queue/index.ts';

const slots = new StreamSlots();

/** A stream that is refused can retry once another closes; nothing says when, so a short pause. */
const RETRY_AFTER_S = 10;

/**
 * One owner lookup per preview.ready event, however many streams it reaches: the hub hands every listener the
 * same event object, so it keys the cache (and lets it go with the event).
 */
const previewOwners = new WeakMap<ServiceEvent, Promise<string | null>>();
function ownerOfPreview(event: Extract<ServiceEvent, { type: 'preview.ready' }>): Promise<string | null> {
  let owner = previewOwners.get(event);
  if (!owner) {
    owner = getPreviewOwner(event.previewId);
    previewOwners.set(event, owner);
  }
  return owner;
}

export const GET = apiHandler(async (event) => {
  const c = client(event);
  const renders = new Set(event.url.searchParams.getAll('render'));
  const previews = new Set(event.url.searchParams.getAll('preview'));
  const accept = async (e: ServiceEvent): Promise<boolean> => {
    if (e.type === 'preview.ready') {
      if (previews.size > 0 && !previews.has(e.previewId)) return false;
      return c.isAdmin || previewVisibleTo(c, await ownerOfPreview(e));
    }
    if (renders.size > 0 && !renders.has(e.renderId)) return false;
    if (c.isAdmin) return true;
    return (await renderOwner(e.renderId)) === c.owner;
  };
  let release: (() => void) | undefined;
  if (!c.isAdmin) {
    const q = config();
    const slot = slots.acquire([
      { key: `owner:${c.owner}`, limit: q.maxEventStreamsPerOwner, per: 'per client' },
      { key: `ip:${clientAddress(event)}`, limit: q.maxEventStreamsPerAddress, per: 'per client address (shared by every client behind it)' }
    ]);
    if (!slot.ok) {
      throw new ApiError(429, `too many open event streams: at most ${slot.full.limit} ${slot.full.per}; close one and retry`, undefined, {
        'retry-after': String(RETRY_AFTER_S)
      });
    }
    release = slot.release;
  }
  return new Response(eventStream({ hub: eventHub(), accept, signal: event.request.signal, onClose: release }), { headers: SSE_HEADERS });
});

/**
 * HEAD: the stream's headers without a stream. Served by GET, a HEAD would open one, and Node sends a HEAD
 * response's headers only when its body ends, which an event stream never does: the client would get no answer.
 */
export const HEAD = apiHandler(async () => new Response(null, { headers: SSE_HEADERS }));
