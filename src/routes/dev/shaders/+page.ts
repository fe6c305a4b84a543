// The harness talks to the visitor's GPU only: nothing to render on the server.
export const ssr = false;
