// The built-in labs as raw Markdown, bundled with the page; the worker parses them (sim/labs/parse-lab.ts).
import type { LabSource } from '../../sim/labs/lab-set';

const files = import.meta.glob('./*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Every lab file of this folder, by file name (module order: the files are named `module-N-…`). */
export const BUILT_IN_LABS: readonly LabSource[] = Object.entries(files)
  .map(([path, text]) => ({ id: path.replace(/^\.\//, '').replace(/\.md$/, ''), text }))
  .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
