// Text assets (WGSL modules, CIE data tables) are imported as strings in Vite and in Node alike:
// vite.config.ts and scripts/text-loader.mjs implement the same rule.
declare module '*.wgsl' {
  const source: string;
  export default source;
}
declare module '*.csv' {
  const text: string;
  export default text;
}
