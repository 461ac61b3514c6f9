// The JavaScript a first visit loads, read from the hosted build (dist/): the entry script and the modules
// index.html preloads, plus the engine's worker the entry starts. Everything else (the editor, the service
// worker's helper) loads later, on demand. Sizes are gzip level 9, as a static host would send them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** First-load and on-demand JavaScript of `dist`, in bytes (raw and gzipped), or undefined without a build. */
export function jsSizes(dist = 'dist') {
  const indexPath = join(dist, 'index.html');
  if (!existsSync(indexPath)) return undefined;
  const html = readFileSync(indexPath, 'utf8');
  const entry = [...html.matchAll(/<script[^>]*type="module"[^>]*src="\.\/([^"]+\.js)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\.\/([^"]+\.js)"/g)].map((m) => m[1]);
  const first = new Set([...entry, ...preloads]);
  for (const file of entry) {
    const code = readFileSync(join(dist, file), 'utf8');
    for (const m of code.matchAll(/new Worker\(new URL\(new URL\(`([^`]+\.js)`/g)) first.add(join('assets', m[1]));
  }
  const size = (file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const firstLoad = [...first].map(size);
  return { firstLoad, total: firstLoad.reduce((n, f) => n + f.gzip, 0), totalRaw: firstLoad.reduce((n, f) => n + f.raw, 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = jsSizes(process.argv[2]);
  if (!sizes) {
    console.log('no build in dist/: run `npm run build` first');
  } else {
    for (const f of sizes.firstLoad) console.log(`  ${f.file}: ${(f.raw / 1024).toFixed(0)} KB, ${(f.gzip / 1024).toFixed(0)} KB gzipped`);
    console.log(`JavaScript on first load: ${(sizes.totalRaw / 1024).toFixed(0)} KB, ${(sizes.total / 1024).toFixed(0)} KB gzipped`);
  }
}
