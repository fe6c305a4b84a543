// The caller's uploaded meshes (GET /api/meshes) for the mesh path pickers, and their upload (POST /api/meshes;
// docs/api.md "Meshes").
import { meshView } from '$lib/api/schemas.ts';
import { UploadedFiles } from './uploads.svelte.ts';

export { uploadPath } from './uploads.svelte.ts';

export const uploadedMeshes = new UploadedFiles('/api/meshes', 'meshes', meshView);
