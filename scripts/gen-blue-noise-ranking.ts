// Prints the blue-noise sampler's ranking matrix (gpu/host/sampling/blue-noise-ranking.ts) as the WGSL constant
// of gpu/shaders/sampling/blue_noise.wgsl. Usage: node --import ./scripts/register.mjs scripts/gen-blue-noise-ranking.ts
import { rankingColumns } from '../gpu/host/sampling/blue-noise-ranking.ts';

const hex = rankingColumns().map((c) => `0x${c.toString(16).padStart(8, '0')}u`);
const lines = Array.from({ length: hex.length / 4 }, (_, i) => `  ${hex.slice(i * 4, i * 4 + 4).join(', ')}`);
console.log(`const BLUE_NOISE_KEY_COLUMNS = array<u32, ${hex.length}>(\n${lines.join(',\n')}\n);`);
