// `ls` for processes that can see a file system (an exec'd command): names in columns-free form, one per line
// when not on a terminal, `-l` with plausible owners and sizes, `-a` for dot entries.
// SIMPLIFIED: every entry is owned by root with mode 644 (files) or 755 (directories), dated at the Unix epoch.
import type { Builtin, ShellRun, ShellState } from './shell-run';

function* done(status: number): ShellRun {
  return status;
}

function ls(argv: readonly string[], sh: ShellState): ShellRun {
  const flags = argv.slice(1).filter((a) => a.startsWith('-') && a.length > 1).join('');
  const targets = argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  const gnu = sh.io.flavour === 'gnu';
  let status = 0;
  const show = (name: string, path: string): void => {
    if (!flags.includes('l')) { sh.io.out(name); return; }
    const text = sh.io.readFile?.(path);
    const dir = text === undefined;
    sh.io.out(`${dir ? 'drwxr-xr-x' : '-rw-r--r--'}    ${dir ? 2 : 1} root     root     ${String(dir ? 4096 : text.length).padStart(8)} Jan  1  1970 ${name}`);
  };
  const list = targets.length > 0 ? targets : ['.'];
  list.forEach((t, i) => {
    const path = t === '.' ? '/' : t;
    const entries = sh.io.listDir?.(path);
    if (entries === undefined) {
      if (sh.io.readFile?.(path) !== undefined) { show(t, path); return; }
      sh.io.err(gnu ? `ls: cannot access '${t}': No such file or directory` : `ls: ${t}: No such file or directory`);
      status = gnu ? 2 : 1;
      return;
    }
    if (list.length > 1) { if (i > 0) sh.io.out(''); sh.io.out(`${t}:`); }
    if (flags.includes('l')) sh.io.out(`total ${entries.length * 4}`);
    for (const name of flags.includes('a') ? ['.', '..', ...entries] : entries.filter((n) => !n.startsWith('.'))) {
      show(name, `${path.replace(/\/$/, '')}/${name}`);
    }
  });
  return done(status);
}

/** ls, by program name. */
export const FILE_TOOLS: Readonly<Record<string, Builtin>> = { ls };
