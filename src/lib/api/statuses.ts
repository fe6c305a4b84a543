// Render job states, shared by the database schema, the API and the editor.
export const RENDER_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type RenderStatus = (typeof RENDER_STATUSES)[number];
