// `npm run bench`: bundles the engine benchmark the way the page ships the engine (one esbuild bundle, no
// name-keeping wrappers), then runs it with a collectable heap so memory figures are measured after GC.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { jsSizes, printJsSizes } from './js-size.mjs';

const out = 'node_modules/.cache/kubesim-bench/engine-bench.cjs';
mkdirSync('node_modules/.cache/kubesim-bench', { recursive: true });
await build({
  entryPoints: ['tests/bench/engine-bench.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
  outfile: out, logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', out, ...process.argv.slice(2)], { stdio: 'inherit' });
const sizes = jsSizes('dist');
console.log('');
if (!sizes) console.log('JavaScript on first load: no build in dist/ (run `npm run build` first)');
else printJsSizes(sizes);
process.exit(run.status ?? 1);
