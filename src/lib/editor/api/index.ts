// The browser's client of the HTTP API: typed requests and the live event stream.
export { api, ApiRequestError, describeError, ensureSession, errorFromResponse, type ApiIssue, type RenderListQuery } from './client.ts';
export { eventsUrl, subscribeEvents, SERVICE_EVENT_TYPES, type EventFilter, type EventHandlers } from './events.ts';
