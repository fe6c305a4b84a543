import { describe, expect, it } from 'vitest';
import { ApiRequestError, describeError, errorFromResponse } from './client.ts';
import { eventsUrl, SERVICE_EVENT_TYPES } from './events.ts';

const jsonResponse = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('API client', () => {
  it('reads the server\'s error body with its located issues', async () => {
    const err = await errorFromResponse(
      jsonResponse(
        {
          error: 'invalid options: options.width: Too big: expected number to be <=8192',
          details: {
            issues: [
              { path: 'options.width', message: 'Too big: expected number to be <=8192' },
              { path: 'scene.objects[0].radius', message: 'expected a number, got null' }
            ]
          }
        },
        422
      )
    );
    expect(err.status).toBe(422);
    expect(err.issues.map((i) => i.path)).toEqual(['options.width', 'scene.objects[0].radius']);
    expect(describeError(err)).toBe(
      'invalid options: options.width: Too big: expected number to be <=8192; scene.objects[0].radius: expected a number, got null'
    );
  });

  it('keeps a single-issue message as the server wrote it, and survives bodies that are not JSON', async () => {
    const one = await errorFromResponse(jsonResponse({ error: 'render 1 is done; only queued or running renders can be cancelled' }, 409));
    expect(describeError(one)).toBe('render 1 is done; only queued or running renders can be cancelled');
    const html = await errorFromResponse(new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }));
    expect(html).toBeInstanceOf(ApiRequestError);
    expect(describeError(html)).toBe('502 Bad Gateway');
    expect(describeError(new Error('offline'))).toBe('offline');
  });

  it('builds event stream URLs with filters and knows every event type', () => {
    expect(eventsUrl()).toBe('/api/events');
    expect(eventsUrl({ renders: ['a', 'b'], previews: ['p'] })).toBe('/api/events?render=a&render=b&preview=p');
    expect(SERVICE_EVENT_TYPES).toEqual([
      'render.queued',
      'render.started',
      'render.progress',
      'render.done',
      'render.failed',
      'render.cancelled',
      'preview.ready'
    ]);
  });
});
