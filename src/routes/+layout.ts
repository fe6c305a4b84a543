// Every page runs in the browser only (the editor and gallery read the browser's storage and GPU). Declared here
// as well as per page so that error pages follow: with every page client-only, SvelteKit leaves the root layout
// out of the server build, and a server-rendered 404 page then failed with "Missing +page.svelte component".
export const ssr = false;
