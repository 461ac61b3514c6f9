// The programs an exec'd command can run in a container: the image's toolbox (image-tools.ts) picks among the
// simulated applets (tool-commands, net-tools, dns-tools, ping-tool, file-tools) and the text utilities of the
// terminal (grep, head, wc, …), which run here on the container's files and pipes.
import type { Builtin, ShellRun, ShellState } from '../apps/shell-run';
import { BUILTINS } from '../apps/tool-commands';
import { DNS_TOOLS } from '../apps/dns-tools';
import { PING_TOOLS } from '../apps/ping-tool';
import { FILE_TOOLS } from '../apps/file-tools';
import type { ImageToolbox } from '../apps/image-tools';
import type { Program, ProgramContext, SessionState } from '../shell/program';
import type { VirtualFs } from '../shell/vfs';
import { grep, head, tail, wc } from '../shell/programs/text-filters';
import { base64, cut, sort, tr, uniq } from '../shell/programs/text-transforms';

/** Shell builtins: present wherever a shell runs, whatever the image holds. */
const SHELL_BUILTINS = [':', 'true', 'false', 'echo', 'printf', 'exit', 'export', 'set', 'cd', 'trap', 'read', 'test', '['];

function* done(status: number): ShellRun {
  return status;
}

/** Runs one of the terminal's text programs inside the container, reading its files through the ShellIO. */
function textTool(program: Program): Builtin {
  return (argv: readonly string[], sh: ShellState) => {
    const fs = {
      read: (path: string) => {
        const text = sh.io.readFile?.(path);
        if (text !== undefined) return { ok: true, value: text };
        return { ok: false, error: sh.io.listDir?.(path) !== undefined ? 'Is a directory' : 'No such file or directory' };
      },
    } as unknown as VirtualFs;
    const session = { cwd: '/', env: new Map(), aliases: new Map(), history: [], fs, portForwards: new Map() } as SessionState;
    const lines = (emit: (line: string) => void) => (text: string): void => {
      const parts = text.split('\n');
      if (parts[parts.length - 1] === '') parts.pop();
      for (const p of parts) emit(p);
    };
    const ctx = {
      argv, stdin: sh.io.stdin ?? '', session,
      out: (text: string) => (sh.io.write ? sh.io.write(text) : lines((l) => sh.io.out(l))(text)),
      err: lines((l) => sh.io.err(l)),
    } as unknown as ProgramContext;
    const result = program(ctx);
    return done(typeof result === 'number' ? result : 1);
  };
}

const TEXT_TOOLS: Readonly<Record<string, Builtin>> = {
  grep: textTool(grep), head: textTool(head), tail: textTool(tail), wc: textTool(wc), sort: textTool(sort), uniq: textTool(uniq),
  cut: textTool(cut), tr: textTool(tr), base64: textTool(base64),
};

const ALL: Readonly<Record<string, Builtin>> = { ...BUILTINS, ...DNS_TOOLS, ...PING_TOOLS, ...FILE_TOOLS, ...TEXT_TOOLS };

/** The builtins a shell in this image can run: its programs plus the shell's own builtins. Pure. */
export function builtinsFor(toolbox: ImageToolbox): Readonly<Record<string, Builtin>> {
  const out: Record<string, Builtin> = {};
  for (const name of [...SHELL_BUILTINS, ...toolbox.programs]) {
    const b = ALL[name];
    if (b) out[name] = b;
  }
  // `tail -f` on a file keeps following; the container-process variant waits forever, which suits exec too.
  if (toolbox.programs.has('tail') && BUILTINS.tail) out.tail = (argv, sh) => (argv.includes('-f') ? BUILTINS.tail(argv, sh) : TEXT_TOOLS.tail(argv, sh));
  return out;
}
