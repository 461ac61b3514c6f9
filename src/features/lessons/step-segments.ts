// A step's text cut where its commands and file blocks were written: Markdown runs, and between them the places
// where the buttons for action N go (the engine leaves an ACTION_MARKER line there).
import { ACTION_MARKER } from '../../../sim/labs/lab-types';
import { parseMarkdown, type Block } from './markdown';

export type StepSegment =
  | { readonly kind: 'text'; readonly blocks: readonly Block[] }
  | { readonly kind: 'action'; readonly index: number };

/** The step's text as Markdown runs and action places, in order. Pure. */
export function stepSegments(text: string): StepSegment[] {
  const out: StepSegment[] = [];
  let run: string[] = [];
  const flush = (): void => {
    const blocks = parseMarkdown(run.join('\n'));
    if (blocks.length > 0) out.push({ kind: 'text', blocks });
    run = [];
  };
  for (const line of text.split('\n')) {
    const m = ACTION_MARKER.exec(line.trim());
    if (!m) { run.push(line); continue; }
    flush();
    out.push({ kind: 'action', index: Number(m[1]) });
  }
  flush();
  return out;
}
