// A lab's manifest as the step shows it: its lines, each marked when the student's own file lacks it, so a step
// that changes one line of an earlier file shows which line.

export interface FileLine {
  readonly text: string;
  /** The student's file has no such line (as many times): this is what the step adds or changes. */
  readonly changed: boolean;
}

/** The lab's `content` line by line, marked against the student's `mine` (unmarked when there is none). Pure. */
export function fileLines(content: string, mine: string | undefined): FileLine[] {
  const lines = content.replace(/\n$/, '').split('\n');
  if (mine === undefined) return lines.map((text) => ({ text, changed: false }));
  const have = new Map<string, number>();
  for (const line of mine.split('\n')) have.set(line.trimEnd(), (have.get(line.trimEnd()) ?? 0) + 1);
  return lines.map((text) => {
    const left = have.get(text.trimEnd()) ?? 0;
    if (left > 0) have.set(text.trimEnd(), left - 1);
    return { text, changed: left === 0 };
  });
}
