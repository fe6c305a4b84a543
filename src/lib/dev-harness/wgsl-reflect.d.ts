// wgsl_reflect's package entry is CommonJS that Node's ESM loader cannot read (the package says "type": "module");
// its ES module file works in Vite and in Node alike, so that file is imported, with the package's types.
declare module 'wgsl_reflect/wgsl_reflect.module.js' {
  export * from 'wgsl_reflect';
}
