// Node module hook: `import src from './x.wgsl'` yields the file's text, as the Vite plugin does.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isTextAsset, textAssetModule } from './text-assets.js';

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && isTextAsset(url)) {
    const text = await readFile(fileURLToPath(url), 'utf8');
    return { format: 'module', source: textAssetModule(text), shortCircuit: true };
  }
  return nextLoad(url, context);
}
