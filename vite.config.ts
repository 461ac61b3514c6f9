import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { cspMeta } from './src/pwa/build/plugins.js';
import { builtInLabs } from './src/labs/build/built-in-labs.js';

// The hosted build (dist/): relative URLs so it works from any sub-path, and a service worker that precaches
// every file of the page so it keeps working offline after the first visit. The single self-contained file is
// built by vite.single.config.ts.
export default defineConfig({
  base: './',
  plugins: [
    svelte(),
    builtInLabs(fileURLToPath(new URL('./src/labs', import.meta.url))),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // The engine's worker is one large file; precache it whole.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        // The first visit's page is served by the worker as soon as it is installed, so what the page loads on
        // first use (the terminal, the shell's commands, the editor) comes from the cache even if the network
        // drops before the student types. A later version still waits for the student's go-ahead.
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
    cspMeta('hosted'),
  ],
  worker: { format: 'es' },
  // Libraries only reached through import() (the terminal, the worker's command layer): named here so the dev
  // server prepares them up front instead of reloading the page when they are first used.
  optimizeDeps: { include: ['@xterm/xterm', '@xterm/addon-fit', 'shell-quote', '@michaelhomer/jqjs', 'jsonpath-plus', 'yaml'] },
  build: { target: 'es2022', sourcemap: true },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'sim', environment: 'node', include: ['tests/sim/**/*.test.ts', 'tests/scenarios/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'ui', environment: 'node', include: ['tests/ui/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'fuzz', environment: 'node', include: ['tests/fuzz/**/*.test.ts'], testTimeout: 600_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e', environment: 'node', include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false,
        },
      },
    ],
  },
});
