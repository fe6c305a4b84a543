// Which uploads (meshes, environment maps) a job may read: its owner's, or any for the admin's jobs and for
// previews (which carry no owner). Another owner's upload reads as missing, as it does through the API.

/** The owner that may use every upload (the admin token's owner). */
const ADMIN_OWNER = 'admin';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An upload id as the API hands them out; anything else names no upload (and is never looked up). */
export function isUploadId(id: string): boolean {
  return UUID.test(id);
}

export function mayUseUpload(uploadOwner: string, jobOwner: string | undefined): boolean {
  return jobOwner === undefined || jobOwner === ADMIN_OWNER || uploadOwner === jobOwner;
}
