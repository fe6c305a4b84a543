/// <reference types="vitest/config" />
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';
import { readFile } from 'node:fs/promises';
import { isTextAsset, textAssetModule } from './scripts/text-assets.js';

/** WGSL modules and data tables import as strings, exactly as under Node (scripts/text-loader.mjs). */
function textAssets(): Plugin {
  return {
    name: 'clovers-text-assets',
    enforce: 'pre',
    async load(id) {
      if (!isTextAsset(id)) return null;
      const path = id.split('?')[0];
      this.addWatchFile(path);
      return textAssetModule(await readFile(path, 'utf8'));
    }
  };
}

export default defineConfig({
  plugins: [textAssets(), sveltekit()],
  server: { fs: { allow: ['gpu', 'worker'] } },
  test: {
    include: ['src/**/*.test.ts', 'gpu/**/*.test.ts', 'worker/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2
  }
});
