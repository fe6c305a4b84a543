// One rule for text assets, shared by the Vite plugin and the Node loader: these extensions import as a string.
export const TEXT_ASSET_EXTENSIONS = ['.wgsl', '.csv'];

/** @param {string} id */
export function isTextAsset(id) {
  const path = id.split('?')[0];
  return TEXT_ASSET_EXTENSIONS.some((ext) => path.endsWith(ext));
}

/** @param {string} text */
export function textAssetModule(text) {
  return `export default ${JSON.stringify(text)};`;
}
