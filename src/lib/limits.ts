// Every size limit of the project in one place. Scene limits are enforced by `parseScene` (errors name the
// offending path); render and mesh limits are enforced by their owners (API, worker, mesh loader).

/** Deepest chain of objects (Translate → RotateY → ObjectList → …); checked before any recursive parsing. */
export const MAX_OBJECT_DEPTH = 64;
/** Deepest JSON nesting of any value (objects and arrays); also guards against cyclic JS inputs. */
export const MAX_JSON_DEPTH = 256;
/** Analytic objects in a scene, counted at every nesting level (a Boxy counts once). */
export const MAX_OBJECTS = 100_000;
/** Entries of the `materials` list. */
export const MAX_MATERIALS = 10_000;
/** Scene JSON text, in UTF-8 bytes. */
export const MAX_SCENE_JSON_BYTES = 16 * 1024 * 1024;
/** JSON values (numbers, strings, objects, ...) visited when checking a JS scene object. */
export const MAX_JSON_VALUES = 8_000_000;

/** Material names and material references. */
export const MAX_NAME_LENGTH = 256;
/** Mesh `path` (an upload id or a bundled model name, never a server path). */
export const MAX_PATH_LENGTH = 1024;
/** Hex colour strings (`#rrggbb` is 7). */
export const MAX_HEX_LENGTH = 16;

/** Render options. */
export const MAX_IMAGE_WIDTH = 8192;
export const MAX_IMAGE_HEIGHT = 8192;
export const MAX_SAMPLES = 1_000_000;
export const MAX_RAY_DEPTH = 1024;

/** Triangles over all meshes of one scene, after loading. */
export const MAX_TRIANGLES = 5_000_000;

/**
 * Texture texels over all glTF images of one scene (an image shared by several textures counts once), checked on
 * the image headers before anything is decoded. 2^24 (one 4096² image, 64 MiB decoded) so that any set within
 * it fits the 8192×8192 atlas: shelf packing tallest-first on an 8192-wide atlas needs at most
 * 2 × texels / 8192 + the tallest image (≤ 4096) rows, i.e. 8192.
 */
export const MAX_TEXTURE_TEXELS = 2 ** 24;

/** Texels of one environment map (16384 × 8192 = 2^27, 1.5 GiB as float RGB, is beyond what a worker should
 * hold; 8192 × 4096 is the largest common HDRI). Checked from the file header, before decoding. */
export const MAX_ENVIRONMENT_TEXELS = 8192 * 4096;

/** Bytes of one environment map file, checked before it is read: 512 MiB holds an uncompressed 8192 × 4096 RGB
 * FLOAT OpenEXR (384 MiB); compressed .exr and RLE .hdr files of the largest maps are far smaller. */
export const MAX_ENVIRONMENT_FILE_BYTES = 512 * 2 ** 20;
