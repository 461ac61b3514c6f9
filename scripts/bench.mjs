// `npm run bench`: bundles the engine benchmark the way the page ships the engine (one esbuild bundle, no
// name-keeping wrappers), then runs it with a collectable heap so memory figures are measured after GC.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { jsSizes } from './js-size.mjs';

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
else {
  console.log(`JavaScript on first load (dist/, gzip -9): ${(sizes.total / 1024).toFixed(0)} KB gzipped, ${(sizes.totalRaw / 1024).toFixed(0)} KB raw (target ≤ 300 KB gzipped)`);
  for (const f of sizes.firstLoad) console.log(`  ${f.file}: ${(f.gzip / 1024).toFixed(0)} KB gzipped`);
}
process.exit(run.status ?? 1);
