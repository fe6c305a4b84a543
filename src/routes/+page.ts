// The editor runs in the browser only: it opens on the working copy kept in localStorage, and WebGPU is there.
export const ssr = false;
