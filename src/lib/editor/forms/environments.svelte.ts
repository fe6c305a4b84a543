// The caller's uploaded environment maps (GET /api/environments) for the Hdri map picker, and their upload
// (POST /api/environments; docs/api.md "Environment maps"). The bundled maps come from the shared library table.
import { environmentView } from '$lib/api/schemas.ts';
import { UploadedFiles } from './uploads.svelte.ts';

export const uploadedEnvironments = new UploadedFiles('/api/environments', 'environment maps', environmentView);
