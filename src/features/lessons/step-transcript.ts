// What a lab check reads from the terminal: the commands run since the step began, with what they printed and
// how they exited, taken from the page's transcript. Notes the page prints itself (`# …`) are not commands.
import type { TranscriptEntry } from '../../../sim/labs/lab-types';
import { commandView, type CommandLog } from '../../lib/command-log';

const isNote = (line: string): boolean => line.trimStart().startsWith('#');

/** The commands of the transcript from entry `fromSeq` on, oldest first, as lab checks read them. Pure. */
export function transcriptSince(log: CommandLog, fromSeq: number): TranscriptEntry[] {
  return log.entries
    .filter((e) => e.seq >= fromSeq && !isNote(e.line))
    .map((e) => {
      const v = commandView(log, e);
      const stderr = v.error ? `${v.stderr}${v.error}\n` : v.stderr;
      return { line: e.line, stdout: v.stdout, stderr, ...(v.exitCode !== undefined ? { exitCode: v.exitCode } : {}) };
    });
}

/** How many commands since entry `fromSeq` have finished (exited, or failed to run): a new one is worth a check. Pure. */
export function finishedSince(log: CommandLog, fromSeq: number): number {
  let n = 0;
  for (const e of log.entries) {
    if (e.seq < fromSeq || isNote(e.line)) continue;
    const v = commandView(log, e);
    if (!v.running) n++;
  }
  return n;
}
