// The JavaScript a first visit needs, read from the hosted build (dist/): the entry script, the modules
// index.html preloads and everything they import statically, plus the engine's worker the entry starts and its
// static imports. Chunks reached only through `import()` load on demand (the terminal's xterm.js after the first
// picture, the worker's command layer on the first command, the editor when it opens) and are listed apart.
// Sizes are gzip level 9, as a static host would send them.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The chunks a chunk imports statically (`from"./x.js"`, `import"./x.js"`), as paths under dist. */
function staticImports(dist, file) {
  const code = readFileSync(join(dist, file), 'utf8');
  return [...code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)].map((m) => join('assets', m[1]));
}

/** `files` and every chunk they import statically, transitively. */
function withStaticImports(dist, files) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of staticImports(dist, file)) visit(next);
  };
  files.forEach(visit);
  return seen;
}

/** First-load and on-demand JavaScript of `dist`, in bytes (raw and gzipped), or undefined without a build. */
export function jsSizes(dist = 'dist') {
  const indexPath = join(dist, 'index.html');
  if (!existsSync(indexPath)) return undefined;
  const html = readFileSync(indexPath, 'utf8');
  const entry = [...html.matchAll(/<script[^>]*type="module"[^>]*src="\.\/([^"]+\.js)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\.\/([^"]+\.js)"/g)].map((m) => m[1]);
  const page = withStaticImports(dist, [...entry, ...preloads]);
  const workers = [];
  for (const file of page) {
    const code = readFileSync(join(dist, file), 'utf8');
    for (const m of code.matchAll(/new Worker\(new URL\(new URL\(`([^`]+\.js)`/g)) workers.push(join('assets', m[1]));
  }
  const first = new Set([...page, ...withStaticImports(dist, workers)]);
  const size = (file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const firstLoad = [...first].map(size);
  const onDemand = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js') && !first.has(join('assets', f)))
    .map((f) => size(join('assets', f))).sort((a, b) => b.gzip - a.gzip);
  const sum = (files, key) => files.reduce((n, f) => n + f[key], 0);
  return { firstLoad, total: sum(firstLoad, 'gzip'), totalRaw: sum(firstLoad, 'raw'), onDemand, onDemandTotal: sum(onDemand, 'gzip') };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;

/** The report `npm run bench` prints. */
export function printJsSizes(sizes) {
  console.log(`JavaScript on first load (dist/, gzip -9): ${kb(sizes.total)} gzipped, ${kb(sizes.totalRaw)} raw (target ≤ 300 KB gzipped)`);
  for (const f of sizes.firstLoad) console.log(`  ${f.file}: ${kb(f.gzip)} gzipped`);
  console.log(`Loaded on demand (import()): ${kb(sizes.onDemandTotal)} gzipped`);
  for (const f of sizes.onDemand) console.log(`  ${f.file}: ${kb(f.gzip)} gzipped`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = jsSizes(process.argv[2]);
  if (!sizes) console.log('no build in dist/: run `npm run build` first');
  else printJsSizes(sizes);
}
