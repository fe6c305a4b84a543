// Client hooks: an unknown path is the 404 page, not an error worth a console line (SvelteKit logs every one).
import type { HandleClientError } from '@sveltejs/kit';

export const handleError: HandleClientError = ({ error, status, message }) => {
  if (status !== 404) console.error(error);
  return { message };
};
