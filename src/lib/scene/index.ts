// Public API of the scene format: schema and types, parsing with located issues, serialisation, JSON Schema.
export * from './schema.ts';
export { parseScene, parseSceneText, parseWarnings, type ParseResult } from './parse.ts';
export { formatIssue, formatPath, type SceneIssue } from './issues.ts';
export { defaultMaterial, forEachObject, hasMaterial, materialWarnings, resolveMaterial } from './materials.ts';
export { serializeScene } from './serialize.ts';
export { sceneJsonSchema } from './json-schema.ts';
export { findJsonSyntaxError, type JsonSyntaxError } from './json-text.ts';
