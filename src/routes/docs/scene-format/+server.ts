// The scene format reference (docs/scene-format.md, generated from the schema) behind the editor's "Scene format"
// link. Served as plain text: the Markdown reads well as is, and the service needs no Markdown renderer.
import type { RequestHandler } from '@sveltejs/kit';
import doc from '../../../../docs/scene-format.md?raw';

export const GET: RequestHandler = () =>
  new Response(doc, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
