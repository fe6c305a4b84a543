// Writes docs/scene-format.md from the scene schema (src/lib/scene/format-doc.ts): `npm run docs:scene-format`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sceneFormatMarkdown } from '../src/lib/scene/format-doc.ts';

writeFileSync(fileURLToPath(new URL('../docs/scene-format.md', import.meta.url)), sceneFormatMarkdown());
console.log('wrote docs/scene-format.md');
