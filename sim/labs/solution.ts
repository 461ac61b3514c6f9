// A step's solution: the shell lines a student would type, plus a few directives for what the page does with
// buttons (save a lab file, power a node off or on) and `sleep N` for letting virtual time pass.
import type { LabFile, LabStep, SolutionAction } from './lab-types';
import { splitCommands } from '../shell/parse';

const SLEEP = /^sleep\s+(\d+(?:\.\d+)?)([smh]?)$/;
const UNITS: Readonly<Record<string, number>> = { '': 1_000, s: 1_000, m: 60_000, h: 3_600_000 };

/** Parses a solution block into actions (one per complete command; heredocs stay whole). Pure. */
export function parseSolution(body: string): { ok: true; actions: SolutionAction[] } | { ok: false; errors: string[] } {
  const actions: SolutionAction[] = [];
  const errors: string[] = [];
  for (const command of splitCommands(body)) {
    const line = command.trim();
    if (line === '' || line.startsWith('#')) continue;
    const sleep = SLEEP.exec(line);
    if (sleep) { actions.push({ kind: 'wait', ms: Math.round(Number(sleep[1]) * UNITS[sleep[2]]) }); continue; }
    if (!line.startsWith('@')) { actions.push({ kind: 'exec', line: command }); continue; }
    const [directive, ...args] = line.split(/\s+/);
    if (directive === '@write') {
      const [file, ...subs] = args;
      if (!file) { errors.push('@write needs a file name'); continue; }
      const substitutions: [string, string][] = [];
      for (const s of subs) {
        const m = /^([A-Za-z_][A-Za-z0-9_-]*)=(.+)$/.exec(s);
        if (m) substitutions.push([m[1], m[2]]); else errors.push(`@write ${file}: "${s}" is not PLACEHOLDER=VALUE`);
      }
      actions.push({ kind: 'write', file, substitutions });
    } else if (directive === '@stop-node' || directive === '@start-node') {
      const index = Number(args[0]);
      if (args.length !== 1 || !Number.isInteger(index) || index < 0) { errors.push(`${directive} needs a node number (0 for the first node)`); continue; }
      actions.push({ kind: 'node', index, on: directive === '@start-node' });
    } else {
      errors.push(`unknown directive ${directive} (use @write, @stop-node, @start-node)`);
    }
  }
  return errors.length === 0 ? { ok: true, actions } : { ok: false, errors };
}

/** The file a step's `@write` means: the step's own, else the latest earlier step's of that name. Pure. */
export function fileFor(steps: readonly LabStep[], stepIndex: number, name: string): LabFile | undefined {
  for (let i = stepIndex; i >= 0; i--) {
    const file = steps[i].files.find((f) => f.name === name);
    if (file) return file;
  }
  return undefined;
}

/** Escapes text for an unquoted heredoc body, so only the shell variables put in on purpose expand. Pure. */
function heredocText(content: string): string {
  return content.replace(/[\\$`]/g, (c) => `\\${c}`);
}

/** The shell line that saves `file` with its placeholders filled from shell variables. Pure. */
export function filledFileCommand(file: LabFile, substitutions: readonly (readonly [string, string])[]): string {
  let text = heredocText(file.content.endsWith('\n') ? file.content : `${file.content}\n`);
  for (const [placeholder, value] of substitutions) text = text.split(placeholder).join(value);
  return `cat <<KUBESIM_EOF > ${file.name}\n${text}KUBESIM_EOF`;
}
