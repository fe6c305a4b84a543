// Registers TypeScript (tsx) and text-asset loading for Node entry points (CLI, worker, bench).
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
register('./text-loader.mjs', import.meta.url);
