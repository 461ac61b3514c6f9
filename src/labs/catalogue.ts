// The built-in labs, parsed from this folder's Markdown files when the page is built (build/built-in-labs.ts),
// in module order (the files are named `module-N-…`).
import type { ParsedLab } from '../../sim/labs/lab-set';
import labs from 'virtual:kubesim/built-in-labs';

export const BUILT_IN_LABS: readonly ParsedLab[] = labs.map((lab) => ({ id: lab.id, lab }));
