// The service database: client, schema and one repository per table group.
export * from './client.ts';
export * from './schema.ts';
export * from './renders.ts';
export * from './scenes.ts';
export * from './meshes.ts';
export * from './environments.ts';
