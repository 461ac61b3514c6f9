import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { cspMeta, singleFileLinks } from './src/pwa/build/plugins.js';
import { builtInLabs } from './src/labs/build/built-in-labs.js';

// The single self-contained page (dist-single/kubesim.html) that runs from file://: scripts, styles, the icon
// and the engine's worker are all inlined (the worker as a classic script started from a blob: URL, since
// module scripts do not load from file://). There is no service worker: the file is already offline.
const inlineWorkerFactory = fileURLToPath(new URL('./src/lib/worker-factory-inline.ts', import.meta.url));

export default defineConfig({
  base: './',
  publicDir: false,
  // sim-connection.ts imports './worker-factory': here it gets the factory that inlines the worker.
  resolve: { alias: [{ find: /^\.\/worker-factory$/, replacement: inlineWorkerFactory }] },
  plugins: [
    svelte(),
    builtInLabs(fileURLToPath(new URL('./src/labs', import.meta.url))),
    // Disabled: `virtual:pwa-register` still resolves, to a registration that does nothing.
    VitePWA({ disable: true, injectRegister: false, manifest: false }),
    singleFileLinks(fileURLToPath(new URL('./public', import.meta.url))),
    viteSingleFile({ outputFileName: 'kubesim.html' }),
    cspMeta('single'),
  ],
  worker: { format: 'iife' },
  build: { target: 'es2022', outDir: 'dist-single', emptyOutDir: true, sourcemap: false },
});
