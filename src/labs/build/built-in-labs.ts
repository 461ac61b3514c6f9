// The built-in labs (src/labs/*.md), parsed when the page is built: the page carries them ready to show, so the
// lab parser and its YAML library load only when a student or an instructor brings a lab file of their own. A
// lab with a problem fails the build with the parser's message.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { tsImport } from 'tsx/esm/api';

type LabSetModule = typeof import('../../../sim/labs/lab-set');

const MODULE_ID = 'virtual:kubesim/built-in-labs';
const RESOLVED_ID = `\0${MODULE_ID}`;

/**
 * Every lab of `dir`, parsed and cross-checked, as the module's source text; throws with every problem found. The
 * parser is loaded when a build asks (not bundled into the Vite config, which loads for every build and test run).
 */
export async function builtInLabsModule(dir: string): Promise<{ source: string; files: string[] }> {
  const { labIdOf, loadLabSet } = await tsImport('../../../sim/labs/lab-set.ts', import.meta.url) as LabSetModule;
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => join(dir, f));
  const set = loadLabSet(files.map((file) => ({ id: labIdOf(file), text: readFileSync(file, 'utf8') })));
  if (set.errors.size > 0) {
    throw new Error([...set.errors].map(([id, errors]) => `${id}.md: ${errors.join('; ')}`).join('\n'));
  }
  return { source: `export default ${JSON.stringify(set.labs)};\n`, files };
}

/** Serves `virtual:kubesim/built-in-labs`: the labs of `dir` in module order; a changed lab file reloads the page. */
export function builtInLabs(dir: string): Plugin {
  return {
    name: 'kubesim:built-in-labs',
    resolveId(id) {
      return id === MODULE_ID ? RESOLVED_ID : undefined;
    },
    async load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const { source, files } = await builtInLabsModule(dir);
      for (const file of files) this.addWatchFile(file);
      return source;
    },
    hotUpdate({ file, server }) {
      if (!file.startsWith(dir) || !file.endsWith('.md')) return undefined;
      const mod = server.moduleGraph.getModuleById(RESOLVED_ID);
      if (mod) server.moduleGraph.invalidateModule(mod);
      server.ws.send({ type: 'full-reload' });
      return [];
    },
  };
}
