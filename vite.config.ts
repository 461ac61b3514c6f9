import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  base: './',
  plugins: [svelte()],
  worker: { format: 'es' },
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
