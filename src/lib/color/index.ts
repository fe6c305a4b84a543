export * from './srgb.ts';
export * from './matrices.ts';
export * from './convert.ts';
